import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useLayoutEffect, useRef} from 'react';

const PAGE = 100;
const time = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});

/** The room's latest messages, oldest at the top; sticks to the bottom as new ones arrive. */
export function MessageList({roomID, onSeen}: {roomID: string; onSeen?: (readAt: number) => void}) {
  const [newestFirst, status] = useQuery(queries.roomMessages({roomID, limit: PAGE}));
  const messages = [...newestFirst].reverse();
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  const newest = newestFirst[0]?.createdAt;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, roomID]);
  // A message that arrives while the reader is at the bottom has been seen.
  useEffect(() => {
    if (newest !== undefined && pinned.current) onSeen?.(newest);
  }, [newest, onSeen]);

  return (
    <div
      ref={scroller}
      onScroll={e => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      className="flex-1 overflow-y-auto px-4 py-3"
    >
      {messages.length === 0 ? (
        <p className="py-8 text-center text-sm text-ink-muted">
          {status.type === 'complete' ? 'No messages yet. Say hello!' : 'Loading messages…'}
        </p>
      ) : null}
      <ol aria-label="Messages" aria-live="polite" aria-relevant="additions" className="flex flex-col gap-3">
        {messages.map(m => (
          <li key={m.id} className="flex gap-3">
            <div
              aria-hidden
              className="mt-0.5 flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand/20 font-semibold"
            >
              {(m.author?.username ?? '?').slice(0, 1).toUpperCase()}
            </div>
            <div className="min-w-0">
              <div className="flex items-baseline gap-2">
                <span className="font-semibold">{m.author?.username ?? 'Unknown'}</span>
                <time className="text-xs text-ink-muted" dateTime={new Date(m.createdAt).toISOString()}>
                  {time.format(m.createdAt)}
                </time>
              </div>
              <p className="break-words whitespace-pre-wrap">
                {m.deletedAt ? <em className="text-ink-muted">Message deleted</em> : m.content}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
