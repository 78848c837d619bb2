import {servedInline} from '@chorus/schema';
import {useEffect, useRef} from 'react';
import {Icon} from '../components/icons.tsx';
import {filesMsg} from '../i18n/files.ts';
import type {FileRow} from '../messages/types.ts';
import {useFileURL} from './use-file-url.ts';

/**
 * An image at full size, over the page (a modal <dialog>: Esc closes it and
 * focus goes back to the image that opened it). The thumbnail shows while
 * the original loads.
 */
export function Lightbox({
  file,
  preview,
  onClose,
}: {
  file: FileRow;
  preview?: string | undefined;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // A type the browser may not show (TIFF) has only its thumbnail here; "Open the original" downloads it.
  const inline = servedInline(file.mimeType);
  const full = useFileURL(file.id);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={filesMsg.lightbox(file.fileName)}
      onClose={onClose}
      // A click on the backdrop (the dialog itself, around its content) closes it.
      onClick={e => {
        if (e.target === e.currentTarget) ref.current?.close();
      }}
      className="m-auto max-h-none max-w-none bg-transparent p-0 backdrop:bg-black/80"
    >
      <div className="flex max-h-[100dvh] max-w-[100vw] flex-col items-center gap-2 p-4">
        <div className="flex w-full items-center gap-2 text-white">
          <p className="min-w-0 flex-1 truncate text-sm">{file.fileName}</p>
          {full.url ? (
            <a
              href={full.url}
              target="_blank"
              rel="noopener noreferrer"
              className="rounded px-2 py-1 text-sm underline hover:bg-white/10"
            >
              {filesMsg.openOriginal}
            </a>
          ) : null}
          <button
            type="button"
            autoFocus
            aria-label={filesMsg.close}
            title={filesMsg.close}
            onClick={() => ref.current?.close()}
            className="rounded p-1 hover:bg-white/10"
          >
            <Icon name="close" size={20} />
          </button>
        </div>
        {(inline && full.url) || preview ? (
          <img
            src={(inline ? full.url : undefined) ?? preview}
            alt={file.fileName}
            className="max-h-[calc(100dvh-5rem)] max-w-[calc(100vw-2rem)] object-contain"
          />
        ) : (
          <p className="text-sm text-white">{full.failed ? filesMsg.notLoaded : filesMsg.loadingImage}</p>
        )}
      </div>
    </dialog>
  );
}
