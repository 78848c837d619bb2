import {openDB, type DBSchema, type IDBPDatabase} from 'idb';
import type {Place} from '../messages/place.ts';

/**
 * Sent files waiting to be attached, with their bytes, so that a file sent
 * offline (or before a reload) still reaches its message. Apart from the
 * outbox's database (`chorus-outbox`, a contract with the service worker):
 * the outbox holds the message, this its files, by the message's id.
 */
export const FILES_DB = 'chorus-files';
const FILES_DB_VERSION = 1;
const STORE = 'uploads';

/** What is kept of an upload: enough to upload it again from scratch, or only to attach it. */
export type StoredUpload = {
  key: string;
  userID: string;
  messageID: string;
  place: Place;
  file: Blob;
  fileName: string;
  mimeType: string;
  fileSize: number;
  width?: number | undefined;
  height?: number | undefined;
  /** Set once its bytes are in storage (FL1): only the attach is left. */
  uploadID?: string | undefined;
  createdAt: number;
};

interface FilesDB extends DBSchema {
  uploads: {key: string; value: StoredUpload; indexes: {byUser: string}};
}

let opened: Promise<IDBPDatabase<FilesDB> | undefined> | undefined;

/** The database, or undefined where IndexedDB is refused (files then wait only while the tab is open). */
function db(): Promise<IDBPDatabase<FilesDB> | undefined> {
  opened ??= (
    typeof indexedDB === 'undefined'
      ? Promise.resolve(undefined)
      : openDB<FilesDB>(FILES_DB, FILES_DB_VERSION, {
          upgrade(db) {
            db.createObjectStore(STORE, {keyPath: 'key'}).createIndex('byUser', 'userID');
          },
        })
  ).catch(() => undefined);
  return opened;
}

export async function storeUpload(upload: StoredUpload): Promise<void> {
  await (await db())?.put(STORE, upload);
}

export async function forgetUpload(key: string): Promise<void> {
  await (await db())?.delete(STORE, key);
}

/** A person's sent uploads not yet attached, oldest first. */
export async function storedUploads(userID: string): Promise<StoredUpload[]> {
  const all = (await (await db())?.getAllFromIndex(STORE, 'byUser', userID)) ?? [];
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** One kept upload, as IndexedDB has it now (another tab may have moved it on). */
export async function storedUpload(key: string): Promise<StoredUpload | undefined> {
  return (await db())?.get(STORE, key);
}
