import {newID} from '../lib/ids.ts';
import {placeOfMessage, scopeOf} from './place.ts';
import {outboxWrite} from '../outbox/write.ts';
import type {MessageRow} from './types.ts';
import {msg} from '../i18n/index.ts';

/** Reaction pills: count, who reacted (on hover and for screen readers), click to toggle mine. */
export function Reactions({
  message,
  me,
  names,
}: {
  message: MessageRow;
  me: string | undefined;
  names: ReadonlyMap<string, string>;
}) {
  if (!message.reactions.length) return null;
  const scope = scopeOf(placeOfMessage(message));
  const groups = new Map<string, string[]>();
  for (const r of message.reactions) groups.set(r.emoji, [...(groups.get(r.emoji) ?? []), r.userID]);
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={msg.messages.reactions.label}>
      {[...groups].map(([emoji, users]) => {
        const mine = me !== undefined && users.includes(me);
        const who = users.map(u =>
          u === me ? msg.messages.reactions.you : (names.get(u) ?? msg.messages.reactions.someone),
        );
        return (
          <li key={emoji}>
            <button
              title={msg.messages.reactions.title(who, emoji)}
              aria-label={msg.messages.reactions.button(emoji, who, mine)}
              aria-pressed={mine}
              onClick={() =>
                void outboxWrite(
                  mine
                    ? {kind: 'reaction.remove', scope, args: {messageID: message.id, emoji}}
                    : {kind: 'reaction.add', scope, args: {id: newID(), messageID: message.id, emoji}},
                )
              }
              className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm ${
                mine ? 'border-brand bg-brand/10' : 'border-surface-3 bg-surface-2'
              }`}
            >
              <span>{emoji}</span>
              <span className="text-xs">{users.length}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
