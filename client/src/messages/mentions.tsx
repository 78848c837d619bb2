import {MENTION_PATTERN, mentionedNames} from '@chorus/schema';
import type {ReactNode} from 'react';

/**
 * `@username` in `text` as mention spans (`<span class="mention"
 * data-mention="username">`), the reader's own highlighted. Callers pass only
 * prose: never code, never a link's text.
 */
export function withMentions(text: string, me: string | undefined): ReactNode[] {
  if (!text.includes('@')) return [text];
  const mine = me?.toLowerCase();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    const name = m[2] ?? '';
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <span
        key={start}
        className={name.toLowerCase() === mine ? 'mention mention-me' : 'mention'}
        data-mention={name}
      >
        @{name}
      </span>,
    );
    last = start + name.length + 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Whether `content` mentions `username` (the server's rule, escapes included). */
export function mentions(content: string, username: string): boolean {
  return mentionedNames(content).includes(username.toLowerCase());
}
