import type {FormEvent, ReactNode} from 'react';
import {Alert, Button, Dialog} from './ui.tsx';
import {msg} from '../i18n/index.ts';

/**
 * A dialog that is one form: its fields, the error of the last try above
 * them, and Cancel / submit below (submit disabled while it runs). Pair it
 * with `useFormAction`, which supplies `busy`, `error` and `onSubmit`.
 */
export function FormDialog({
  title,
  open,
  onClose,
  onSubmit,
  busy,
  error,
  submitLabel,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  error: {message: string} | undefined;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error.message}</Alert> : null}
        {children}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {msg.common.cancel}
          </Button>
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
