import {useConnectionState} from '@rocicorp/zero/react';
import {useOnline} from '../hooks/use-online.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';

const dots: Record<string, string> = {
  connected: 'bg-ok',
  connecting: 'bg-yellow-500',
  disconnected: 'bg-ink-muted',
  'needs-auth': 'bg-yellow-500',
  error: 'bg-danger',
  closed: 'bg-ink-muted',
  offline: 'bg-ink-muted',
};

/**
 * Always-visible sync state, announced politely when it changes. [OF1] With
 * no network, or booted from this device without reaching the server, it
 * says so plainly rather than "Connecting…": what shows is what the device has.
 */
export function ConnectionStatus() {
  const state = useConnectionState();
  const online = useOnline();
  const unreachable = useAuthStore(s => s.offline);
  const name = state.name !== 'connected' && (!online || unreachable) ? 'offline' : state.name;
  const dot = dots[name] ?? 'bg-ink-muted';
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-2 text-xs text-ink-muted"
      data-state={name}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      <span>{msg.connection[name]}</span>
    </div>
  );
}
