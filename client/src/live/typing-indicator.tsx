import {msg} from '../i18n/index.ts';
import type {Member} from '../messages/types.ts';
import {useTyping} from './use-typing.ts';

/**
 * "Ana is typing…" below a composer, in a polite live region (`status`) that is always
 * in the page (a live region speaks only of changes made after it appears);
 * its line is kept so the composer does not jump.
 */
export function TypingIndicator({
  channel,
  parentMessageID,
  me,
  members,
}: {
  channel: string | undefined;
  parentMessageID: string | undefined;
  me: string | undefined;
  members: readonly Member[];
}) {
  const typing = useTyping(channel, parentMessageID, me);
  const names = typing.map(id => members.find(m => m.userID === id)?.username || msg.common.unknownUser);
  return (
    <div role="status" aria-label={msg.live.typingLabel} className="mt-1 h-4 truncate text-xs text-ink-muted">
      {names.length ? msg.live.typing(names) : null}
    </div>
  );
}
