import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useDeferredValue, useMemo, useState} from 'react';
import {Link, useParams} from 'react-router';
import {SearchResults} from '../components/search-results.tsx';
import {conversationWith} from '../lib/conversations.ts';
import {parseSearch} from '../lib/search.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {searchMsg} from '../i18n/search.ts';

/**
 * `/servers/:serverId/search`: instant over the local replica, then the
 * server's older history. `in:@ana` searches my direct conversation with
 * Ana instead of the server's rooms [DM2].
 */
export function SearchPage() {
  const {serverId = ''} = useParams();
  const me = useAuthStore(s => s.user?.id);
  const [input, setInput] = useState('');
  const deferred = useDeferredValue(input);
  const [server] = useQuery(queries.server({serverID: serverId}));
  const [rooms] = useQuery(queries.serverRooms({serverID: serverId}));
  const [conversations] = useQuery(queries.myConversations());
  const parsed = useMemo(() => parseSearch(deferred), [deferred]);
  const fromUserID = parsed.from
    ? server?.members.find(m => m.user?.username.toLowerCase() === parsed.from!.toLowerCase())?.userID
    : undefined;
  const roomID = parsed.in
    ? rooms.find(r => r.name.toLowerCase() === parsed.in!.toLowerCase())?.id
    : undefined;
  const conversationID = parsed.withPerson
    ? conversationWith(conversations, me, parsed.withPerson)?.id
    : undefined;
  const unknownFilter =
    (parsed.from && !fromUserID && searchMsg.unknownPerson(parsed.from)) ||
    (parsed.in && !roomID && searchMsg.unknownRoom(parsed.in)) ||
    (parsed.withPerson && !conversationID && searchMsg.noConversation(parsed.withPerson)) ||
    undefined;
  const active = Boolean(
    !unknownFilter && (parsed.text.length >= 2 || fromUserID || roomID || conversationID || parsed.hasFile),
  );
  const [results, status] = useQuery(
    queries.searchMessages({
      text: parsed.text,
      ...(conversationID ? {conversationID} : {serverID: serverId}),
      ...(roomID ? {roomID} : {}),
      ...(fromUserID ? {fromUserID} : {}),
      ...(parsed.hasFile ? {hasFile: true} : {}),
      limit: 50,
    }),
    {enabled: active},
  );

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-3 border-b border-surface-3 px-4 py-3">
        <Link to={`/servers/${serverId}`} className="text-sm text-ink-muted underline">
          {msg.common.back}
        </Link>
        <input
          type="search"
          aria-label={searchMsg.label}
          placeholder={searchMsg.placeholder}
          autoFocus
          value={input}
          onChange={e => setInput(e.target.value)}
          className="flex-1 rounded-lg border border-surface-3 bg-surface-2 px-3 py-2"
        />
      </header>
      <SearchResults
        results={results}
        complete={status.type === 'complete'}
        active={active}
        problem={unknownFilter}
        hint={searchMsg.hint}
        match={parsed.text || undefined}
        where={m =>
          m.conversationID ? searchMsg.withPerson(parsed.withPerson ?? '') : searchMsg.inRoom(m.room?.name)
        }
      />
    </main>
  );
}
