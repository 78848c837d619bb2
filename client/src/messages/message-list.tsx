import {limits} from '@chorus/schema';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Virtuoso, type VirtuosoHandle} from 'react-virtuoso';
import {useFastLane} from '../live/use-fast-lane.ts';
import {useOutboxEntries} from '../outbox/use-outbox-entries.ts';
import {overlay} from '../outbox/overlay.ts';
import {dayKind, feedLayout} from './feed-layout.ts';
import {MessageItem} from './message-item.tsx';
import {scopeOf, type Place} from './place.ts';
import {usePlaceMessages} from './use-place-messages.ts';
import type {MessageRow} from './types.ts';
import {useArrivalAnnouncement, useHiddenTabNews} from './use-arrival-announcement.ts';
import {useMessageKeys} from './use-message-keys.ts';
import {msg} from '../i18n/index.ts';

const PAGE = 100;
const MAX_LOADED = limits.messagesLoadedMax;
// Virtuoso keeps scroll position on prepend when firstItemIndex drops by the number prepended.
const START_INDEX = 10_000_000;

export type MessageListProps = {
  /** Whose messages: a room's, or a direct conversation's. */
  place: Place;
  me: {id: string; username: string} | undefined;
  canModerate: boolean;
  names: ReadonlyMap<string, string>;
  /** My read mark when the room was opened: the "new messages" divider goes after it. */
  openedReadAt: number | undefined;
  focusMessageID?: string | undefined;
  onOpenThread: (messageID: string) => void;
  onSeen: (readAt: number) => void;
  editingID: string | undefined;
  onEditingChange: (id: string | undefined) => void;
  /** Esc on a message: back to the composer. */
  onEscape?: (() => void) | undefined;
};

/**
 * The room's messages, virtualized (stays smooth with 10,000+ loaded). Opens
 * at the first unread message or at the bottom; older history loads on
 * scroll by growing the synced query's limit, without the list jumping.
 */
export function MessageList(props: MessageListProps) {
  const {place, me, openedReadAt, focusMessageID, onSeen} = props;
  const [limit, setLimit] = useState(PAGE);
  const [newestFirst, status] = usePlaceMessages(place, limit);
  const unconfirmed = useOutboxEntries(scopeOf(place));
  const replica = useMemo(() => [...newestFirst].reverse() as MessageRow[], [newestFirst]);
  // What others just did (the live fast lane), then my own unconfirmed writes over it.
  const seen = useFastLane(replica, place);
  const messages = useMemo(
    () => overlay(seen, unconfirmed, {...place, parentMessageID: null}, me),
    [seen, unconfirmed, place, me],
  );
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const complete = status.type === 'complete';
  const hasOlder = newestFirst.length >= limit;
  const root = useRef<HTMLDivElement>(null);
  const announcement = useArrivalAnnouncement(messages, complete, me?.id);
  useHiddenTabNews(announcement.count);

  const firstUnreadID = useMemo(() => {
    if (openedReadAt === undefined) return undefined;
    return messages.find(m => m.createdAt > openedReadAt && m.userID !== me?.id)?.id;
  }, [messages, openedReadAt, me?.id]);

  // The list opens at the first unread message, so history grows until that
  // message is loaded (or everything is); only then is the opening place fixed.
  const unreadPending =
    openedReadAt !== undefined &&
    messages.length > 0 &&
    messages[0]!.createdAt > openedReadAt &&
    messages.some(m => m.createdAt > openedReadAt && m.userID !== me?.id);
  const unreadLoaded = !unreadPending || (complete && !hasOlder) || limit >= MAX_LOADED;
  useEffect(() => {
    if (!unreadLoaded && hasOlder) setLimit(l => Math.min(MAX_LOADED, l * 4));
  }, [unreadLoaded, hasOlder, limit]);
  const [initialIndex] = useState<{value?: number}>({});
  if (initialIndex.value === undefined && messages.length > 0 && unreadLoaded) {
    const unread = firstUnreadID ? messages.findIndex(m => m.id === firstUnreadID) : -1;
    initialIndex.value = unread >= 0 ? unread : messages.length - 1;
  }

  // Jump to a message (search result): load more history until it is in.
  useEffect(() => {
    if (!focusMessageID) return;
    const index = messages.findIndex(m => m.id === focusMessageID);
    if (index >= 0) virtuoso.current?.scrollToIndex({index, align: 'center'});
    else if (complete && hasOlder && limit < MAX_LOADED) setLimit(l => Math.min(MAX_LOADED, l * 4));
  }, [focusMessageID, messages, complete, hasOlder, limit]);

  // Virtuoso keeps its place on prepend only if firstItemIndex drops by exactly
  // the number of rows added above; rows appended below must not move it.
  const anchor = useRef<{id: string | undefined; index: number}>({id: undefined, index: START_INDEX});
  const oldest = messages[0]?.id;
  if (oldest !== undefined && oldest !== anchor.current.id) {
    const previous =
      anchor.current.id === undefined ? -1 : messages.findIndex(m => m.id === anchor.current.id);
    anchor.current = {
      id: oldest,
      index: previous > 0 ? anchor.current.index - previous : anchor.current.index,
    };
  }

  // Groups and day dividers, as Discord and Slack lay a feed out; the first unread starts a group.
  const layout = useMemo(() => feedLayout(messages, firstUnreadID), [messages, firstUnreadID]);
  const ids = useMemo(() => messages.map(m => m.id), [messages]);
  const keys = useMessageKeys({
    ids,
    firstItemIndex: anchor.current.index,
    virtuoso,
    root,
    onEscape: props.onEscape,
  });

  const newest = messages.at(-1)?.createdAt;
  useEffect(() => {
    if (newest !== undefined && atBottom) onSeen(newest);
  }, [newest, atBottom, onSeen]);

  const loadOlder = useCallback(() => {
    // Doubling: a long scroll back reaches 10,000 messages in seven steps.
    if (complete && hasOlder) setLimit(l => Math.min(MAX_LOADED, l * 2));
  }, [complete, hasOlder]);

  // Messages from others arriving while the room is open, said once, politely.
  // It stays mounted through every state below: a live region only speaks
  // about changes made after it is in the page.
  const announcer = (
    <div role="log" aria-live="polite" aria-label={msg.messages.list.arrivals} className="sr-only">
      <p key={announcement.count}>{announcement.text}</p>
    </div>
  );
  if (messages.length === 0 || initialIndex.value === undefined) {
    return (
      <>
        {complete && messages.length === 0 ? (
          <p className="flex-1 py-8 text-center text-sm text-ink-muted">{msg.messages.list.empty}</p>
        ) : (
          <MessageSkeleton />
        )}
        {announcer}
      </>
    );
  }

  // ARIA `feed`, not `log`: a log is a live region, and in a virtualized list
  // rows enter the DOM whenever one scrolls, so screen readers would read out
  // history. A feed is the pattern for a scrolling list of articles that loads
  // more as it goes (aria-busy while it does; aria-posinset/-setsize on each),
  // and it is navigated message by message. New messages are announced by the
  // separate, quiet live region above instead.
  return (
    <>
      <div
        ref={root}
        className="relative flex min-h-0 flex-1 flex-col"
        onKeyDown={keys.onKeyDown}
        onFocus={keys.onFocus}
      >
        <Virtuoso
          ref={virtuoso}
          role="feed"
          aria-label={msg.messages.list.label}
          aria-busy={!complete}
          // The messages are the tab stop (roving tabindex), not the scroller.
          tabIndex={-1}
          className="flex-1"
          data={messages}
          firstItemIndex={anchor.current.index}
          initialTopMostItemIndex={initialIndex.value ?? messages.length - 1}
          computeItemKey={(_, m) => m.id}
          startReached={loadOlder}
          followOutput={bottom => (bottom ? 'smooth' : false)}
          atBottomStateChange={setAtBottom}
          atBottomThreshold={60}
          rangeChanged={keys.rangeChanged}
          increaseViewportBy={{top: 600, bottom: 300}}
          components={{
            Header: () =>
              hasOlder || !complete ? (
                <p className="py-3 text-center text-xs text-ink-muted" role="status">
                  {msg.messages.list.loadingOlder}
                </p>
              ) : (
                <p className="py-4 text-center text-xs text-ink-muted">{msg.messages.list.beginning}</p>
              ),
          }}
          itemContent={(index, m) => (
            <>
              <DayDivider dayStart={layout[index - anchor.current.index]?.dayStart} />
              {m.id === firstUnreadID ? (
                <div
                  role="separator"
                  aria-label={msg.messages.list.newMessages}
                  className="flex items-center gap-2 px-4 py-1 text-xs font-semibold text-danger"
                >
                  <span className="h-px flex-1 bg-danger/60" />
                  {msg.messages.list.newMessages}
                  <span className="h-px flex-1 bg-danger/60" />
                </div>
              ) : null}
              <MessageItem
                message={m}
                me={me}
                canModerate={props.canModerate}
                names={props.names}
                highlighted={m.id === focusMessageID}
                onOpenThread={props.onOpenThread}
                editing={props.editingID === m.id}
                onEditingChange={props.onEditingChange}
                tabIndex={m.id === keys.tabStopID ? 0 : -1}
                focusOnRender={m.id === keys.focusID}
                compact={layout[index - anchor.current.index]?.compact ?? false}
                position={index - anchor.current.index + 1}
                setSize={hasOlder ? -1 : messages.length}
              />
            </>
          )}
        />
        {!atBottom ? (
          <button
            onClick={() => virtuoso.current?.scrollToIndex({index: 'LAST', behavior: 'smooth'})}
            className="absolute right-6 bottom-3 rounded-full bg-brand px-4 py-1.5 text-sm font-medium text-white shadow-lg dark:text-[#111]"
          >
            {msg.messages.list.jumpToPresent}
          </button>
        ) : null}
      </div>
      {announcer}
    </>
  );
}

/**
 * The divider above a day's first message: "Today", "Yesterday", or the
 * date. Hidden from screen readers: a feed may own only articles, and each
 * message's name already says its date and time.
 */
function DayDivider({dayStart}: {dayStart: number | undefined}) {
  if (dayStart === undefined) return null;
  const label = msg.messages.list.day(dayKind(dayStart, Date.now()), dayStart);
  return (
    <div
      aria-hidden
      data-day-divider
      className="flex items-center gap-2 px-4 pt-3 pb-1 text-xs font-semibold text-ink-muted"
    >
      <span className="h-px flex-1 bg-surface-3" />
      {label}
      <span className="h-px flex-1 bg-surface-3" />
    </div>
  );
}

function MessageSkeleton() {
  return (
    <div
      className="flex flex-1 flex-col justify-end gap-4 p-4"
      role="status"
      aria-label={msg.messages.list.loading}
    >
      {[60, 80, 40, 70].map((w, i) => (
        <div key={i} className="flex animate-pulse gap-3">
          <div className="h-9 w-9 rounded-full bg-surface-3" />
          <div className="flex flex-1 flex-col gap-2">
            <div className="h-3 w-24 rounded bg-surface-3" />
            <div className="h-3 rounded bg-surface-3" style={{width: `${w}%`}} />
          </div>
        </div>
      ))}
    </div>
  );
}
