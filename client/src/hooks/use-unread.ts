import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {useMatch} from 'react-router';
import {useAuthStore} from '../stores/auth-store.ts';
import {notifyLevel, usePrefsStore} from '../stores/prefs-store.ts';
import {effectiveReadMark, useLocalReadMarks} from '../lib/read-marks.ts';

export type UnreadMessage = {
  id: string;
  roomID: string;
  content: string;
  createdAt: number;
  authorName: string | undefined;
  mentionsMe: boolean;
};

export type RoomUnread = {unread: boolean; mentions: number};

export type Unread = {
  byRoom: ReadonlyMap<string, RoomUnread>;
  /** Rooms with something new. */
  rooms: number;
  mentions: number;
  /** Unread mentions, and new messages in rooms set to notify on everything, newest first. */
  messages: readonly UnreadMessage[];
};

const NO_ROOM: RoomUnread = {unread: false, mentions: 0};
export const roomUnread = (unread: Unread, roomID: string) => unread.byRoom.get(roomID) ?? NO_ROOM;

// Rooms set to "all" hear about messages from this long ago at most.
const ALL_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Unread state of one server, from the local replica [M1]. A room is unread
 * when its latest message (its `activity` row) is someone else's and newer
 * than my read mark there, or than when I joined for rooms I never opened.
 * Mentions of me are counted apiece. Messages themselves are not synced for
 * this: each member receives one small row per message in rooms they do not
 * have open, and only mentions carry text.
 */
export function useServerUnread(serverID: string): Unread {
  const user = useAuthStore(s => s.user);
  const notify = usePrefsStore(s => s.notify);
  const localMarks = useLocalReadMarks(s => s.byRoom);
  const [servers] = useQuery(queries.myServers());
  const [rooms] = useQuery(queries.serverRooms({serverID}));
  // The open room is being read: its messages reach this client anyway.
  const openRoomID = useMatch('/servers/:serverId/rooms/:roomId')?.params.roomId;
  const [activityRows] = useQuery(
    queries.serverActivity({serverID, ...(openRoomID ? {exceptRoomID: openRoomID} : {})}),
  );
  const [mentionRows] = useQuery(queries.myMentions());
  const joinedAt = servers.find(s => s.id === serverID)?.members[0]?.joinedAt;

  // Rooms whose level is "all" also notify for messages that do not mention me.
  const allRoomIDs = useMemo(
    () => rooms.filter(r => notifyLevel(notify, serverID, r.id) === 'all').map(r => r.id),
    [rooms, notify, serverID],
  );
  // Whole hours, so the query is not registered anew on every render.
  const since = Math.floor((Date.now() - ALL_WINDOW_MS) / 3_600_000) * 3_600_000;
  const [recent] = useQuery(queries.recentMessages({roomIDs: allRoomIDs, since}), {
    enabled: allRoomIDs.length > 0,
  });

  return useMemo(() => {
    const activityOf = new Map(activityRows.map(a => [a.roomID, a]));
    const byRoom = new Map<string, RoomUnread>();
    const marks = new Map<string, number>();
    let unreadRooms = 0;
    for (const room of rooms) {
      // Never opened: read up to when I joined (or nothing is unread).
      const synced = room.members[0]?.lastReadAt ?? joinedAt ?? Number.POSITIVE_INFINITY;
      const mark = effectiveReadMark(synced, localMarks[room.id]) ?? synced;
      marks.set(room.id, mark);
      const activity = activityOf.get(room.id);
      // A muted room never shows as unread; mentions in it still count, as in Discord.
      const muted = notifyLevel(notify, serverID, room.id) === 'none';
      const unread =
        !muted && !!activity && activity.lastUserID !== user?.id && activity.lastMessageAt > mark;
      if (unread) unreadRooms++;
      byRoom.set(room.id, {unread, mentions: 0});
    }
    const messages: UnreadMessage[] = [];
    const seen = new Set<string>();
    let mentionCount = 0;
    for (const row of mentionRows) {
      const mark = marks.get(row.roomID);
      const message = row.message;
      if (mark === undefined || row.createdAt <= mark || !message || message.deletedAt) continue;
      const room = byRoom.get(row.roomID)!;
      byRoom.set(row.roomID, {unread: room.unread, mentions: room.mentions + 1});
      mentionCount++;
      seen.add(message.id);
      messages.push({
        id: message.id,
        roomID: row.roomID,
        content: message.content,
        createdAt: message.createdAt,
        authorName: message.author?.username,
        mentionsMe: true,
      });
    }
    for (const m of allRoomIDs.length ? recent : []) {
      const mark = m.roomID ? marks.get(m.roomID) : undefined;
      if (!m.roomID || mark === undefined || m.createdAt <= mark || m.deletedAt || seen.has(m.id)) continue;
      messages.push({
        id: m.id,
        roomID: m.roomID,
        content: m.content,
        createdAt: m.createdAt,
        authorName: m.author?.username,
        mentionsMe: false,
      });
    }
    messages.sort((a, b) => b.createdAt - a.createdAt);
    return {byRoom, rooms: unreadRooms, mentions: mentionCount, messages};
  }, [
    rooms,
    activityRows,
    joinedAt,
    mentionRows,
    recent,
    allRoomIDs,
    user?.id,
    notify,
    serverID,
    localMarks,
  ]);
}
