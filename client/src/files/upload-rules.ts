import {servedInline} from '@chorus/schema';

/**
 * The rules of uploading, as pure functions (tested in upload-rules.test.ts):
 * what a file shows as, how big its placeholder is, what a message of files
 * alone says, and what an upload does next.
 */

/** How a file is drawn on a message. */
export type FileDisplay = 'image' | 'video' | 'audio' | 'file';

/**
 * [FL4][FL5] An image is drawn when the browser may show it (a type served
 * inline) or it has a thumbnail; audio and video play inline when served
 * inline; anything else is a name, a size and a download.
 */
export function displayOf(file: {mimeType: string; thumbnailS3Key?: string | null | undefined}): FileDisplay {
  const family = file.mimeType.split('/')[0];
  if (family === 'image' && (servedInline(file.mimeType) || file.thumbnailS3Key)) return 'image';
  if ((family === 'video' || family === 'audio') && servedInline(file.mimeType)) return family;
  return 'file';
}

/** The icon beside a file's name, by what it holds. */
export type FileIcon = 'image' | 'video' | 'audio' | 'archive' | 'text' | 'file';

export function iconOf(mimeType: string, fileName: string): FileIcon {
  const family = mimeType.split('/')[0];
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  if (/zip|tar|gzip|x-7z|rar|compressed/.test(mimeType) || /\.(zip|tar|gz|tgz|7z|rar)$/i.test(fileName))
    return 'archive';
  if (family === 'text' || /pdf|json|xml|document|sheet|presentation|msword|rtf/.test(mimeType))
    return 'text';
  return 'file';
}

/** Where an image is drawn on a message: at most this wide and tall (CSS pixels). */
export const IMAGE_BOX = {width: 320, height: 240} as const;

/**
 * [FL5] The size an image takes on a message: its own (the thumbnail's, or
 * the sender's local file's) scaled down to fit `box`, never up; a box of the
 * default shape while no size is known yet (someone else's image before its
 * thumbnail is made).
 */
export function imageSize(
  known: {width?: number | null | undefined; height?: number | null | undefined},
  box: {width: number; height: number} = IMAGE_BOX,
): {width: number; height: number} {
  const {width, height} = known;
  if (!width || !height || width <= 0 || height <= 0) return {...box};
  const scale = Math.min(1, box.width / width, box.height / height);
  return {width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale))};
}

/**
 * [MS2] A message's text is never empty, so a message of files alone says
 * their names: what a notification, a preview or a search then shows.
 */
export function contentWithFiles(text: string, fileNames: readonly string[]): string {
  const typed = text.trim();
  return typed || fileNames.join(', ');
}

/** Where an upload is. */
export type UploadPhase =
  /** Not in storage yet, and nothing is sending it: offline, or not started. */
  | 'waiting'
  /** Its bytes are on their way to storage. */
  | 'uploading'
  /** In storage under `uploadID`, not yet attached to a message. */
  | 'stored'
  /** Being attached to its message. */
  | 'attaching'
  /** Attached: the synced row takes over. */
  | 'done'
  /** Stopped, with `error` saying why and what to do. */
  | 'failed';

/** The state of a message's send, as far as its files care. */
export type MessageSend = 'pending' | 'failed' | 'confirmed';

/** What a sent upload does next. */
export type NextStep = 'wait' | 'transfer' | 'attach';

/**
 * [FL3] A file attaches only to a message the server has: a sent upload
 * waits for its message's confirmation (the outbox entry gone) and for a
 * network, then sends its bytes if they are not in storage yet, then
 * attaches them.
 */
export function nextStep(
  upload: {phase: UploadPhase; uploadID?: string | undefined},
  context: {online: boolean; send: MessageSend},
): NextStep {
  if (upload.phase !== 'waiting' && upload.phase !== 'stored') return 'wait';
  if (!context.online) return 'wait';
  if (upload.phase === 'waiting' || !upload.uploadID) return 'transfer';
  return context.send === 'confirmed' ? 'attach' : 'wait';
}

/** A failed call as the uploader sees it: its HTTP status (0 offline) and the field at fault. */
export type CallFailure = {status: number; field?: string | undefined; message: string};

/** What to do after a failed attach. */
export type AfterFailure =
  {then: 'retry'; delayMs: number} | {then: 'upload-again'} | {then: 'fail'; message: string};

/** Attaches tried in a row before the upload stops (about two minutes of backoff). */
export const MAX_ATTACH_ATTEMPTS = 7;

/**
 * [FL3] After `attempts` failed attaches (this one included): the network
 * or the server's trouble retries with backoff; a message the server does
 * not have yet (another tab or the service worker still sending it) too,
 * until the tries run out; an upload storage no longer has (expired,
 * cleaned up after an hour) is sent again; a refusal (size, type, count)
 * is final, in the server's words.
 */
export function afterAttachFailure(failure: CallFailure, attempts: number, notSent: string): AfterFailure {
  const {status, field} = failure;
  const retry = {then: 'retry', delayMs: Math.min(30_000, 1000 * 2 ** (attempts - 1))} as const;
  if (status === 0 || status >= 500 || status === 429) return retry;
  if ((status === 404 || status === 409) && field === 'uploadId')
    return attempts < MAX_ATTACH_ATTEMPTS ? {then: 'upload-again'} : {then: 'fail', message: failure.message};
  if (status === 404 && field === 'messageId')
    return attempts < MAX_ATTACH_ATTEMPTS ? retry : {then: 'fail', message: notSent};
  return {then: 'fail', message: failure.message};
}

/** Percent for a progress bar, from bytes sent of a total. */
export const percentOf = (sent: number, total: number) =>
  total > 0 ? Math.min(100, Math.max(0, Math.floor((sent / total) * 100))) : 0;
