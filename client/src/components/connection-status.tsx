import {useConnectionState} from '@rocicorp/zero/react';
import {msg} from '../i18n/index.ts';

const dots: Record<string, string> = {
  connected: 'bg-ok',
  connecting: 'bg-yellow-500',
  disconnected: 'bg-ink-muted',
  'needs-auth': 'bg-yellow-500',
  error: 'bg-danger',
  closed: 'bg-ink-muted',
};

/** Always-visible sync state, announced politely when it changes. */
export function ConnectionStatus() {
  const state = useConnectionState();
  const dot = dots[state.name] ?? 'bg-ink-muted';
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 text-xs text-ink-muted"
      data-state={state.name}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      <span>{msg.connection[state.name]}</span>
    </div>
  );
}
