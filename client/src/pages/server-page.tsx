import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {Navigate, Outlet, useParams} from 'react-router';
import {RoomSidebar} from '../components/room-sidebar.tsx';

/** `/servers/:serverId`: rooms on the left, the open room beside them. */
export function ServerPage() {
  const {serverId = '', roomId} = useParams();
  return (
    <div className="flex min-h-0 flex-1">
      {/* On phones the open room takes the whole width; its header links back here. */}
      <div className={roomId ? 'hidden md:flex' : 'flex flex-1 md:flex-none'}>
        <RoomSidebar serverID={serverId} />
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  );
}

/** With no room chosen, open the first one. */
export function ServerIndex() {
  const {serverId = ''} = useParams();
  const [rooms, status] = useQuery(queries.serverRooms({serverID: serverId}));
  const first = rooms[0];
  const wide = window.matchMedia('(min-width: 768px)').matches;
  if (!wide) return null;
  if (first) return <Navigate to={`/servers/${serverId}/rooms/${first.id}`} replace />;
  return (
    <p className="m-auto text-ink-muted" role="status">
      {status.type === 'complete' ? 'This server has no rooms you can read yet.' : 'Loading…'}
    </p>
  );
}
