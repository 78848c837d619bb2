import {useEffect, useMemo, useState} from 'react';
import {FilesIcon} from './files-icon.tsx';
import {filesMsg} from '../i18n/files.ts';
import type {FileRow} from '../messages/types.ts';
import {fileURL} from './file-api.ts';
import {FileIcon} from './file-icon.tsx';
import {FileTile} from './file-tile.tsx';
import {Lightbox} from './lightbox.tsx';
import {cancelUpload, retryUpload} from './uploader.ts';
import {InfectedFile, ScanningFile} from './scanned-file.tsx';
import {UploadStatus} from './upload-status.tsx';
import {displayOf, imageSize} from './upload-rules.ts';
import {uploadsWhere, useUploadStore, type Upload} from './upload-store.ts';
import {useFileURL} from './use-file-url.ts';
import {useObjectURL} from './use-object-url.ts';

/** Someone else's image with no thumbnail after this long is shown from its original (a thumbnail job failed). */
const THUMBNAIL_WAIT_MS = 8000;

/**
 * A message's files (FL3): images at their reserved size (FL5) opening a
 * lightbox, audio and video playing inline, anything else a name, a size
 * and a download. On my own message, the files still on their way are
 * drawn too, from this device, with their progress.
 */
export default function MessageFiles({messageID, files}: {messageID: string; files: readonly FileRow[]}) {
  const all = useUploadStore(s => s.uploads);
  const mine = useMemo(() => uploadsWhere(all, u => u.messageID === messageID), [all, messageID]);
  const synced = new Set(files.map(f => f.id));
  const pending = mine.filter(u => !u.uploadID || !synced.has(u.uploadID));
  if (!files.length && !pending.length) return null;
  return (
    <ul className="mt-1 flex flex-wrap items-start gap-2">
      {files.map(f => (
        <li key={f.id} className="max-w-full">
          <SyncedFile file={f} local={mine.find(u => u.uploadID === f.id)} />
        </li>
      ))}
      {pending.map(u => (
        <li key={u.key} className="max-w-full">
          <PendingFile upload={u} />
        </li>
      ))}
    </ul>
  );
}

function SyncedFile({file, local}: {file: FileRow; local: Upload | undefined}) {
  // [FL7] Nobody opens a file before clamd calls it clean.
  if (file.status === 'scanning') return <ScanningFile file={file} local={local} />;
  if (file.status === 'infected') return <InfectedFile file={file} />;
  switch (displayOf(file)) {
    case 'image':
      return <ImageFile file={file} local={local} />;
    case 'video':
    case 'audio':
      return <PlayedFile file={file} />;
    case 'file':
      return <FileCard file={file} />;
  }
}

function ImageFile({file, local}: {file: FileRow; local: Upload | undefined}) {
  const [open, setOpen] = useState(false);
  const [waited, setWaited] = useState(false);
  const hasThumbnail = Boolean(file.thumbnailS3Key);
  useEffect(() => {
    if (hasThumbnail) return;
    const timer = setTimeout(() => setWaited(true), THUMBNAIL_WAIT_MS);
    return () => clearTimeout(timer);
  }, [hasThumbnail]);
  const thumbnail = useFileURL(file.id, {thumbnail: true, wanted: hasThumbnail});
  const original = useFileURL(file.id, {wanted: !hasThumbnail && waited && !local});
  const preview = useObjectURL(hasThumbnail ? undefined : local?.file);
  const size = imageSize(
    file.thumbnailWidth && file.thumbnailHeight
      ? {width: file.thumbnailWidth, height: file.thumbnailHeight}
      : (local ?? {}),
  );
  const src = thumbnail.url ?? preview ?? original.url;
  return (
    <>
      <button
        type="button"
        aria-label={filesMsg.open(file.fileName)}
        title={file.fileName}
        onClick={() => setOpen(true)}
        style={{width: size.width, height: size.height}}
        className="block max-w-full overflow-hidden rounded-lg bg-surface-3"
      >
        {src ? (
          <img
            src={src}
            alt={filesMsg.image(file.fileName)}
            width={size.width}
            height={size.height}
            className="h-full w-full object-cover"
          />
        ) : (
          <span className="flex h-full items-center justify-center text-ink-muted">
            <FilesIcon name="image" size={28} />
            <span className="sr-only">{filesMsg.loadingImage}</span>
          </span>
        )}
      </button>
      {open ? <Lightbox file={file} preview={src} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PlayedFile({file}: {file: FileRow}) {
  const {url, failed} = useFileURL(file.id);
  const video = file.mimeType.startsWith('video/');
  return (
    <figure className="flex max-w-full flex-col gap-1">
      {url ? (
        video ? (
          <video
            controls
            preload="metadata"
            src={url}
            aria-label={file.fileName}
            className="max-h-60 max-w-80 rounded-lg bg-black"
          />
        ) : (
          <audio controls preload="metadata" src={url} aria-label={file.fileName} className="max-w-80" />
        )
      ) : (
        <div className={`${video ? 'h-45 w-80' : 'h-14 w-80'} max-w-full rounded-lg bg-surface-3`}>
          {failed ? <p className="p-2 text-xs text-ink-muted">{filesMsg.notLoaded}</p> : null}
        </div>
      )}
      <figcaption className="truncate text-xs text-ink-muted">
        {file.fileName} · {filesMsg.size(file.fileSize)}
      </figcaption>
    </figure>
  );
}

function FileCard({file}: {file: FileRow}) {
  const [failed, setFailed] = useState(false);
  // The URL is fetched on the click (it lives five minutes); the file is sent
  // as an attachment (FL4), so going there downloads it and leaves the page as it is.
  const download = () =>
    fileURL(file.id).then(
      url => window.location.assign(url),
      () => setFailed(true),
    );
  return (
    <FileTile
      file={file}
      detail={
        <p className="text-xs text-ink-muted">{failed ? filesMsg.notLoaded : filesMsg.size(file.fileSize)}</p>
      }
      action={
        <button
          type="button"
          aria-label={filesMsg.download(file.fileName)}
          title={filesMsg.download(file.fileName)}
          onClick={() => void download()}
          className="shrink-0 rounded p-1 text-ink-muted hover:bg-surface-3 hover:text-ink"
        >
          <FilesIcon name="download" size={18} />
        </button>
      }
    />
  );
}

/** My file not attached yet: its local preview or icon, and where it is. */
function PendingFile({upload: u}: {upload: Upload}) {
  const image = u.mimeType.startsWith('image/');
  const preview = useObjectURL(image ? u.file : undefined);
  const size = imageSize(u);
  return (
    <div className="flex max-w-full flex-col gap-1">
      {image ? (
        <div
          style={{width: size.width, height: size.height}}
          className="max-w-full overflow-hidden rounded-lg bg-surface-3"
        >
          {preview ? (
            <img
              src={preview}
              alt={filesMsg.image(u.fileName)}
              className="h-full w-full object-cover opacity-70"
            />
          ) : null}
        </div>
      ) : (
        <div className="flex w-72 max-w-full items-center gap-3 rounded-lg border border-surface-3 bg-surface p-2">
          <span className="shrink-0 text-ink-muted">
            <FileIcon mimeType={u.mimeType} fileName={u.fileName} size={28} />
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium">{u.fileName}</p>
            <p className="text-xs text-ink-muted">{filesMsg.size(u.fileSize)}</p>
          </div>
        </div>
      )}
      <div className="flex w-72 max-w-full items-center gap-2">
        <div className="min-w-0 flex-1">
          <UploadStatus upload={u} />
        </div>
        {u.phase === 'failed' ? (
          <>
            <button
              type="button"
              onClick={() => retryUpload(u.key)}
              className="text-xs text-brand hover:underline"
            >
              {filesMsg.retry(u.fileName)}
            </button>
            <button
              type="button"
              onClick={() => cancelUpload(u.key)}
              className="text-xs text-ink-muted hover:underline"
            >
              {filesMsg.remove(u.fileName)}
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
