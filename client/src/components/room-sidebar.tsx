import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {NavLink} from 'react-router';
import {useAuthStore} from '../stores/auth-store.ts';
import {CreateRoomDialog} from './create-room-dialog.tsx';

/** The selected server's rooms and its access code. */
export function RoomSidebar({serverID}: {serverID: string}) {
  const userID = useAuthStore(s => s.user?.id);
  const [server, serverStatus] = useQuery(queries.server({serverID}));
  const [rooms] = useQuery(queries.serverRooms({serverID}));
  const [creating, setCreating] = useState(false);
  const myRole = server?.members.find(m => m.userID === userID)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';

  if (!server) {
    return (
      <aside aria-label="Rooms" className="w-60 shrink-0 bg-surface-2 p-4 text-sm text-ink-muted">
        {serverStatus.type === 'complete' ? 'This server is not available.' : 'Loading…'}
      </aside>
    );
  }
  return (
    <aside aria-label="Rooms" className="flex w-full shrink-0 flex-col bg-surface-2 md:w-60">
      <header className="border-b border-surface-3 px-4 py-3">
        <h2 className="truncate font-semibold">{server.name}</h2>
        <p className="text-xs text-ink-muted">
          Invite code:{' '}
          <code data-testid="access-code" className="font-mono font-semibold text-ink">
            {server.accessCode}
          </code>
        </p>
      </header>
      <div className="flex items-center justify-between px-4 pt-4 pb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
        <span>Rooms</span>
        {canManage ? (
          <button
            aria-label="Create a room"
            title="Create a room"
            className="text-lg leading-none"
            onClick={() => setCreating(true)}
          >
            +
          </button>
        ) : null}
      </div>
      <ul className="flex flex-col gap-0.5 px-2">
        {rooms.map(room => (
          <li key={room.id}>
            <NavLink
              to={`/servers/${serverID}/rooms/${room.id}`}
              className={({isActive}) =>
                `flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm ${isActive ? 'bg-surface-3 font-semibold' : 'text-ink-muted hover:bg-surface-3'}`
              }
            >
              <span aria-hidden>{room.isPrivate ? '🔒' : '#'}</span>
              <span className="truncate">{room.name}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      <CreateRoomDialog serverID={serverID} open={creating} onClose={() => setCreating(false)} />
    </aside>
  );
}
