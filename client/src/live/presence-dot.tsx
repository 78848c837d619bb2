import type {PresenceStatus} from '@chorus/schema';
import {msg} from '../i18n/index.ts';

const look: Record<PresenceStatus | 'offline', string> = {
  online: 'bg-ok',
  idle: 'bg-amber-500',
  offline: 'border-2 border-ink-muted bg-surface-2',
};

/**
 * A presence dot for over the corner of an avatar: green online, amber
 * idle, a hollow grey ring offline; named for screen readers ("online").
 */
export function PresenceDot({
  status,
  className = '',
}: {
  status: PresenceStatus | undefined;
  className?: string;
}) {
  const shown = status ?? 'offline';
  return (
    <span
      role="img"
      aria-label={msg.live.presence[shown]}
      title={msg.live.presence[shown]}
      className={`block h-2.5 w-2.5 rounded-full ring-2 ring-surface-2 ${look[shown]} ${className}`}
    />
  );
}
