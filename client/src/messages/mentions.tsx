import {MENTION_PATTERN, mentionedNames} from '@chorus/schema';
import type {ReactNode} from 'react';

/**
 * `@username` in `text` as mention spans (`<span class="mention"
 * data-mention="username">`), the reader's own highlighted. With `known`
 * (lowercased usernames, e.g. the room's members), a name nobody has stays
 * plain text. Callers pass only prose: never code, never a link's text.
 */
export function withMentions(
  text: string,
  me: string | undefined,
  known?: ReadonlySet<string> | undefined,
): ReactNode[] {
  if (!text.includes('@')) return [text];
  const mine = me?.toLowerCase();
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION_PATTERN)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    const name = m[2] ?? '';
    const lower = name.toLowerCase();
    if (known && lower !== mine && !known.has(lower)) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <span key={start} className={lower === mine ? 'mention mention-me' : 'mention'} data-mention={name}>
        @{name}
      </span>,
    );
    last = start + name.length + 1;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Whether `content` mentions `username` (the server's rule, [MF1]). */
export function mentions(content: string, username: string): boolean {
  return mentionedNames(content).includes(username.toLowerCase());
}
