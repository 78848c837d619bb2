import type {LiveMessage} from '@chorus/schema';
import {create} from 'zustand';
import {LIVE_OVERLAY_TTL_MS, newer, type LiveEntry} from './live-overlay.ts';

type LiveMessageState = {
  /** The fast lane's messages by id: the latest word on each, while the replica may still lack it. */
  entries: ReadonlyMap<string, LiveEntry>;
  /** Whether Zero is connected: only then can the replica catch up, so only then do entries run out. */
  zeroConnected: boolean;
  put: (message: LiveMessage) => void;
  /** Forgets entries the replica has caught up with. */
  drop: (ids: readonly string[]) => void;
  setZeroConnected: (connected: boolean) => void;
};

export const useLiveMessageStore = create<LiveMessageState>((set, get) => {
  /**
   * An entry runs out LIVE_OVERLAY_TTL_MS after it came, when the replica
   * is the truth again. While Zero is away the replica cannot catch up, and
   * a message seen through the fast lane would vanish until it does: the
   * entry gets another period instead.
   */
  function expireLater(id: string, entry: LiveEntry) {
    setTimeout(() => {
      if (get().entries.get(id) !== entry) return;
      if (get().zeroConnected) return get().drop([id]);
      const renewed = {...entry, receivedAt: Date.now()};
      set(s => ({entries: new Map(s.entries).set(id, renewed)}));
      expireLater(id, renewed);
    }, LIVE_OVERLAY_TTL_MS);
  }

  return {
    entries: new Map(),
    zeroConnected: true,
    put: message => {
      const kept = get().entries.get(message.id);
      const entry: LiveEntry = {message: newer(kept?.message, message), receivedAt: Date.now()};
      set(s => ({entries: new Map(s.entries).set(message.id, entry)}));
      expireLater(message.id, entry);
    },
    drop: ids => {
      const {entries} = get();
      if (!ids.some(id => entries.has(id))) return;
      const next = new Map(entries);
      for (const id of ids) next.delete(id);
      set({entries: next});
    },
    setZeroConnected: connected => set({zeroConnected: connected}),
  };
});
