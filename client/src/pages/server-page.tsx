import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {Navigate, Outlet, useMatch, useParams} from 'react-router';
import {Drawer} from '../components/drawer.tsx';
import {RoomSidebar} from '../components/room-sidebar.tsx';
import {ServerRail} from '../components/server-rail.tsx';
import {useMediaQuery, WIDE} from '../hooks/use-media-query.ts';
import {useDrawerStore} from '../stores/drawer-store.ts';
import {msg} from '../i18n/index.ts';

/**
 * `/servers/:serverId`: rooms on the left, the open room beside them. On
 * phones the server's page is its room list; a room (or search) takes the
 * whole width, and the servers and rooms open over it as a drawer.
 */
export function ServerPage() {
  const {serverId = ''} = useParams();
  const wide = useMediaQuery(WIDE);
  const index = useMatch('/servers/:serverId') !== null;
  if (wide || index) {
    return (
      <div className="flex min-h-0 flex-1">
        <div className={index ? 'flex flex-1 md:flex-none' : 'flex'}>
          <RoomSidebar serverID={serverId} />
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <Outlet />
        </div>
      </div>
    );
  }
  return (
    <div className="flex min-h-0 flex-1">
      <NavDrawer serverID={serverId} />
      <div className="flex min-w-0 flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  );
}

/** The phone drawer: the server rail and the room list, closed on choosing a room (or any link). */
function NavDrawer({serverID}: {serverID: string}) {
  const open = useDrawerStore(s => s.open === 'nav');
  const close = useDrawerStore(s => s.close);
  return (
    <Drawer label={msg.rooms.page.navigation} side="left" open={open} onClose={close}>
      <div
        className="flex w-80 min-w-0"
        onClick={e => {
          if (e.target instanceof Element && e.target.closest('a')) close();
        }}
      >
        <ServerRail />
        <RoomSidebar serverID={serverID} />
      </div>
    </Drawer>
  );
}

/** With no room chosen, open the first one (on phones, the room list is the server's page). */
export function ServerIndex() {
  const {serverId = ''} = useParams();
  const [rooms, status] = useQuery(queries.serverRooms({serverID: serverId}));
  const first = rooms[0];
  const wide = useMediaQuery(WIDE);
  if (!wide) return null;
  if (first) return <Navigate to={`/servers/${serverId}/rooms/${first.id}`} replace />;
  return (
    <p className="m-auto text-ink-muted" role="status">
      {status.type === 'complete' ? msg.servers.index.noRooms : msg.common.loading}
    </p>
  );
}
