import {messageToText, queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {lazy, Suspense, useDeferredValue, useMemo, useState} from 'react';
import {Link, useParams} from 'react-router';
import {format, msg} from '../i18n/index.ts';

const Markdown = lazy(() => import('../messages/markdown.tsx'));

/** Splits `from:ana in:design has:file hello` into filters and free text. */
export function parseSearch(input: string): {text: string; from?: string; in?: string; hasFile: boolean} {
  let from: string | undefined;
  let room: string | undefined;
  let hasFile = false;
  const words: string[] = [];
  for (const word of input.trim().split(/\s+/)) {
    const m = /^(from|in|has):(.+)$/i.exec(word);
    if (m?.[1]?.toLowerCase() === 'from') from = m[2]!.replace(/^@/, '');
    else if (m?.[1]?.toLowerCase() === 'in') room = m[2]!.replace(/^#/, '');
    else if (m?.[1]?.toLowerCase() === 'has' && m[2]!.toLowerCase() === 'file') hasFile = true;
    else if (word) words.push(word);
  }
  return {text: words.join(' '), from, in: room, hasFile};
}

/** `/servers/:serverId/search`: instant over the local replica, then the server's older history. */
export function SearchPage() {
  const {serverId = ''} = useParams();
  const [input, setInput] = useState('');
  const deferred = useDeferredValue(input);
  const [server] = useQuery(queries.server({serverID: serverId}));
  const [rooms] = useQuery(queries.serverRooms({serverID: serverId}));
  const parsed = useMemo(() => parseSearch(deferred), [deferred]);
  const fromUserID = parsed.from
    ? server?.members.find(m => m.user?.username.toLowerCase() === parsed.from!.toLowerCase())?.userID
    : undefined;
  const roomID = parsed.in
    ? rooms.find(r => r.name.toLowerCase() === parsed.in!.toLowerCase())?.id
    : undefined;
  const unknownFilter =
    (parsed.from && !fromUserID && msg.search.unknownPerson(parsed.from)) ||
    (parsed.in && !roomID && msg.search.unknownRoom(parsed.in)) ||
    undefined;
  const active = !unknownFilter && (parsed.text.length >= 2 || fromUserID || roomID || parsed.hasFile);
  const [results, status] = useQuery(
    queries.searchMessages({
      text: parsed.text,
      serverID: serverId,
      ...(roomID ? {roomID} : {}),
      ...(fromUserID ? {fromUserID} : {}),
      ...(parsed.hasFile ? {hasFile: true} : {}),
      limit: 50,
    }),
    {enabled: Boolean(active)},
  );

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-3 border-b border-surface-3 px-4 py-3">
        <Link to={`/servers/${serverId}`} className="text-sm text-ink-muted underline">
          {msg.common.back}
        </Link>
        <input
          type="search"
          aria-label={msg.search.label}
          placeholder={msg.search.placeholder}
          autoFocus
          value={input}
          onChange={e => setInput(e.target.value)}
          className="flex-1 rounded-lg border border-surface-3 bg-surface-2 px-3 py-2"
        />
      </header>
      <div className="flex-1 overflow-y-auto p-4" aria-live="polite">
        {unknownFilter ? (
          <p className="text-sm text-danger">{unknownFilter}</p>
        ) : !active ? (
          <p className="text-sm text-ink-muted">{msg.search.hint}</p>
        ) : results.length === 0 ? (
          <p className="text-sm text-ink-muted" role="status">
            {status.type === 'complete' ? msg.search.empty : msg.search.searching}
          </p>
        ) : (
          <ol aria-label={msg.search.results} className="flex flex-col gap-2">
            {results.map(m => (
              <li key={m.id}>
                <Link
                  to={`/servers/${serverId}/rooms/${m.roomID}?${
                    m.parentMessageID ? `thread=${m.parentMessageID}` : `message=${m.id}`
                  }`}
                  className="block rounded-lg border border-surface-3 p-3 hover:bg-surface-2"
                >
                  <div className="flex gap-2 text-xs text-ink-muted">
                    <span className="font-semibold text-ink">
                      {m.author?.username ?? msg.common.unknownUser}
                    </span>
                    <span>{msg.search.inRoom(m.room?.name)}</span>
                    <span>{format.dateTime(m.createdAt)}</span>
                  </div>
                  {/* Drawn as in the feed [MF1], the match marked; plain text until the renderer loads. */}
                  <div className="mt-1 line-clamp-3 text-sm break-words">
                    <Suspense fallback={<p>{messageToText(m.content)}</p>}>
                      <Markdown content={m.content} match={parsed.text || undefined} />
                    </Suspense>
                  </div>
                </Link>
              </li>
            ))}
          </ol>
        )}
        {active && status.type !== 'complete' && results.length > 0 ? (
          <p className="mt-3 text-xs text-ink-muted">{msg.search.further}</p>
        ) : null}
      </div>
    </main>
  );
}
