import {filesMsg} from '../i18n/files.ts';
import type {FileRow} from '../messages/types.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {FileTile} from './file-tile.tsx';
import {FilesIcon} from './files-icon.tsx';
import {displayOf, imageSize} from './upload-rules.ts';
import type {Upload} from './upload-store.ts';
import {useObjectURL} from './use-object-url.ts';

/**
 * [FL7] A file clamd is still checking: its placeholder (an image's reserved
 * size) and what is happening, with nothing to open or download; the synced
 * row turns `ready` and the message draws the file instead. Whoever sent it
 * sees their own image meanwhile, from the bytes on their device, dimmed:
 * nothing of it comes from the server before the scan.
 */
export function ScanningFile({file, local}: {file: FileRow; local: Upload | undefined}) {
  const image = displayOf(file) === 'image';
  const preview = useObjectURL(image ? local?.file : undefined);
  const status = (
    <p role="status" className="flex items-center gap-1 text-xs text-ink-muted">
      <FilesIcon name="shield" size={14} className="shrink-0 animate-pulse" />
      <span className="truncate">{filesMsg.scanning}</span>
    </p>
  );
  if (image) {
    const size = imageSize(local ?? {});
    return (
      <div className="flex max-w-full flex-col gap-1" title={file.fileName}>
        {preview ? (
          <img
            src={preview}
            alt={filesMsg.image(file.fileName)}
            style={{width: size.width, height: size.height}}
            className="max-w-full rounded-lg object-cover opacity-60"
          />
        ) : (
          <div
            style={{width: size.width, height: size.height}}
            className="flex max-w-full items-center justify-center rounded-lg bg-surface-3 text-ink-muted"
          >
            <FilesIcon name="image" size={28} />
            <span className="sr-only">{filesMsg.image(file.fileName)}</span>
          </div>
        )}
        {status}
      </div>
    );
  }
  return <FileTile file={file} detail={status} />;
}

/** [FL7] A file clamd found malware in: deleted, so a notice and nothing to download. */
export function InfectedFile({file}: {file: FileRow}) {
  const me = useAuthStore(s => s.user?.id);
  return (
    <div
      role="note"
      aria-label={file.fileName}
      className="flex w-72 max-w-full items-start gap-3 rounded-lg border border-danger/40 bg-surface p-2"
    >
      <span className="shrink-0 text-danger">
        <FilesIcon name="alert" size={24} />
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="truncate font-medium text-ink-muted line-through" title={file.fileName}>
          {file.fileName}
        </p>
        <p className="text-danger">{filesMsg.infected(file.scanFinding ?? undefined)}</p>
        <p className="text-xs text-ink-muted">
          {file.uploaderID === me ? filesMsg.infectedMine : filesMsg.infectedTheirs}
        </p>
      </div>
    </div>
  );
}
