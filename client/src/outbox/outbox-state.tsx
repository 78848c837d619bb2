import {lazy, Suspense} from 'react';
import {msg} from '../i18n/index.ts';
import type {OutboxEntry} from './types.ts';

// Only a failed write needs them: kept out of the room's first load.
const EntryActions = lazy(async () => ({default: (await import('./entry-actions.tsx')).EntryActions}));

/** Under a message: my writes to it not yet confirmed, "Sending…", or each failed one with what to do. */
export function OutboxState({entries}: {entries: readonly OutboxEntry[]}) {
  const failed = entries.filter(e => e.state === 'failed');
  if (!failed.length) {
    return <p className="text-xs text-ink-muted">{msg.outbox.pending}</p>;
  }
  return (
    <>
      {failed.map(e => (
        <p key={e.id} className="flex flex-wrap items-center gap-1 text-xs text-danger">
          {msg.outbox.failed(e.error?.message ?? '')}
          <Suspense fallback={null}>
            <EntryActions entry={e} />
          </Suspense>
        </p>
      ))}
    </>
  );
}
