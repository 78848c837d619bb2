import {liveMessageSchema, type LiveMessage} from '@chorus/schema';
import {openDB, type DBSchema, type IDBPDatabase} from 'idb';
import * as z from 'zod/mini';

/**
 * [OB5] My sends the server confirmed through REST, kept on this device until
 * the replica has them. The outbox lets go of a write once the server
 * confirms it; when Zero is away at that moment (offline, zero-cache down)
 * the replica cannot bring the row, and a reload would lose my own message
 * from view until it can. So each confirmed send is kept here, seeded into
 * the fast lane's store on start, and forgotten once the replica has it.
 */
export type KeptSends = {
  keep(userID: string, message: LiveMessage): Promise<void>;
  /** A person's kept sends, newest last; older than `KEPT_SEND_MAX_AGE_MS` ones are forgotten. */
  list(userID: string): Promise<LiveMessage[]>;
  forget(ids: readonly string[]): Promise<void>;
};

/** After this the replica has long had the row, or never will (deleted meanwhile). */
export const KEPT_SEND_MAX_AGE_MS = 3 * 24 * 3600 * 1000;

const DB = 'chorus-sent';
const STORE = 'sends';
const BY_USER = 'byUser';

type Kept = {id: string; userID: string; keptAt: number; message: unknown};
interface SentDB extends DBSchema {
  sends: {key: string; value: Kept; indexes: {byUser: string}};
}

const keptSchema = z.object({id: z.string(), keptAt: z.number(), message: liveMessageSchema});

/** IndexedDB-backed; every call settles (a storage failure only means nothing is kept). */
export function idbKeptSends(now: () => number = Date.now): KeptSends {
  let db: Promise<IDBPDatabase<SentDB>> | undefined;
  const open = () =>
    (db ??= openDB<SentDB>(DB, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, {keyPath: 'id'}).createIndex(BY_USER, 'userID');
      },
    }));
  async function forget(ids: readonly string[]) {
    if (!ids.length) return;
    try {
      const tx = (await open()).transaction(STORE, 'readwrite');
      await Promise.all([...ids.map(id => tx.store.delete(id)), tx.done]);
    } catch {
      // Nothing kept, or storage gone: nothing to forget.
    }
  }
  return {
    async keep(userID, message) {
      try {
        await (await open()).put(STORE, {id: message.id, userID, keptAt: now(), message});
      } catch {
        // Private mode or storage refused: kept in memory only, as before.
      }
    },
    async list(userID) {
      try {
        const rows = await (await open()).getAllFromIndex(STORE, BY_USER, userID);
        const fresh: LiveMessage[] = [];
        const stale: string[] = [];
        for (const row of rows) {
          // Stored by an older version, or tampered with: not shown.
          const parsed = keptSchema.safeParse(row);
          if (parsed.success && now() - parsed.data.keptAt < KEPT_SEND_MAX_AGE_MS)
            fresh.push(parsed.data.message);
          else stale.push(row.id);
        }
        await forget(stale);
        return fresh.sort((a, b) => a.createdAt - b.createdAt);
      } catch {
        return [];
      }
    },
    forget,
  };
}
