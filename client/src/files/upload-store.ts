import {create} from 'zustand';
import type {Place} from '../messages/place.ts';
import type {UploadPhase} from './upload-rules.ts';

/**
 * One file on its way: first in a composer's tray (`trayKey`), then, once
 * sent, waiting for its message (`messageID`) to be attached to it.
 */
export type Upload = {
  /** Made here: names it in the tray, the IndexedDB store and its Web Lock. */
  key: string;
  userID: string;
  place: Place;
  /** The composer it waits in (a place, or a thread), until it is sent. */
  trayKey?: string | undefined;
  /** Set when its message is sent: it is then kept in IndexedDB until attached. */
  messageID?: string | undefined;
  file: Blob;
  fileName: string;
  mimeType: string;
  fileSize: number;
  /** An image's own size, read here, so the sender's message reserves it at once. */
  width?: number | undefined;
  height?: number | undefined;
  /** The server's id for it, once asked for (FL1). */
  uploadID?: string | undefined;
  phase: UploadPhase;
  /** Bytes sent to storage so far. */
  sent: number;
  error?: string | undefined;
  /** Failed attaches in a row (FL3). */
  attempts: number;
  createdAt: number;
};

type UploadState = {uploads: Readonly<Record<string, Upload>>};

/** Every upload of this tab, tray and sent; the uploader changes them, the UI reads them. */
export const useUploadStore = create<UploadState>(() => ({uploads: {}}));

export function putUpload(upload: Upload): void {
  useUploadStore.setState(s => ({uploads: {...s.uploads, [upload.key]: upload}}));
}

/** Changes an upload that is still here (a cancelled one stays gone). */
export function patchUpload(key: string, patch: Partial<Upload>): Upload | undefined {
  const current = useUploadStore.getState().uploads[key];
  if (!current) return undefined;
  const next = {...current, ...patch};
  putUpload(next);
  return next;
}

export function dropUpload(key: string): void {
  useUploadStore.setState(s => {
    const {[key]: _gone, ...rest} = s.uploads;
    return {uploads: rest};
  });
}

const NONE: readonly Upload[] = [];

/** Uploads matching `pick`, oldest first; the same empty array when none. */
export function uploadsWhere(uploads: Readonly<Record<string, Upload>>, pick: (u: Upload) => boolean) {
  const found = Object.values(uploads)
    .filter(pick)
    .sort((a, b) => a.createdAt - b.createdAt);
  return found.length ? found : NONE;
}
