import {queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useCallback, useEffect, useMemo} from 'react';
import {useParams, useSearchParams} from 'react-router';
import type {Member} from '../messages/types.ts';
import {useReadMark} from '../hooks/use-read-mark.ts';
import {rememberRoom} from '../lib/last-room.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {RoomLayout} from './room-layout.tsx';

/**
 * `/servers/:serverId/rooms/:roomId` (`?thread=` opens a thread, `?message=`
 * jumps to one): the room's data; room-layout.tsx draws it.
 */
export function RoomPage() {
  const {roomId = '', serverId = ''} = useParams();
  const [search, setSearch] = useSearchParams();
  const zero = useZero();
  const user = useAuthStore(s => s.user);
  const [room, status] = useQuery(queries.room({roomID: roomId}));
  const [server] = useQuery(queries.server({serverID: serverId}));
  const [roomMembers] = useQuery(queries.roomMembers({roomID: roomId}));
  const readMark = useReadMark(roomId, room !== undefined);
  const myRole = server?.members.find(m => m.userID === user?.id)?.role;
  // Where `/` lands next time, on this device.
  const userID = user?.id;
  const readable = room !== undefined;
  useEffect(() => {
    if (userID && readable) rememberRoom(userID, {serverID: serverId, roomID: roomId});
  }, [userID, readable, serverId, roomId]);
  const canManage = myRole === 'owner' || myRole === 'admin';
  const me = useMemo(() => (user ? {id: user.id, username: user.username} : undefined), [user]);
  const serverMembers = server?.members;

  const names = useMemo(
    () => new Map((serverMembers ?? []).map(m => [m.userID, m.user?.username ?? msg.common.unknownUser])),
    [serverMembers],
  );
  const members = useMemo<Member[]>(() => {
    const all = (serverMembers ?? []).map(m => ({
      userID: m.userID,
      username: m.user?.username ?? '',
      isAgent: m.user?.userType === 'ai_agent',
    }));
    if (!room?.isPrivate) return all;
    const inRoom = new Set(roomMembers.map(m => m.userID));
    return all.filter(m => inRoom.has(m.userID));
  }, [serverMembers, room?.isPrivate, roomMembers]);

  const openThread = useCallback(
    (id: string) => setSearch(p => new URLSearchParams({...Object.fromEntries(p), thread: id})),
    [setSearch],
  );
  const closeThread = useCallback(
    () =>
      setSearch(p => {
        const next = new URLSearchParams(p);
        next.delete('thread');
        return next;
      }),
    [setSearch],
  );

  const findLastOwnMessage = useCallback(async () => {
    if (!user) return undefined;
    const rows = await zero.run(queries.roomMessages({roomID: roomId, limit: 50}));
    return rows.find(m => m.userID === user.id && !m.deletedAt)?.id;
  }, [zero, roomId, user]);

  if (!room) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? msg.rooms.page.unavailable : msg.rooms.page.loading}
      </p>
    );
  }
  return (
    <RoomLayout
      room={room}
      serverID={serverId}
      serverMembers={serverMembers ?? []}
      members={members}
      names={names}
      me={me}
      canManage={canManage}
      readMark={readMark}
      threadID={search.get('thread') ?? undefined}
      focusMessageID={search.get('message') ?? undefined}
      onOpenThread={openThread}
      onCloseThread={closeThread}
      findLastOwnMessage={findLastOwnMessage}
    />
  );
}
