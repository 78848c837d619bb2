import {msg} from '../i18n/index.ts';
import {EntryActions} from './entry-actions.tsx';
import {textOf} from './machine.ts';
import {useOutboxStore} from './outbox-store.ts';

/**
 * [OB3] Every write of mine that ended failed, wherever it was made: a room
 * I was removed from no longer shows its messages, so its unsent text is
 * recovered here.
 */
export default function FailedWrites() {
  const entries = useOutboxStore(s => s.entries);
  const failed = entries.filter(e => e.state === 'failed');
  if (!failed.length) return null;
  return (
    <section
      aria-label={msg.outbox.failedLabel}
      className="fixed bottom-3 left-3 z-40 max-h-72 w-80 overflow-y-auto rounded-lg border border-danger/40 bg-surface p-3 text-sm shadow-lg"
    >
      <h2 className="mb-1 font-semibold text-danger">{msg.outbox.failedCount(failed.length)}</h2>
      <ul className="flex flex-col gap-2">
        {failed.map(e => (
          <li key={e.id} className="border-t border-surface-3 pt-2">
            <p className="font-medium">{msg.outbox.kinds[e.kind]}</p>
            {textOf(e) !== undefined ? (
              <p className="line-clamp-3 break-words whitespace-pre-wrap">{textOf(e)}</p>
            ) : null}
            <p className="text-xs text-danger">{msg.outbox.failed(e.error?.message ?? '')}</p>
            <EntryActions entry={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}
