import {mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useCallback, useEffect, useState} from 'react';
import {Link, useParams} from 'react-router';
import {Composer} from '../components/composer.tsx';
import {MessageList} from '../components/message-list.tsx';
import {RoomSettingsDialog} from '../components/room-settings-dialog.tsx';
import {useAuthStore} from '../stores/auth-store.ts';

/** `/servers/:serverId/rooms/:roomId`. */
export function RoomPage() {
  const {roomId = '', serverId = ''} = useParams();
  const zero = useZero();
  const userID = useAuthStore(s => s.user?.id);
  const [room, status] = useQuery(queries.room({roomID: roomId}));
  const [server] = useQuery(queries.server({serverID: serverId}));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const myRole = server?.members.find(m => m.userID === userID)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';

  const markRead = useCallback(
    (readAt: number) => {
      if (document.visibilityState === 'visible') {
        void zero.mutate(mutators.roomState.markRead({roomID: roomId, readAt}));
      }
    },
    [zero, roomId],
  );
  const roomID = room?.id;
  useEffect(() => {
    if (roomID) markRead(Date.now());
  }, [roomID, markRead]);

  if (!room) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? 'This room does not exist or you cannot read it.' : 'Loading room…'}
      </p>
    );
  }
  return (
    <main className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-2 border-b border-surface-3 px-4 py-3">
        <Link to={`/servers/${serverId}`} className="text-sm text-ink-muted underline md:hidden">
          ← Rooms
        </Link>
        <h1 className="flex-1 font-semibold">
          <span aria-hidden className="text-ink-muted">
            {room.isPrivate ? '🔒 ' : '# '}
          </span>
          {room.name}
        </h1>
        {canManage ? (
          <button
            aria-label="Room settings"
            title="Room settings"
            className="rounded p-1 text-ink-muted hover:bg-surface-3"
            onClick={() => setSettingsOpen(true)}
          >
            ⚙
          </button>
        ) : null}
      </header>
      <MessageList roomID={room.id} onSeen={markRead} />
      <Composer roomID={room.id} roomName={room.name} />
      {canManage ? (
        <RoomSettingsDialog room={room} open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      ) : null}
    </main>
  );
}
