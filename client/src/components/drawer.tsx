import {useEffect, useRef, type ReactNode} from 'react';
import {Icon} from './icons.tsx';
import {msg} from '../i18n/index.ts';

/**
 * A panel that slides over the page on narrow screens. It is a modal
 * <dialog>: focus moves into it and stays there, Esc closes it, the page
 * behind is inert, and focus goes back to the opener on close. The dialog
 * covers the viewport; its ::backdrop is the scrim, and a click anywhere
 * outside the panel (on the dialog itself) closes it. Children stay mounted
 * while it is closed (the server rail keeps counting unread messages).
 */
export function Drawer({
  label,
  side,
  open,
  onClose,
  children,
}: {
  label: string;
  side: 'left' | 'right';
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      onClose={() => {
        onClose();
        // Browsers differ on restoring focus after close(); do it ourselves.
        if (opener.current?.isConnected) opener.current.focus();
        opener.current = null;
      }}
      onClick={e => {
        if (e.target === e.currentTarget) onClose();
      }}
      className={`m-0 h-(--app-height) max-h-none w-full max-w-none bg-transparent p-0 text-ink backdrop:bg-black/50 open:flex ${
        side === 'right' ? 'flex-row-reverse' : ''
      }`}
    >
      <div className="flex h-full max-w-[calc(100vw-3.5rem)] overflow-y-auto bg-surface-2 shadow-xl">
        {children}
      </div>
      <button
        aria-label={msg.drawer.close(label)}
        title={msg.common.close}
        onClick={onClose}
        className="m-2 flex h-10 w-10 items-center justify-center self-start rounded-full bg-surface text-ink shadow"
      >
        <Icon name="close" size={18} />
      </button>
    </dialog>
  );
}
