import {messageToText} from '@chorus/schema';
import {lazy, Suspense} from 'react';
import {Link} from 'react-router';
import {AgentBadge} from './agent-badge.tsx';
import {format, msg} from '../i18n/index.ts';
import {searchMsg} from '../i18n/search.ts';

const Markdown = lazy(() => import('../messages/markdown.tsx'));

export type SearchHit = {
  id: string;
  content: string;
  createdAt: number;
  roomID?: string | null | undefined;
  conversationID?: string | null | undefined;
  parentMessageID?: string | null | undefined;
  author?: {username: string; userType?: string} | undefined;
  room?: {name: string; serverID: string} | undefined;
};

/** Where a hit opens: its room or conversation, at the message (or its thread). */
function hitURL(m: SearchHit): string {
  const at = m.parentMessageID ? `thread=${m.parentMessageID}` : `message=${m.id}`;
  if (m.conversationID) return `/dm/${m.conversationID}?${at}`;
  return `/servers/${m.room?.serverID ?? ''}/rooms/${m.roomID ?? ''}?${at}`;
}

/**
 * What a search found, or why there is nothing to show: a filter naming
 * nobody, too little typed, no match. Shared by the server's search and the
 * direct conversations' (`in:@name`).
 */
export function SearchResults({
  results,
  complete,
  active,
  problem,
  hint,
  match,
  where,
}: {
  results: readonly SearchHit[];
  complete: boolean;
  active: boolean;
  /** A filter that names nobody, said in words. */
  problem: string | undefined;
  hint: string;
  match: string | undefined;
  /** Where a hit was written ("in #design", "with ben"). */
  where: (m: SearchHit) => string;
}) {
  return (
    <div className="flex-1 overflow-y-auto p-4" aria-live="polite">
      {problem ? (
        <p className="text-sm text-danger">{problem}</p>
      ) : !active ? (
        <p className="text-sm text-ink-muted">{hint}</p>
      ) : results.length === 0 ? (
        <p className="text-sm text-ink-muted" role="status">
          {complete ? searchMsg.empty : searchMsg.searching}
        </p>
      ) : (
        <ol aria-label={searchMsg.results} className="flex flex-col gap-2">
          {results.map(m => (
            <li key={m.id}>
              <Link
                to={hitURL(m)}
                className="block rounded-lg border border-surface-3 p-3 hover:bg-surface-2"
              >
                <div className="flex gap-2 text-xs text-ink-muted">
                  <span className="font-semibold text-ink">
                    {m.author?.username ?? msg.common.unknownUser}
                  </span>
                  <AgentBadge userType={m.author?.userType} />
                  <span>{where(m)}</span>
                  <span>{format.dateTime(m.createdAt)}</span>
                </div>
                {/* Drawn as in the feed [MF1], the match marked; plain text until the renderer loads. */}
                <div className="mt-1 line-clamp-3 text-sm break-words">
                  <Suspense fallback={<p>{messageToText(m.content)}</p>}>
                    <Markdown content={m.content} match={match} />
                  </Suspense>
                </div>
              </Link>
            </li>
          ))}
        </ol>
      )}
      {active && !complete && results.length > 0 ? (
        <p className="mt-3 text-xs text-ink-muted">{searchMsg.further}</p>
      ) : null}
    </div>
  );
}
