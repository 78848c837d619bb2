import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {lazy, Suspense, useCallback, useMemo, useRef, useState} from 'react';
import {Link, useParams, useSearchParams} from 'react-router';
import * as z from 'zod/mini';
import {conversationTitle} from '../lib/conversations.ts';
import {Icon} from '../components/icons.tsx';
import {MessageList} from '../messages/message-list.tsx';
import {ThreadPanel} from '../messages/thread-panel.tsx';
import type {Place} from '../messages/place.ts';
import type {Member} from '../messages/types.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';

const Composer = lazy(() => import('../messages/composer.tsx'));

/** Read marks go at most this often (as in rooms, RS1). */
const READ_MARK_MS = 3000;

/**
 * `/dm/:conversationId`: a direct conversation (DM2), drawn by the room's
 * feed and composer with the conversation as their place.
 */
export function DmPage() {
  const {conversationId = ''} = useParams();
  const user = useAuthStore(s => s.user);
  const [conversation, status] = useQuery(queries.conversation({conversationID: conversationId}));
  const me = useMemo(() => (user ? {id: user.id, username: user.username} : undefined), [user]);
  const place = useMemo<Place>(() => ({conversationID: conversationId}), [conversationId]);
  const [editingID, setEditingID] = useState<string>();
  const [search, setSearch] = useSearchParams();
  const threadID = search.get('thread') ?? undefined;
  const openThread = useCallback((id: string) => setSearch({thread: id}), [setSearch]);
  const closeThread = useCallback(() => setSearch({}), [setSearch]);
  const markRead = useConversationReadMark(conversationId);

  const members = conversation?.members;
  const names = useMemo(
    () => new Map((members ?? []).map(m => [m.userID, m.user?.username ?? msg.common.unknownUser])),
    [members],
  );
  const people = useMemo<Member[]>(
    () => (members ?? []).map(m => ({userID: m.userID, username: m.user?.username ?? ''})),
    [members],
  );
  // My read mark as the conversation opened: the "new messages" divider goes after it.
  const [opened, setOpened] = useState<{id: string; readAt: number | undefined}>();
  if (conversation && opened?.id !== conversationId) {
    const mine = conversation.members.find(m => m.userID === user?.id);
    setOpened({id: conversationId, readAt: mine?.lastReadAt ?? undefined});
  }

  if (!conversation) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? msg.conversations.unavailable : msg.common.loading}
      </p>
    );
  }
  const title = conversationTitle(conversation, user?.id);
  return (
    <div className="flex min-h-0 flex-1">
      <main className="flex min-h-0 min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-surface-3 px-4 py-3">
          <Link
            to="/friends"
            aria-label={msg.conversations.back}
            className="-ml-1 rounded p-1 text-ink-muted hover:bg-surface-3 md:hidden"
          >
            <Icon name="menu" />
          </Link>
          <h1 className="flex-1 truncate font-semibold">
            <span aria-hidden className="text-ink-muted">
              @
            </span>
            {title}
          </h1>
        </header>
        {opened?.id === conversationId ? (
          <MessageList
            key={conversationId}
            place={place}
            me={me}
            canModerate={false}
            names={names}
            openedReadAt={opened.readAt}
            onOpenThread={openThread}
            onSeen={markRead}
            editingID={editingID}
            onEditingChange={setEditingID}
          />
        ) : (
          <div className="flex-1" role="status" aria-label={msg.common.loading} />
        )}
        <Suspense fallback={<div className="h-16 border-t border-surface-3" />}>
          <Composer
            key={conversationId}
            place={place}
            label={msg.conversations.composer(title)}
            members={people}
          />
        </Suspense>
      </main>
      {threadID ? (
        <ThreadPanel
          key={threadID}
          messageID={threadID}
          place={place}
          me={me}
          canModerate={false}
          names={names}
          members={people}
          onClose={closeThread}
        />
      ) : null}
    </div>
  );
}

/** [DM5] Marks the conversation read up to what I have seen, at most every few seconds. */
function useConversationReadMark(conversationID: string) {
  const pending = useRef<{readAt: number; timer: ReturnType<typeof setTimeout> | undefined}>({
    readAt: 0,
    timer: undefined,
  });
  return useCallback(
    (readAt: number) => {
      if (document.visibilityState !== 'visible') return;
      const state = pending.current;
      state.readAt = Math.max(state.readAt, readAt);
      state.timer ??= setTimeout(() => {
        state.timer = undefined;
        void authedApi(`/conversations/${conversationID}/read`, z.unknown(), {
          method: 'POST',
          body: {readAt: new Date(state.readAt).toISOString()},
        }).catch(() => {
          // Offline or refused: the next message seen marks it again.
        });
      }, READ_MARK_MS);
    },
    [conversationID],
  );
}
