import {limits} from '@chorus/schema';
import {ApiError} from '../lib/api.ts';
import {newID} from '../lib/ids.ts';
import type {Place} from '../messages/place.ts';
import {useOutboxStore} from '../outbox/outbox-store.ts';
import {filesMsg} from '../i18n/files.ts';
import {completeUpload, requestUpload} from './file-api.ts';
import {putFile, PutError} from './put-file.ts';
import {forgetUpload, storeUpload, storedUpload, storedUploads, type StoredUpload} from './upload-db.ts';
import {afterAttachFailure, nextStep, type MessageSend} from './upload-rules.ts';
import {
  dropUpload,
  patchUpload,
  putUpload,
  uploadsWhere,
  useUploadStore,
  type Upload,
} from './upload-store.ts';

/**
 * The uploads' runtime (issue 19). A file added to a composer goes to
 * storage at once (FL1), with its progress in the tray. When its message is
 * sent, the file is kept in IndexedDB with its bytes (`upload-db.ts`), and
 * attached (FL3) once the outbox has the server's confirmation of the
 * message and there is a network: offline, or after a reload, it waits and
 * then uploads. Only the outbox's public store is read; its core is not
 * touched.
 */

const transfers = new Map<string, AbortController>();
const attaching = new Set<string>();
/** Not before this time (epoch ms): an attach retried with backoff. */
const notBefore = new Map<string, number>();
/** A "done" upload stays this long, so its message keeps showing it until the synced row arrives. */
const DONE_KEPT_MS = 60_000;

const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/** Messages handed over in this tab whose outbox entry the store has not listed yet, and since when. */
const handedOver = new Map<string, number>();
/** How long a message just written counts as unconfirmed while the outbox's list catches up. */
const LIST_LAG_MS = 10_000;

function sendOf(messageID: string): MessageSend {
  const {outbox, entries} = useOutboxStore.getState();
  // Not set up yet: its entries are not known, so nothing counts as confirmed.
  if (!outbox) return 'pending';
  const entry = entries.find(e => e.id === messageID);
  if (entry) {
    handedOver.delete(messageID);
    return entry.state === 'failed' ? 'failed' : 'pending';
  }
  // The outbox lists its entries after storing them: a message just written
  // is not confirmed merely because the list has not shown it yet. (Were it
  // confirmed that fast, attaching waits a moment; a 404 retries anyway.)
  const since = handedOver.get(messageID);
  if (since !== undefined && Date.now() - since < LIST_LAG_MS) return 'pending';
  handedOver.delete(messageID);
  return 'confirmed';
}

const stored = (u: Upload & {messageID: string}): StoredUpload => ({
  key: u.key,
  userID: u.userID,
  messageID: u.messageID,
  place: u.place,
  file: u.file,
  fileName: u.fileName,
  mimeType: u.mimeType,
  fileSize: u.fileSize,
  width: u.width,
  height: u.height,
  uploadID: u.phase === 'stored' ? u.uploadID : undefined,
  createdAt: u.createdAt,
});

const persist = (u: Upload | undefined) =>
  u?.messageID ? storeUpload(stored({...u, messageID: u.messageID})).catch(() => {}) : Promise.resolve();

/**
 * Adds files to a composer's tray and starts sending them to storage.
 * Returns why some were not added (too many, empty), or undefined.
 */
export function addFiles(
  files: readonly File[],
  to: {trayKey: string; place: Place; userID: string},
): string | undefined {
  const inTray = uploadsWhere(useUploadStore.getState().uploads, u => u.trayKey === to.trayKey).length;
  const room = limits.filesPerMessageMax - inTray;
  const empty = files.find(f => f.size === 0);
  const taken = files.filter(f => f.size > 0).slice(0, Math.max(0, room));
  for (const file of taken) {
    const key = newID();
    putUpload({
      key,
      userID: to.userID,
      place: to.place,
      trayKey: to.trayKey,
      file,
      fileName: file.name || 'file',
      mimeType: file.type || 'application/octet-stream',
      fileSize: file.size,
      phase: 'waiting',
      sent: 0,
      attempts: 0,
      createdAt: Date.now(),
    });
    void readImageSize(file).then(size => size && patchUpload(key, size));
    void transfer(key);
  }
  if (files.filter(f => f.size > 0).length > taken.length) return filesMsg.tooMany(limits.filesPerMessageMax);
  return empty ? filesMsg.emptyFile(empty.name) : undefined;
}

/** An image's own size, for the space it takes before its thumbnail exists. */
async function readImageSize(file: Blob): Promise<{width: number; height: number} | undefined> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return undefined;
  try {
    const bitmap = await createImageBitmap(file);
    const size = {width: bitmap.width, height: bitmap.height};
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/** Stops an upload and forgets it, in the tray or on a sent message. */
export function cancelUpload(key: string): void {
  transfers.get(key)?.abort();
  transfers.delete(key);
  notBefore.delete(key);
  dropUpload(key);
  void forgetUpload(key);
}

/** Tries a failed upload again from the start. */
export function retryUpload(key: string): void {
  const u = patchUpload(key, {phase: 'waiting', error: undefined, attempts: 0, uploadID: undefined, sent: 0});
  notBefore.delete(key);
  void persist(u).then(pump);
}

/**
 * [FL3] Hands a tray's files to a message about to be sent: kept in
 * IndexedDB with their bytes until attached, so a reload between the two
 * loses neither. Resolves once they are stored; call `pump` once the
 * message is in the outbox (before, it would look confirmed).
 */
export async function sendUploads(trayKey: string, messageID: string): Promise<void> {
  const tray = uploadsWhere(useUploadStore.getState().uploads, u => u.trayKey === trayKey);
  if (tray.length) {
    handedOver.set(messageID, Date.now());
    setTimeout(pump, LIST_LAG_MS);
  }
  await Promise.all(tray.map(u => persist(patchUpload(u.key, {trayKey: undefined, messageID}))));
}

/** The message could not even be stored: its files go back to the tray with its text. */
export function returnToTray(messageID: string, trayKey: string): void {
  for (const u of uploadsWhere(useUploadStore.getState().uploads, x => x.messageID === messageID)) {
    patchUpload(u.key, {trayKey, messageID: undefined});
    void forgetUpload(u.key);
  }
}

/** Asks for a presigned PUT and sends the bytes there, with progress (FL1). */
async function transfer(key: string): Promise<void> {
  const start = useUploadStore.getState().uploads[key];
  if (!start || transfers.has(key)) return;
  const abort = new AbortController();
  transfers.set(key, abort);
  patchUpload(key, {phase: 'uploading', sent: 0, error: undefined});
  try {
    const ticket = await requestUpload(start, start.place);
    if (abort.signal.aborted) return;
    patchUpload(key, {uploadID: ticket.uploadId});
    await putFile(
      ticket.url,
      start.file,
      ticket.headers ?? {'content-type': start.mimeType},
      sent => patchUpload(key, {sent}),
      abort.signal,
    );
    await persist(patchUpload(key, {phase: 'stored', sent: start.fileSize}));
  } catch (err) {
    if (abort.signal.aborted) return;
    const status = err instanceof ApiError || err instanceof PutError ? err.status : -1;
    if (status === 0) {
      // No network: it starts again when there is one.
      patchUpload(key, {phase: 'waiting', sent: 0});
    } else {
      const error =
        err instanceof ApiError
          ? err.message
          : err instanceof PutError
            ? filesMsg.storageRefused(err.status)
            : String(err);
      patchUpload(key, {phase: 'failed', sent: 0, error});
    }
  } finally {
    if (transfers.get(key) === abort) transfers.delete(key);
    pump();
  }
}

/** Attaches a stored upload to its message (FL3); waits and retries as the rules say. */
async function attach(key: string): Promise<void> {
  const u = useUploadStore.getState().uploads[key];
  if (!u?.messageID || !u.uploadID || attaching.has(key)) return;
  attaching.add(key);
  patchUpload(key, {phase: 'attaching'});
  try {
    await completeUpload(u.uploadID, u.messageID);
    patchUpload(key, {phase: 'done', attempts: 0});
    await forgetUpload(key);
    setTimeout(() => {
      if (useUploadStore.getState().uploads[key]?.phase === 'done') dropUpload(key);
    }, DONE_KEPT_MS);
  } catch (err) {
    const attempts = u.attempts + 1;
    const failure =
      err instanceof ApiError
        ? {status: err.status, field: err.field, message: err.message}
        : {status: 0, message: String(err)};
    const next = afterAttachFailure(failure, attempts, filesMsg.messageNotSent);
    if (next.then === 'retry') {
      notBefore.set(key, Date.now() + next.delayMs);
      setTimeout(pump, next.delayMs);
      patchUpload(key, {phase: 'stored', attempts});
    } else if (next.then === 'upload-again') {
      await persist(patchUpload(key, {phase: 'waiting', uploadID: undefined, sent: 0, attempts}));
    } else {
      patchUpload(key, {phase: 'failed', error: next.message, attempts});
    }
  } finally {
    attaching.delete(key);
    pump();
  }
}

/**
 * One tab works on a sent upload at a time (the others may have read it from
 * IndexedDB too): a Web Lock per upload, taken if free. Inside it the stored
 * copy is read again, as another tab may have moved it on meanwhile.
 */
function exclusively(key: string, work: () => Promise<void>): void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) {
    void work();
    return;
  }
  void locks.request(`chorus-file:${key}`, {ifAvailable: true}, async lock => {
    if (!lock) return;
    const kept = await storedUpload(key);
    const here = useUploadStore.getState().uploads[key];
    if (!kept) {
      // Attached (or cancelled) by another tab.
      if (here?.messageID && here.phase !== 'done' && here.phase !== 'failed') dropUpload(key);
      return;
    }
    if (kept.uploadID && here && !here.uploadID)
      patchUpload(key, {uploadID: kept.uploadID, phase: 'stored', sent: kept.fileSize});
    await work();
  });
}

let scheduled = false;
/** Whose uploads move: the signed-in person's (another's wait in IndexedDB under their id). */
let currentUserID: string | undefined;

/** Moves every upload on that can move now; called on each change that may let one. */
export function pump(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    const now = Date.now();
    for (const u of Object.values(useUploadStore.getState().uploads)) {
      if (u.userID !== currentUserID) continue;
      if (transfers.has(u.key) || attaching.has(u.key) || (notBefore.get(u.key) ?? 0) > now) continue;
      if (!u.messageID) {
        if (u.phase === 'waiting' && online()) void transfer(u.key);
        continue;
      }
      const step = nextStep(u, {online: online(), send: sendOf(u.messageID)});
      if (step === 'transfer') exclusively(u.key, () => transfer(u.key));
      else if (step === 'attach') exclusively(u.key, () => attach(u.key));
    }
  });
}

/**
 * Starts the uploads of the signed-in person: those sent before a reload
 * come back from IndexedDB; each moves on when its message is confirmed,
 * the network returns, or a retry is due. Returns what stops it.
 */
export function startUploader(userID: string): () => void {
  let stopped = false;
  currentUserID = userID;
  void storedUploads(userID).then(kept => {
    if (stopped) return;
    const here = useUploadStore.getState().uploads;
    for (const s of kept) {
      if (here[s.key]) continue;
      putUpload({
        ...s,
        phase: s.uploadID ? 'stored' : 'waiting',
        sent: s.uploadID ? s.fileSize : 0,
        attempts: 0,
      });
    }
    pump();
  });
  const offOutbox = useOutboxStore.subscribe((s, before) => {
    if (s.entries !== before.entries || s.outbox !== before.outbox) pump();
  });
  window.addEventListener('online', pump);
  return () => {
    stopped = true;
    if (currentUserID === userID) currentUserID = undefined;
    for (const u of Object.values(useUploadStore.getState().uploads)) {
      if (u.userID !== userID) continue;
      transfers.get(u.key)?.abort();
      dropUpload(u.key);
    }
    offOutbox();
    window.removeEventListener('online', pump);
  };
}
