import {useMemo} from 'react';
import {FilesIcon} from './files-icon.tsx';
import {Icon} from '../components/icons.tsx';
import {filesMsg} from '../i18n/files.ts';
import {FileIcon} from './file-icon.tsx';
import {cancelUpload, retryUpload} from './uploader.ts';
import {UploadStatus} from './upload-status.tsx';
import {uploadsWhere, useUploadStore, type Upload} from './upload-store.ts';
import {useObjectURL} from './use-object-url.ts';

/** The files waiting in a composer: each with its preview, progress, and cancel or retry. */
export function AttachmentTray({trayKey}: {trayKey: string}) {
  const all = useUploadStore(s => s.uploads);
  const uploads = useMemo(() => uploadsWhere(all, u => u.trayKey === trayKey), [all, trayKey]);
  if (!uploads.length) return null;
  return (
    <ul aria-label={filesMsg.tray} className="mb-2 flex gap-2 overflow-x-auto pb-1">
      {uploads.map(u => (
        <TrayItem key={u.key} upload={u} />
      ))}
    </ul>
  );
}

function TrayItem({upload: u}: {upload: Upload}) {
  const preview = useObjectURL(u.mimeType.startsWith('image/') ? u.file : undefined);
  const busy = u.phase === 'uploading';
  return (
    <li
      aria-label={u.fileName}
      className={`flex w-60 shrink-0 items-start gap-2 rounded-lg border bg-surface p-2 ${
        u.phase === 'failed' ? 'border-danger' : 'border-surface-3'
      }`}
    >
      <div className="flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded bg-surface-2 text-ink-muted">
        {preview ? (
          <img src={preview} alt="" className="h-full w-full object-cover" />
        ) : (
          <FileIcon mimeType={u.mimeType} fileName={u.fileName} size={24} />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="truncate text-sm font-medium" title={u.fileName}>
          {u.fileName}
        </p>
        <p className="text-xs text-ink-muted">{filesMsg.size(u.fileSize)}</p>
        <UploadStatus upload={u} />
      </div>
      <div className="flex shrink-0 flex-col gap-1">
        <button
          type="button"
          aria-label={busy ? filesMsg.cancel(u.fileName) : filesMsg.remove(u.fileName)}
          title={busy ? filesMsg.cancel(u.fileName) : filesMsg.remove(u.fileName)}
          onClick={() => cancelUpload(u.key)}
          className="rounded p-0.5 text-ink-muted hover:bg-surface-3 hover:text-ink"
        >
          <Icon name="close" size={16} />
        </button>
        {u.phase === 'failed' ? (
          <button
            type="button"
            aria-label={filesMsg.retry(u.fileName)}
            title={filesMsg.retry(u.fileName)}
            onClick={() => retryUpload(u.key)}
            className="rounded p-0.5 text-ink-muted hover:bg-surface-3 hover:text-ink"
          >
            <FilesIcon name="retry" size={16} />
          </button>
        ) : null}
      </div>
    </li>
  );
}
