import {mutators, queries, userChannel, type PresenceStatus} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useState, type ReactNode} from 'react';
import * as z from 'zod/mini';
import {Button, TextField} from '../components/ui.tsx';
import {useAct} from '../hooks/use-act.ts';
import {useFormAction} from '../hooks/use-form-action.ts';
import {useOpenConversation} from '../hooks/use-open-conversation.ts';
import {msg} from '../i18n/index.ts';
import {friendsMsg} from '../i18n/friends.ts';
import {PresenceDot} from '../live/presence-dot.tsx';
import {usePresence} from '../live/use-presence.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';
import {useToastStore} from '../stores/toast-store.ts';

type Tab = 'online' | 'all' | 'pending' | 'blocked' | 'add';
const TABS: Tab[] = ['online', 'all', 'pending', 'blocked', 'add'];

const requestAnswerSchema = z.object({
  status: z.enum(['pending', 'accepted']),
  user: z.object({username: z.string()}),
});

type Person = {id: string; username: string; pictureUrl?: string | null | undefined};

/**
 * `/friends`: friends, requests both ways, blocked people, and adding by
 * username (SPEC F1–F5). Everything but adding is a Zero mutator, so it
 * shows at once; adding goes through REST, which finds the person by name.
 */
export function FriendsPage() {
  const me = useAuthStore(s => s.user?.id);
  const [rows, status] = useQuery(queries.myFriendships());
  const [blocks] = useQuery(queries.myBlocks());
  const [tab, setTab] = useState<Tab>('all');
  const zero = useZero();
  const act = useAct();
  const openConversation = useOpenConversation();

  // [LV8] My friends' presence comes on my own channel.
  const presence = usePresence(me ? userChannel(me) : undefined);
  const friends = rows.filter(r => r.status === 'accepted');
  const online = friends.filter(r => presence.has(r.userID === me ? r.friendID : r.userID));
  const incoming = rows.filter(r => r.status === 'pending' && r.friendID === me);
  const outgoing = rows.filter(r => r.status === 'pending' && r.userID === me);
  const other = (r: (typeof rows)[number]): Person | undefined =>
    r.userID === me ? r.addressee : r.requester;
  const loading = status.type !== 'complete' && rows.length === 0;

  const counts: Record<Tab, number | undefined> = {
    online: online.length,
    all: friends.length,
    pending: incoming.length + outgoing.length,
    blocked: blocks.length,
    add: undefined,
  };

  return (
    <main className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-4 p-6">
        <h1 className="text-xl font-bold">{friendsMsg.title}</h1>
        <div role="tablist" aria-label={friendsMsg.tabsLabel} className="flex flex-wrap gap-1">
          {TABS.map(t => (
            <button
              key={t}
              role="tab"
              id={`friends-tab-${t}`}
              aria-selected={tab === t}
              aria-controls="friends-panel"
              onClick={() => setTab(t)}
              className={`rounded-lg px-3 py-1.5 text-sm font-medium ${
                tab === t ? 'bg-brand text-white dark:text-[#111]' : 'hover:bg-surface-3'
              }`}
            >
              {friendsMsg.tabs[t]}
              {counts[t] ? ` (${counts[t]})` : ''}
            </button>
          ))}
        </div>
        <section id="friends-panel" role="tabpanel" aria-labelledby={`friends-tab-${tab}`}>
          {tab === 'add' ? (
            <AddFriend />
          ) : loading ? (
            <p role="status" className="text-ink-muted">
              {friendsMsg.loading}
            </p>
          ) : tab === 'all' || tab === 'online' ? (
            <People empty={tab === 'online' ? friendsMsg.emptyOnline : friendsMsg.emptyAll}>
              {(tab === 'online' ? online : friends).map(r => {
                const p = other(r);
                return p ? (
                  <PersonRow
                    key={r.id}
                    person={p}
                    presence={presence.get(p.id) ?? 'offline'}
                    detail={r.acceptedAt ? friendsMsg.since(r.acceptedAt) : undefined}
                  >
                    <Button
                      aria-label={friendsMsg.message(p.username)}
                      onClick={() => void openConversation(p.id)}
                    >
                      {msg.conversations.message}
                    </Button>
                    <Button
                      aria-label={friendsMsg.remove(p.username)}
                      variant="ghost"
                      onClick={() =>
                        act(zero.mutate(mutators.friend.remove({userID: p.id})), friendsMsg.actions.remove)
                      }
                    >
                      {friendsMsg.short.remove}
                    </Button>
                    <Button
                      aria-label={friendsMsg.block(p.username)}
                      variant="ghost"
                      className="text-danger"
                      onClick={() =>
                        act(zero.mutate(mutators.block.add({userID: p.id})), friendsMsg.actions.block)
                      }
                    >
                      {friendsMsg.short.block}
                    </Button>
                  </PersonRow>
                ) : null;
              })}
            </People>
          ) : tab === 'pending' ? (
            <People empty={friendsMsg.emptyPending}>
              {incoming.map(r =>
                r.requester ? (
                  <PersonRow key={r.id} person={r.requester} detail={friendsMsg.incoming}>
                    <Button
                      aria-label={friendsMsg.accept(r.requester.username)}
                      onClick={() =>
                        act(zero.mutate(mutators.friend.accept({id: r.id})), friendsMsg.actions.accept)
                      }
                    >
                      {friendsMsg.short.accept}
                    </Button>
                    <Button
                      aria-label={friendsMsg.reject(r.requester.username)}
                      variant="ghost"
                      onClick={() =>
                        act(zero.mutate(mutators.friend.reject({id: r.id})), friendsMsg.actions.reject)
                      }
                    >
                      {friendsMsg.short.reject}
                    </Button>
                  </PersonRow>
                ) : null,
              )}
              {outgoing.map(r =>
                r.addressee ? (
                  <PersonRow key={r.id} person={r.addressee} detail={friendsMsg.outgoing}>
                    <Button
                      aria-label={friendsMsg.cancel(r.addressee.username)}
                      variant="ghost"
                      onClick={() =>
                        act(zero.mutate(mutators.friend.cancel({id: r.id})), friendsMsg.actions.cancel)
                      }
                    >
                      {friendsMsg.short.cancel}
                    </Button>
                  </PersonRow>
                ) : null,
              )}
            </People>
          ) : (
            <People empty={friendsMsg.emptyBlocked}>
              {blocks.map(b =>
                b.blocked ? (
                  <PersonRow key={b.blockedID} person={b.blocked}>
                    <Button
                      aria-label={friendsMsg.unblock(b.blocked.username)}
                      variant="ghost"
                      onClick={() =>
                        act(
                          zero.mutate(mutators.block.remove({userID: b.blockedID})),
                          friendsMsg.actions.unblock,
                        )
                      }
                    >
                      {friendsMsg.short.unblock}
                    </Button>
                  </PersonRow>
                ) : null,
              )}
            </People>
          )}
        </section>
      </div>
    </main>
  );
}

function People({empty, children}: {empty: string; children: ReactNode[]}) {
  const shown = children.flat().filter(Boolean);
  if (shown.length === 0) return <p className="text-ink-muted">{empty}</p>;
  return (
    <ul className="flex flex-col divide-y divide-surface-3 rounded-card border border-surface-3">{shown}</ul>
  );
}

function PersonRow({
  person,
  detail,
  presence,
  children,
}: {
  person: Person;
  detail?: string | undefined;
  /** Friends only: connected or not [LV8]. */
  presence?: PresenceStatus | 'offline' | undefined;
  children: ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <span className="relative">
        <span
          aria-hidden
          className="flex h-9 w-9 items-center justify-center rounded-full bg-surface-3 font-semibold"
        >
          {person.username.slice(0, 1).toUpperCase()}
        </span>
        {presence ? (
          <PresenceDot
            status={presence === 'offline' ? undefined : presence}
            className="absolute -right-0.5 -bottom-0.5"
          />
        ) : null}
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-medium">{person.username}</span>
        {detail ? <span className="text-sm text-ink-muted">{detail}</span> : null}
      </span>
      <span className="flex flex-wrap gap-1">{children}</span>
    </li>
  );
}

function AddFriend() {
  const toast = useToastStore(s => s.show);
  const [value, setValue] = useState('');
  const {busy, error, onSubmit} = useFormAction(async form => {
    const username = String(form.get('username') ?? '').trim();
    const answer = await authedApi('/friends/request', requestAnswerSchema, {
      method: 'POST',
      body: {username},
    });
    const name = answer.user.username;
    toast(answer.status === 'accepted' ? friendsMsg.accepted(name) : friendsMsg.sent(name), 'info');
    setValue('');
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <TextField
        name="username"
        label={friendsMsg.addLabel}
        hint={friendsMsg.addHint}
        autoComplete="off"
        required
        value={value}
        onChange={e => setValue(e.currentTarget.value)}
        error={error ? (error.fieldErrors.username ?? error.message) : undefined}
      />
      <Button type="submit" disabled={busy || value.trim().length < 2} className="self-start">
        {friendsMsg.addSubmit}
      </Button>
    </form>
  );
}
