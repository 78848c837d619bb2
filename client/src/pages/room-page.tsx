import {mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useEffect} from 'react';
import {Link, useParams} from 'react-router';
import {Composer} from '../components/composer.tsx';
import {MessageList} from '../components/message-list.tsx';

/** `/servers/:serverId/rooms/:roomId`. */
export function RoomPage() {
  const {roomId = '', serverId = ''} = useParams();
  const zero = useZero();
  const [room, status] = useQuery(queries.room({roomID: roomId}));

  useEffect(() => {
    if (room) void zero.mutate(mutators.roomState.markRead({roomID: room.id, readAt: Date.now()}));
  }, [room, zero]);

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
        <h1 className="font-semibold">
          <span aria-hidden className="text-ink-muted">
            {room.isPrivate ? '🔒 ' : '# '}
          </span>
          {room.name}
        </h1>
      </header>
      <MessageList roomID={room.id} />
      <Composer roomID={room.id} roomName={room.name} />
    </main>
  );
}
