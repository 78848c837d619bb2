import {useConnectionState} from '@rocicorp/zero/react';

const labels: Record<string, {text: string; dot: string}> = {
  connected: {text: 'Connected', dot: 'bg-ok'},
  connecting: {text: 'Connecting…', dot: 'bg-yellow-500'},
  disconnected: {text: 'Offline — changes will sync when you reconnect', dot: 'bg-ink-muted'},
  'needs-auth': {text: 'Reconnecting…', dot: 'bg-yellow-500'},
  error: {text: 'Connection problem — retrying', dot: 'bg-danger'},
  closed: {text: 'Closed', dot: 'bg-ink-muted'},
};

/** Always-visible sync state, announced politely when it changes. */
export function ConnectionStatus() {
  const state = useConnectionState();
  const label = labels[state.name] ?? {text: state.name, dot: 'bg-ink-muted'};
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 text-xs text-ink-muted"
      data-state={state.name}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${label.dot}`} />
      <span>{label.text}</span>
    </div>
  );
}
