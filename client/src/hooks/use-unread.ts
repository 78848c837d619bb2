import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {useAuthStore} from '../stores/auth-store.ts';

export type Unread = {byRoom: ReadonlyMap<string, number>; total: number};

/**
 * Unread counts for one server, computed from the local replica: others'
 * messages newer than my read mark in each room (or than when I joined, for
 * rooms I never opened).
 */
export function useServerUnread(serverID: string): Unread {
  const userID = useAuthStore(s => s.user?.id);
  const [server] = useQuery(queries.server({serverID}));
  const [rooms] = useQuery(queries.serverRooms({serverID}));
  const joinedAt = server?.members.find(m => m.userID === userID)?.joinedAt ?? Date.now();
  const marks = useMemo(
    () => new Map(rooms.map(r => [r.id, r.members[0]?.lastReadAt ?? joinedAt])),
    [rooms, joinedAt],
  );
  // Whole minutes, so reading a room does not re-register the query each time.
  const oldest = marks.size ? Math.min(...marks.values()) : joinedAt;
  const since = Math.floor(oldest / 60_000) * 60_000;
  const [messages] = useQuery(queries.serverUnread({serverID, since: Math.max(0, since)}));
  return useMemo(() => {
    const byRoom = new Map<string, number>();
    let total = 0;
    for (const m of messages) {
      const mark = m.roomID ? marks.get(m.roomID) : undefined;
      if (!m.roomID || mark === undefined || m.createdAt <= mark || m.deletedAt) continue;
      byRoom.set(m.roomID, (byRoom.get(m.roomID) ?? 0) + 1);
      total++;
    }
    return {byRoom, total};
  }, [messages, marks]);
}
