import {useOnline} from '../hooks/use-online.ts';
import {filesMsg} from '../i18n/files.ts';
import {percentOf} from './upload-rules.ts';
import type {Upload} from './upload-store.ts';

/** Where an upload is, in words and a progress bar: in the tray and on the sender's message. */
export function UploadStatus({upload: u}: {upload: Upload}) {
  const online = useOnline();
  if (u.phase === 'failed') {
    return (
      <p role="alert" className="text-xs text-danger">
        {u.error}
      </p>
    );
  }
  if (u.phase === 'uploading') {
    const percent = percentOf(u.sent, u.fileSize);
    return (
      <div className="flex items-center gap-2">
        <div
          role="progressbar"
          aria-label={filesMsg.progress(u.fileName)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-1.5 min-w-12 flex-1 overflow-hidden rounded-full bg-surface-3"
        >
          <div className="h-full bg-brand transition-[width]" style={{width: `${percent}%`}} />
        </div>
        <span className="text-xs text-ink-muted tabular-nums">{filesMsg.uploading(percent)}</span>
      </div>
    );
  }
  const words =
    u.phase === 'attaching'
      ? filesMsg.attaching
      : !online || (u.phase === 'waiting' && !u.messageID)
        ? filesMsg.waitingOffline
        : u.messageID && u.phase !== 'done'
          ? filesMsg.waitingMessage
          : u.phase === 'stored'
            ? filesMsg.uploaded
            : undefined;
  return words ? <p className="text-xs text-ink-muted">{words}</p> : null;
}
