import {openDB, type DBSchema, type IDBPDatabase} from 'idb';
import {BY_USER, BY_USER_SEQ, OUTBOX_DB, OUTBOX_DB_VERSION, OUTBOX_STORE, type OutboxEntry} from './types.ts';

interface OutboxDB extends DBSchema {
  entries: {key: string; value: OutboxEntry; indexes: {byUser: string; byUserSeq: [string, number]}};
}

/** Changes worked out from a person's entries, applied together. */
export type Changes = {put?: OutboxEntry[]; remove?: string[]};

/** Where entries live: IndexedDB, or memory when it is not available. */
export type OutboxStorage = {
  readonly durable: boolean;
  /** A person's entries, by seq. */
  list(userID: string): Promise<OutboxEntry[]>;
  /**
   * Reads a person's entries and applies what `decide` makes of them, in one
   * transaction: two tabs writing at once cannot take the same seq.
   */
  update<T>(
    userID: string,
    decide: (entries: OutboxEntry[], nextSeq: number) => {changes: Changes; result: T},
  ): Promise<T>;
  close(): void;
};

const nextSeqOf = (entries: readonly OutboxEntry[]) =>
  entries.reduce((max, e) => Math.max(max, e.seq), 0) + 1;

/** Opens the contract's database (types.ts); rejects where IndexedDB is missing or refused (private mode). */
export async function openIdbStorage(): Promise<OutboxStorage> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
  const db: IDBPDatabase<OutboxDB> = await openDB<OutboxDB>(OUTBOX_DB, OUTBOX_DB_VERSION, {
    upgrade(db) {
      const store = db.createObjectStore(OUTBOX_STORE, {keyPath: 'id'});
      store.createIndex(BY_USER, 'userID');
      store.createIndex(BY_USER_SEQ, ['userID', 'seq']);
    },
  });
  const range = (userID: string) => IDBKeyRange.bound([userID, -Infinity], [userID, Infinity]);
  return {
    durable: true,
    list: userID => db.getAllFromIndex(OUTBOX_STORE, BY_USER_SEQ, range(userID)),
    async update(userID, decide) {
      const tx = db.transaction(OUTBOX_STORE, 'readwrite');
      const entries = await tx.store.index(BY_USER_SEQ).getAll(range(userID));
      // The seq counter must not go back when the newest entry was confirmed:
      // a replaying service worker orders by it. Entries only, no counter row
      // (the contract has none), so the newest confirmed seq may be reused;
      // that is harmless, as confirmed entries are gone from the order.
      const {changes, result} = decide(entries, nextSeqOf(entries));
      await Promise.all([
        ...(changes.remove ?? []).map(id => tx.store.delete(id)),
        ...(changes.put ?? []).map(e => tx.store.put(e)),
        tx.done,
      ]);
      return result;
    },
    close: () => db.close(),
  };
}

/** Entries kept for the life of the tab: the outbox still orders and shows writes, without surviving a reload. */
export function memoryStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  const list = (userID: string) =>
    [...entries.values()].filter(e => e.userID === userID).sort((a, b) => a.seq - b.seq);
  return {
    durable: false,
    list: async userID => list(userID),
    async update(userID, decide) {
      const mine = list(userID);
      const {changes, result} = decide(mine, nextSeqOf(mine));
      for (const id of changes.remove ?? []) entries.delete(id);
      for (const e of changes.put ?? []) entries.set(e.id, structuredClone(e));
      return result;
    },
    close: () => entries.clear(),
  };
}
