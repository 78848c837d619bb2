import {confirmAction} from '../components/confirm-dialog.tsx';
import {useToastStore} from '../stores/toast-store.ts';
import {msg} from '../i18n/index.ts';
import {textOf} from './machine.ts';
import type {OutboxEntry} from './types.ts';
import {discardWrite, retryWrite} from './write.ts';

/** [OB3] What one can do with a write that was not sent: send it again, keep its text, or drop it. */
export function EntryActions({entry}: {entry: OutboxEntry}) {
  const toast = useToastStore(s => s.show);
  const text = textOf(entry);
  const button = 'rounded px-1.5 py-0.5 text-xs font-medium text-brand hover:bg-surface-3';
  return (
    <span className="inline-flex gap-1">
      <button className={button} onClick={() => void retryWrite(entry.id)}>
        {msg.outbox.retry}
      </button>
      {text !== undefined ? (
        <button
          className={button}
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => toast(msg.outbox.copied, 'info'),
              (err: unknown) => toast(String(err)),
            )
          }
        >
          {msg.outbox.copyText}
        </button>
      ) : null}
      <button
        className={button}
        onClick={async () => {
          const ok = await confirmAction({
            title: msg.outbox.discardTitle,
            body: msg.outbox.discardBody,
            confirmLabel: msg.outbox.discard,
            destructive: true,
          });
          if (ok) void discardWrite(entry.id);
        }}
      >
        {msg.outbox.discard}
      </button>
    </span>
  );
}
