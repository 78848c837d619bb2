import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {mentions} from '../messages/remark-mentions.ts';
import {useAuthStore} from '../stores/auth-store.ts';

export type UnreadMessage = {
  id: string;
  roomID: string;
  content: string;
  createdAt: number;
  mentionsMe: boolean;
};

export type Unread = {
  byRoom: ReadonlyMap<string, {count: number; mentions: number}>;
  total: number;
  mentions: number;
  /** The unread messages themselves, newest first (for notifications). */
  messages: readonly UnreadMessage[];
};

/**
 * Unread and unread-mention counts for one server, computed from the local
 * replica: others' messages newer than my read mark in each room (or than
 * when I joined, for rooms I never opened).
 */
export function useServerUnread(serverID: string): Unread {
  const user = useAuthStore(s => s.user);
  const [server] = useQuery(queries.server({serverID}));
  const [rooms] = useQuery(queries.serverRooms({serverID}));
  const joinedAt = server?.members.find(m => m.userID === user?.id)?.joinedAt ?? Date.now();
  const marks = useMemo(
    () => new Map(rooms.map(r => [r.id, r.members[0]?.lastReadAt ?? joinedAt])),
    [rooms, joinedAt],
  );
  const oldest = marks.size ? Math.min(...marks.values()) : joinedAt;
  // Whole minutes, so reading a room does not re-register the query each time.
  const since = Math.max(0, Math.floor(oldest / 60_000) * 60_000);
  const [rows] = useQuery(queries.serverUnread({serverID, since}));
  return useMemo(() => {
    const byRoom = new Map<string, {count: number; mentions: number}>();
    const messages: UnreadMessage[] = [];
    let total = 0;
    let mentionCount = 0;
    for (const m of rows) {
      const mark = m.roomID ? marks.get(m.roomID) : undefined;
      if (!m.roomID || mark === undefined || m.createdAt <= mark || m.deletedAt) continue;
      const mentionsMe = user ? mentions(m.content, user.username) : false;
      const room = byRoom.get(m.roomID) ?? {count: 0, mentions: 0};
      room.count++;
      if (mentionsMe) room.mentions++;
      byRoom.set(m.roomID, room);
      total++;
      if (mentionsMe) mentionCount++;
      messages.push({id: m.id, roomID: m.roomID, content: m.content, createdAt: m.createdAt, mentionsMe});
    }
    return {byRoom, total, mentions: mentionCount, messages};
  }, [rows, marks, user]);
}
