import {msg} from '../i18n/index.ts';

/** A count pill; the label says what it counts for screen readers. */
export function UnreadBadge({
  count,
  label,
  prefix = '',
  tone = 'danger',
}: {
  count: number;
  label: string;
  prefix?: string;
  tone?: 'danger' | 'muted';
}) {
  if (count <= 0) return null;
  return (
    <span
      aria-label={label}
      className={`ml-auto min-w-5 rounded-full px-1.5 text-center text-xs leading-5 font-semibold text-white dark:text-[#111] ${
        tone === 'danger' ? 'bg-danger' : 'bg-ink-muted'
      }`}
    >
      {prefix}
      {msg.common.badgeCount(count)}
    </span>
  );
}
