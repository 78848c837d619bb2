import type {LiveMessage} from '@chorus/schema';
import {create} from 'zustand';
import {idbKeptSends, type KeptSends} from './kept-sends.ts';
import {LIVE_OVERLAY_TTL_MS, newer, type LiveEntry} from './live-overlay.ts';

type LiveMessageState = {
  /** The fast lane's messages by id: the latest word on each, while the replica may still lack it. */
  entries: ReadonlyMap<string, LiveEntry>;
  /** Whether Zero is connected: only then can the replica catch up, so only then do entries run out. */
  zeroConnected: boolean;
  put: (message: LiveMessage) => void;
  /** [OB5] My send the server confirmed: shown like `put`, and kept on the device until the replica has it. */
  putSent: (userID: string, message: LiveMessage) => void;
  /** Shows again my confirmed sends kept on this device (after a reload): the replica may not have them yet. */
  restoreSent: (userID: string) => Promise<void>;
  /** Forgets entries the replica has caught up with. */
  drop: (ids: readonly string[]) => void;
  setZeroConnected: (connected: boolean) => void;
};

let kept: KeptSends | undefined;
const keptSends = () => (kept ??= idbKeptSends());
/** Where confirmed sends are kept (tests pass an in-memory one). */
export function setKeptSends(next: KeptSends): void {
  kept = next;
}
/** Ids kept on the device, so only their drop touches storage. */
const keptIDs = new Set<string>();

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

  function put(message: LiveMessage) {
    const kept = get().entries.get(message.id);
    const entry: LiveEntry = {message: newer(kept?.message, message), receivedAt: Date.now()};
    set(s => ({entries: new Map(s.entries).set(message.id, entry)}));
    expireLater(message.id, entry);
  }

  return {
    entries: new Map(),
    zeroConnected: true,
    put,
    putSent: (userID, message) => {
      put(message);
      keptIDs.add(message.id);
      void keptSends().keep(userID, message);
    },
    restoreSent: async userID => {
      for (const message of await keptSends().list(userID)) {
        keptIDs.add(message.id);
        if (!get().entries.has(message.id)) put(message);
      }
    },
    drop: ids => {
      const forgotten = ids.filter(id => keptIDs.delete(id));
      if (forgotten.length) void keptSends().forget(forgotten);
      const {entries} = get();
      if (!ids.some(id => entries.has(id))) return;
      const next = new Map(entries);
      for (const id of ids) next.delete(id);
      set({entries: next});
    },
    setZeroConnected: connected => set({zeroConnected: connected}),
  };
});
