import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {lazy, Suspense, useEffect, useMemo, useRef, useState} from 'react';
import {useLiveMessageStore} from '../live/live-message-store.ts';
import {rowOf} from '../live/live-overlay.ts';
import {useFastLane} from '../live/use-fast-lane.ts';
import {overlay} from '../outbox/overlay.ts';
import {useOutboxEntries} from '../outbox/use-outbox-entries.ts';
import {MessageItem} from './message-item.tsx';
import {scopeOf, type Place} from './place.ts';
import type {Member, MessageRow} from './types.ts';
import {Icon} from '../components/icons.tsx';
import {msg} from '../i18n/index.ts';

const Composer = lazy(() => import('./composer.tsx'));
const NO_REPLIES: readonly MessageRow[] = [];

/** The thread beside the room: the parent, its replies, and a composer that replies. */
export function ThreadPanel({
  messageID,
  place,
  me,
  canModerate,
  names,
  members,
  onClose,
}: {
  messageID: string;
  place: Place;
  me: {id: string; username: string} | undefined;
  canModerate: boolean;
  names: ReadonlyMap<string, string>;
  members: readonly Member[];
  onClose: () => void;
}) {
  const [syncedParent, status] = useQuery(queries.thread({messageID}));
  // [OB5] A message the fast lane shows (mine, confirmed by REST) may not be
  // in the replica yet, and offline will not be for a while: its thread opens all the same.
  const liveParent = useLiveMessageStore(s => s.entries.get(messageID)?.message);
  const parent = useMemo(
    () => (syncedParent as MessageRow | undefined) ?? (liveParent ? rowOf(liveParent) : undefined),
    [syncedParent, liveParent],
  );
  const [editingID, setEditingID] = useState<string>();
  const end = useRef<HTMLDivElement>(null);
  const unconfirmed = useOutboxEntries(scopeOf(place));
  const synced = (syncedParent?.replies as readonly MessageRow[] | undefined) ?? NO_REPLIES;
  // Replies others just sent (the live fast lane), then my unconfirmed writes over them.
  const seen = useFastLane(synced, place, messageID);
  const replies = useMemo(
    () => overlay(seen, unconfirmed, {...place, parentMessageID: messageID}, me),
    [seen, unconfirmed, place, messageID, me],
  );
  const shownParent = useMemo(
    () => (parent ? overlay([parent], unconfirmed, {...place, parentMessageID: null}, me)[0] : undefined),
    [parent, unconfirmed, place, me],
  );
  useEffect(() => {
    // Braces matter: newer browsers return a Promise from scrollIntoView, and an
    // effect must return nothing or a cleanup function.
    void end.current?.scrollIntoView({block: 'end'});
  }, [replies.length]);

  return (
    <aside
      aria-label={msg.messages.thread.label}
      className="fixed inset-0 z-30 flex flex-col border-l border-surface-3 bg-surface md:static md:w-96"
      onKeyDown={e => {
        if (e.key === 'Escape' && !editingID) onClose();
      }}
    >
      <header className="flex items-center justify-between border-b border-surface-3 px-4 py-3">
        <h2 className="font-semibold">{msg.messages.thread.label}</h2>
        <button
          aria-label={msg.messages.thread.close}
          onClick={onClose}
          className="rounded px-2 hover:bg-surface-3"
        >
          <Icon name="close" size={16} />
        </button>
      </header>
      {!parent ? (
        <p className="p-4 text-sm text-ink-muted" role="status">
          {status.type === 'complete' ? msg.messages.thread.unavailable : msg.messages.thread.loading}
        </p>
      ) : (
        <>
          <div className="flex-1 overflow-y-auto py-2">
            <MessageItem
              message={shownParent ?? parent}
              me={me}
              canModerate={canModerate}
              names={names}
              editing={editingID === parent.id}
              onEditingChange={setEditingID}
            />
            <p className="border-y border-surface-3 px-4 py-1 text-xs text-ink-muted">
              {msg.messages.thread.replies(replies.length)}
            </p>
            <div role="log" aria-label={msg.messages.thread.repliesLabel}>
              {replies.map(r => (
                <MessageItem
                  key={r.id}
                  message={r}
                  me={me}
                  canModerate={canModerate}
                  names={names}
                  editing={editingID === r.id}
                  onEditingChange={setEditingID}
                />
              ))}
            </div>
            <div ref={end} />
          </div>
          <Suspense fallback={<div className="h-16 border-t border-surface-3" />}>
            <Composer
              place={place}
              parentMessageID={parent.id}
              label={msg.messages.thread.composer}
              members={members}
            />
          </Suspense>
        </>
      )}
    </aside>
  );
}
