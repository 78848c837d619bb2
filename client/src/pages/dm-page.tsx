import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {lazy, Suspense, useCallback, useMemo, useState} from 'react';
import {Link, useParams, useSearchParams} from 'react-router';
import {conversationTitle} from '../lib/conversations.ts';
import {effectiveReadMark, useLocalReadMarks} from '../lib/read-marks.ts';
import {GroupPeople} from '../components/group-people.tsx';
import {Icon} from '../components/icons.tsx';
import {useConversationReadMark} from '../hooks/use-conversation-read-mark.ts';
import {MessageList} from '../messages/message-list.tsx';
import {ThreadPanel} from '../messages/thread-panel.tsx';
import type {Place} from '../messages/place.ts';
import type {Member} from '../messages/types.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {DropArea} from '../files/drop-area.tsx';

const Composer = lazy(() => import('../messages/composer.tsx'));

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
  const localMark = useLocalReadMarks(s => s.byConversation[conversationId]);
  const focusMessageID = search.get('message') ?? undefined;

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
    setOpened({id: conversationId, readAt: effectiveReadMark(mine?.lastReadAt ?? undefined, localMark)});
  }

  if (!conversation) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? msg.conversations.unavailable : msg.common.loading}
      </p>
    );
  }
  const title = conversationTitle(conversation, user?.id);
  const other = conversation.isGroup
    ? undefined
    : conversation.members.find(m => m.userID !== user?.id)?.user?.username;
  return (
    <div className="flex min-h-0 flex-1">
      <DropArea
        as="main"
        trayKey={conversationId}
        place={place}
        className="flex min-h-0 min-w-0 flex-1 flex-col"
      >
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
          {other ? (
            <Link
              to={`/dm/search?q=${encodeURIComponent(`in:@${other} `)}`}
              aria-label={msg.conversations.search(other)}
              title={msg.conversations.search(other)}
              className="rounded p-1 text-ink-muted hover:bg-surface-3"
            >
              <Icon name="search" />
            </Link>
          ) : null}
          {conversation.isGroup ? <GroupPeople group={conversation} me={user?.id} /> : null}
        </header>
        {opened?.id === conversationId ? (
          <MessageList
            key={conversationId}
            place={place}
            me={me}
            canModerate={false}
            names={names}
            openedReadAt={opened.readAt}
            focusMessageID={focusMessageID}
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
      </DropArea>
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
