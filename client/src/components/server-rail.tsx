import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useState} from 'react';
import {NavLink} from 'react-router';
import {useNotifications} from '../hooks/use-notifications.ts';
import {useServerUnread} from '../hooks/use-unread.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {isUnread} from '../lib/conversations.ts';
import {lazyDialog} from '../lib/lazy-dialog.tsx';
import {useLocalReadMarks} from '../lib/read-marks.ts';
import {useUnreadStore} from '../stores/unread-store.ts';
import {Icon} from './icons.tsx';
import {msg} from '../i18n/index.ts';

// Opened now and then: their code loads on first use.
const CreateServerDialog = lazyDialog(
  async () => (await import('./create-server-dialog.tsx')).CreateServerDialog,
);
const JoinServerDialog = lazyDialog(async () => (await import('./join-server-dialog.tsx')).JoinServerDialog);

/** The column of servers at the far left, with create and join. */
export function ServerRail() {
  const [servers] = useQuery(queries.myServers());
  const [dialog, setDialog] = useState<'create' | 'join'>();
  return (
    <nav
      aria-label={msg.servers.rail.label}
      className="flex w-18 shrink-0 flex-col items-center gap-2 bg-surface-3 py-3"
    >
      <FriendsLink />
      <span aria-hidden className="h-0.5 w-8 rounded bg-surface" />
      <ul className="flex flex-col items-center gap-2">
        {servers.map(server => (
          <li key={server.id} className="relative">
            <ServerUnreadDot serverID={server.id} name={server.name} />
            <NavLink
              to={`/servers/${server.id}`}
              aria-label={server.name}
              title={server.name}
              className={({isActive}) =>
                `flex h-12 w-12 items-center justify-center rounded-2xl text-lg font-semibold transition-all ${
                  isActive ? 'rounded-xl bg-brand text-white dark:text-[#111]' : 'bg-surface hover:rounded-xl'
                }`
              }
            >
              {initials(server.name)}
            </NavLink>
          </li>
        ))}
      </ul>
      <button
        aria-label={msg.servers.rail.create}
        title={msg.servers.rail.create}
        onClick={() => setDialog('create')}
        className="flex h-12 w-12 items-center justify-center rounded-2xl bg-surface text-2xl text-ok hover:rounded-xl"
      >
        <Icon name="plus" size={22} />
      </button>
      <NavLink
        to="/directory"
        aria-label={msg.servers.rail.browse}
        title={msg.servers.rail.browse}
        className="flex h-12 w-12 items-center justify-center rounded-2xl bg-surface text-xl hover:rounded-xl"
      >
        <Icon name="compass" size={22} />
      </NavLink>
      <button
        aria-label={msg.servers.rail.join}
        title={msg.servers.rail.joinTitle}
        onClick={() => setDialog('join')}
        className="flex h-12 w-12 items-center justify-center rounded-2xl bg-surface text-xl hover:rounded-xl"
      >
        <Icon name="enter" size={20} />
      </button>
      <CreateServerDialog open={dialog === 'create'} onClose={() => setDialog(undefined)} />
      <JoinServerDialog open={dialog === 'join'} onClose={() => setDialog(undefined)} />
    </nav>
  );
}

/** [F1][DM5] Friends and direct messages, with a badge counting requests to answer and unread conversations. */
function FriendsLink() {
  const me = useAuthStore(s => s.user?.id);
  const [rows] = useQuery(queries.myFriendships());
  const [conversations] = useQuery(queries.myConversations());
  const localMarks = useLocalReadMarks(s => s.byConversation);
  const waiting =
    rows.filter(r => r.status === 'pending' && r.friendID === me).length +
    conversations.filter(c => isUnread(c, me, localMarks[c.id])).length;
  const label = waiting ? msg.friends.railLabelWithRequests(waiting) : msg.friends.railLabel;
  return (
    <span className="relative">
      <NavLink
        to="/friends"
        aria-label={label}
        title={label}
        className={({isActive}) =>
          `flex h-12 w-12 items-center justify-center rounded-2xl transition-all ${
            isActive ? 'rounded-xl bg-brand text-white dark:text-[#111]' : 'bg-surface hover:rounded-xl'
          }`
        }
      >
        <Icon name="users" size={22} />
      </NavLink>
      {waiting ? (
        <span
          aria-hidden
          className="absolute -right-1 -bottom-1 z-10 min-w-5 rounded-full border-2 border-surface-3 bg-danger px-1 text-center text-xs leading-4 font-semibold text-white dark:text-[#111]"
        >
          {msg.common.badgeCount(waiting)}
        </span>
      ) : null}
    </span>
  );
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return (words.length > 1 ? (words[0]![0] ?? '') + (words[1]![0] ?? '') : name.slice(0, 2)).toUpperCase();
}

function ServerUnreadDot({serverID, name}: {serverID: string; name: string}) {
  const {rooms, mentions, messages} = useServerUnread(serverID);
  const report = useUnreadStore(s => s.report);
  const forget = useUnreadStore(s => s.forget);
  useEffect(() => report(serverID, rooms, mentions), [report, serverID, rooms, mentions]);
  useEffect(() => () => forget(serverID), [forget, serverID]);
  useNotifications(serverID, name, messages);
  if (!rooms && !mentions) return null;
  if (!mentions) {
    return (
      <span
        aria-label={msg.servers.rail.newMessages(name)}
        className="absolute -right-0.5 -bottom-0.5 z-10 h-3.5 w-3.5 rounded-full border-2 border-surface-3 bg-ink-muted"
      />
    );
  }
  return (
    <span
      aria-label={msg.servers.rail.unreadMentions(name, mentions)}
      className="absolute -right-1 -bottom-1 z-10 min-w-5 rounded-full border-2 border-surface-3 bg-danger px-1 text-center text-xs leading-4 font-semibold text-white dark:text-[#111]"
    >
      @{msg.common.badgeCount(mentions)}
    </span>
  );
}
