/// <reference lib="webworker" />
import {openDB, type IDBPDatabase} from 'idb';
import {BY_USER, OUTBOX_DB, OUTBOX_DB_VERSION, OUTBOX_STORE} from '../outbox/types.ts';
import type {OutboxEntry} from '../outbox/types.ts';

/**
 * The tabs' outbox database, opened without ever creating or upgrading it:
 * the page owns its schema (client/src/outbox/). Opened here first, an empty
 * version 1 without stores would stop the page from ever creating them.
 * `undefined` when there is none, or it has a version this worker does not know.
 */
export async function openOutbox(): Promise<IDBPDatabase | undefined> {
  try {
    const db = await openDB(OUTBOX_DB, undefined, {
      upgrade(_db, _oldVersion, _newVersion, tx) {
        tx.abort();
      },
    });
    if (db.version === OUTBOX_DB_VERSION && db.objectStoreNames.contains(OUTBOX_STORE)) return db;
    db.close();
  } catch {
    // Aborted creation, or IndexedDB unavailable: nothing to replay.
  }
  return undefined;
}

/** Every entry of one person's outbox. */
export async function entriesOf(db: IDBPDatabase, userID: string): Promise<OutboxEntry[]> {
  return (await db.getAllFromIndex(OUTBOX_STORE, BY_USER, userID)) as OutboxEntry[];
}

/** The people with pending writes on this device. */
export async function peopleWithPending(db: IDBPDatabase): Promise<string[]> {
  const all = (await db.getAll(OUTBOX_STORE)) as OutboxEntry[];
  return [...new Set(all.filter(e => e.state === 'pending').map(e => e.userID))];
}
