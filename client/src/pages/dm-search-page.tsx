import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useDeferredValue, useEffect, useMemo, useRef, useState} from 'react';
import {Link, useSearchParams} from 'react-router';
import {SearchResults} from '../components/search-results.tsx';
import {conversationWith} from '../lib/conversations.ts';
import {parseSearch} from '../lib/search.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {searchMsg} from '../i18n/search.ts';

// Query args are validated even when disabled: a placeholder id stands in before a conversation is found.
const NO_CONVERSATION = '00000000-0000-0000-0000-000000000000';

/**
 * `/dm/search?q=…`: search my direct conversation with someone, `in:@ana`
 * [DM2] (with `from:` and `has:file` as in a server), over the local replica
 * first and then the server's older history.
 */
export function DmSearchPage() {
  const me = useAuthStore(s => s.user?.id);
  const [params] = useSearchParams();
  const [input, setInput] = useState(() => params.get('q') ?? '');
  const deferred = useDeferredValue(input);
  const box = useRef<HTMLInputElement>(null);
  // Typing goes after the filter the conversation's header put in the box.
  useEffect(() => {
    const end = box.current?.value.length ?? 0;
    box.current?.setSelectionRange(end, end);
  }, []);
  const [conversations] = useQuery(queries.myConversations());
  const parsed = useMemo(() => parseSearch(deferred), [deferred]);
  const conversation = parsed.withPerson ? conversationWith(conversations, me, parsed.withPerson) : undefined;
  const fromUserID = parsed.from
    ? conversation?.members.find(m => m.user?.username.toLowerCase() === parsed.from!.toLowerCase())?.userID
    : undefined;
  const problem =
    (parsed.withPerson && !conversation && searchMsg.noConversation(parsed.withPerson)) ||
    (parsed.from && conversation && !fromUserID && searchMsg.notInConversation(parsed.from)) ||
    (parsed.in && searchMsg.roomsInServers) ||
    undefined;
  const active = Boolean(
    !problem &&
    conversation &&
    (parsed.text.length >= 2 || fromUserID || parsed.withPerson || parsed.hasFile),
  );
  const [results, status] = useQuery(
    queries.searchMessages({
      text: parsed.text,
      conversationID: conversation?.id ?? NO_CONVERSATION,
      ...(fromUserID ? {fromUserID} : {}),
      ...(parsed.hasFile ? {hasFile: true} : {}),
      limit: 50,
    }),
    {enabled: active},
  );

  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-3 border-b border-surface-3 px-4 py-3">
        <Link
          to={conversation ? `/dm/${conversation.id}` : '/friends'}
          className="text-sm text-ink-muted underline"
        >
          {msg.common.back}
        </Link>
        <input
          ref={box}
          type="search"
          aria-label={searchMsg.label}
          placeholder={searchMsg.dmPlaceholder}
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
        problem={problem}
        hint={searchMsg.dmHint}
        match={parsed.text || undefined}
        where={() => searchMsg.withPerson(parsed.withPerson ?? '')}
      />
    </main>
  );
}
