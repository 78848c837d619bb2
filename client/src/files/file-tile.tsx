import type {ReactNode} from 'react';
import type {FileRow} from '../messages/types.ts';
import {FileIcon} from './file-icon.tsx';

/** A non-image file as a message shows it: its type icon and name, a line below (size, state), and an action. */
export function FileTile({file, detail, action}: {file: FileRow; detail: ReactNode; action?: ReactNode}) {
  return (
    <div className="flex w-72 max-w-full items-center gap-3 rounded-lg border border-surface-3 bg-surface p-2">
      <span className="shrink-0 text-ink-muted">
        <FileIcon mimeType={file.mimeType} fileName={file.fileName} size={28} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium" title={file.fileName}>
          {file.fileName}
        </p>
        {detail}
      </div>
      {action}
    </div>
  );
}
