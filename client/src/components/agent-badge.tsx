import {msg} from '../i18n/index.ts';

/**
 * The "AI" beside an agent's name wherever it shows (AG4), named "AI agent"
 * for screen readers. Pass `userType` as the row has it: people get nothing.
 */
export function AgentBadge({userType, size = 'sm'}: {userType: string | undefined; size?: 'sm' | 'md'}) {
  if (userType !== 'ai_agent') return null;
  return (
    <span
      role="img"
      aria-label={msg.agents.badgeLabel}
      title={msg.agents.badgeLabel}
      className={`shrink-0 rounded bg-brand/15 font-semibold text-ink ${
        size === 'md' ? 'px-1.5 text-xs' : 'px-1 text-[10px] leading-4'
      }`}
    >
      {msg.agents.badge}
    </span>
  );
}
