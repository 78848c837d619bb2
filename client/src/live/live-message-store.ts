import type {LiveMessage} from '@chorus/schema';
import {create} from 'zustand';
import {LIVE_OVERLAY_TTL_MS, newer, type LiveEntry} from './live-overlay.ts';

type LiveMessageState = {
  /** The fast lane's messages by id: the latest word on each, for at most LIVE_OVERLAY_TTL_MS. */
  entries: ReadonlyMap<string, LiveEntry>;
  put: (message: LiveMessage) => void;
  /** Forgets entries the replica has caught up with. */
  drop: (ids: readonly string[]) => void;
};

export const useLiveMessageStore = create<LiveMessageState>((set, get) => ({
  entries: new Map(),
  put: message => {
    const kept = get().entries.get(message.id);
    const entry: LiveEntry = {message: newer(kept?.message, message), receivedAt: Date.now()};
    set(s => ({entries: new Map(s.entries).set(message.id, entry)}));
    setTimeout(() => {
      if (get().entries.get(message.id) === entry) get().drop([message.id]);
    }, LIVE_OVERLAY_TTL_MS);
  },
  drop: ids => {
    const {entries} = get();
    if (!ids.some(id => entries.has(id))) return;
    const next = new Map(entries);
    for (const id of ids) next.delete(id);
    set({entries: next});
  },
}));
