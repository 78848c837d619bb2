import * as z from 'zod/mini';
import {ApiError} from '../lib/api.ts';
import {authedApi} from '../stores/auth-store.ts';
import type {Place} from '../messages/place.ts';

/** `POST /api/v1/files/upload/request` (FL1): where to PUT the bytes. */
const uploadTicketSchema = z.object({
  uploadId: z.string(),
  url: z.string(),
  // The headers the signature binds (FL1): the type.
  headers: z.optional(z.object({'content-type': z.string()})),
  expiresAt: z.string(),
});
export type UploadTicket = z.infer<typeof uploadTicketSchema>;

/** A file as `complete` answers it (FL3). */
const attachedFileSchema = z.object({
  id: z.string(),
  messageId: z.nullable(z.string()),
  mimeType: z.string(),
  status: z.string(),
});

const fileURLSchema = z.object({url: z.string(), expiresAt: z.string()});

/** [FL1][FL2] Asks for a presigned PUT for a file in a place. */
export function requestUpload(
  file: {fileName: string; fileSize: number; mimeType: string},
  place: Place,
): Promise<UploadTicket> {
  return authedApi('/files/upload/request', uploadTicketSchema, {
    body: {
      fileName: file.fileName,
      fileSize: file.fileSize,
      mimeType: file.mimeType,
      ...(place.roomID !== undefined ? {roomId: place.roomID} : {conversationId: place.conversationID}),
    },
  });
}

/** [FL3] Attaches a stored upload to my message (the same answer when done again). */
export function completeUpload(uploadID: string, messageID: string) {
  return authedApi('/files/upload/complete', attachedFileSchema, {
    body: {uploadId: uploadID, messageId: messageID},
  });
}

// Presigned URLs live 5 minutes (FL4): one is reused for 4, so a list that
// draws the same image again does not ask again, and none is used stale.
const REUSE_MS = 4 * 60_000;
const urls = new Map<string, {url: Promise<string>; until: number}>();

/** [FL4] A short-lived URL of a file (or its thumbnail) for an <img>, a player or a download. */
export function fileURL(fileID: string, thumbnail = false): Promise<string> {
  const path = `/files/${encodeURIComponent(fileID)}/download${thumbnail ? '?thumbnail=1' : ''}`;
  const known = urls.get(path);
  if (known && known.until > Date.now()) return known.url;
  const url = askForURL(path);
  urls.set(path, {url, until: Date.now() + REUSE_MS});
  url.catch(() => urls.delete(path));
  return url;
}

// [FL7] A 409 means the file is still being scanned (our synced row may lag
// the server's): asked again after its Retry-After, a few times.
const SCAN_RETRIES = 5;
const MAX_WAIT_S = 30;

async function askForURL(path: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await authedApi(path, fileURLSchema)).url;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409) || attempt >= SCAN_RETRIES) throw err;
      const seconds = Math.min(MAX_WAIT_S, Math.max(1, err.retryAfterSeconds ?? 5));
      await new Promise(resolve => setTimeout(resolve, seconds * 1000));
    }
  }
}
