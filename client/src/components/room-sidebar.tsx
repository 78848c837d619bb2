import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {Link, Navigate, NavLink} from 'react-router';
import {roomUnread, useServerUnread} from '../hooks/use-unread.ts';
import {lazyDialog} from '../lib/lazy-dialog.tsx';
import {useAuthStore} from '../stores/auth-store.ts';
import {notifyLevel, usePrefsStore} from '../stores/prefs-store.ts';
import {UnreadBadge} from './unread-badge.tsx';
import {Icon} from './icons.tsx';
import {msg} from '../i18n/index.ts';

// Owners and admins open it now and then: its code loads on first use.
const CreateRoomDialog = lazyDialog(async () => (await import('./create-room-dialog.tsx')).CreateRoomDialog);

/** The selected server's rooms (with unread counts) and its access code. */
export function RoomSidebar({serverID}: {serverID: string}) {
  const userID = useAuthStore(s => s.user?.id);
  const [server, serverStatus] = useQuery(queries.server({serverID}));
  const [rooms] = useQuery(queries.serverRooms({serverID}));
  const unread = useServerUnread(serverID);
  const [creating, setCreating] = useState(false);
  const notify = usePrefsStore(s => s.notify);
  const myRole = server?.members.find(m => m.userID === userID)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';

  if (!server) {
    // Removed from the server (or it was deleted) while looking at it: leave.
    if (serverStatus.type === 'complete') return <Navigate to="/" replace />;
    return (
      <aside
        aria-label={msg.rooms.sidebar.label}
        className="flex-1 bg-surface-2 p-4 text-sm text-ink-muted md:w-60 md:flex-none"
        role="status"
      >
        {msg.common.loading}
      </aside>
    );
  }
  return (
    <aside
      aria-label={msg.rooms.sidebar.label}
      className="flex min-w-0 flex-1 flex-col bg-surface-2 md:w-60 md:flex-none"
    >
      <header className="flex items-start gap-2 border-b border-surface-3 px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{server.name}</h2>
          <p className="text-xs text-ink-muted">
            {msg.rooms.sidebar.inviteCode(
              <code data-testid="access-code" className="font-mono font-semibold text-ink">
                {server.accessCode}
              </code>,
            )}
          </p>
        </div>
        <Link
          to={`/servers/${serverID}/settings`}
          aria-label={msg.rooms.sidebar.serverSettings}
          title={msg.rooms.sidebar.serverSettings}
          className="rounded p-1 text-ink-muted hover:bg-surface-3"
        >
          <Icon name="settings" />
        </Link>
      </header>
      <div className="flex items-center justify-between px-4 pt-4 pb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
        <span>{msg.rooms.sidebar.heading}</span>
        {canManage ? (
          <button
            aria-label={msg.rooms.sidebar.create}
            title={msg.rooms.sidebar.create}
            className="text-lg leading-none"
            onClick={() => setCreating(true)}
          >
            <Icon name="plus" size={16} />
          </button>
        ) : null}
      </div>
      <ul className="flex flex-col gap-0.5 overflow-y-auto px-2 pb-2">
        {rooms.map(room => {
          const {unread: isUnread, mentions} = roomUnread(unread, room.id);
          // A muted room stays quiet here too: in the read rooms' muted colour (not
          // fainter: it must stay legible), with a crossed-out bell, and only a
          // mention stands out.
          const muted = notifyLevel(notify, serverID, room.id) === 'none';
          return (
            <li key={room.id}>
              <NavLink
                to={`/servers/${serverID}/rooms/${room.id}`}
                className={({isActive}) =>
                  `flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm ${
                    isActive
                      ? 'bg-surface-3 font-semibold'
                      : mentions || (isUnread && !muted)
                        ? 'font-semibold text-ink hover:bg-surface-3'
                        : 'text-ink-muted hover:bg-surface-3'
                  }`
                }
              >
                <Icon name={room.isPrivate ? 'lock' : 'hash'} size={15} className="shrink-0" />
                <span className="truncate">{room.name}</span>
                {muted ? (
                  <span className="ml-auto shrink-0" title={msg.rooms.sidebar.muted}>
                    <Icon name="bellOff" size={14} />
                    <span className="sr-only">{msg.rooms.sidebar.mutedSuffix}</span>
                  </span>
                ) : null}
                {mentions ? (
                  <UnreadBadge
                    count={mentions}
                    label={msg.rooms.sidebar.unreadMentions(mentions)}
                    prefix="@"
                  />
                ) : isUnread && !muted ? (
                  <span className="sr-only">{msg.rooms.sidebar.newMessages}</span>
                ) : null}
              </NavLink>
            </li>
          );
        })}
      </ul>
      <CreateRoomDialog serverID={serverID} open={creating} onClose={() => setCreating(false)} />
    </aside>
  );
}
