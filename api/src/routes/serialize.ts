/** REST shapes: camelCase, ISO-8601 timestamps, `null` rather than missing. */

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

type ServerRow = {
  id: string;
  name: string;
  accessCode: string;
  isPrivate: boolean;
  createdBy?: string | null | undefined;
  createdAt: number;
};
type RoomRow = {
  id: string;
  serverID: string;
  name: string;
  isPrivate: boolean;
  createdBy?: string | null | undefined;
  createdAt: number;
};
type MessageRow = {
  id: string;
  roomID?: string | null | undefined;
  conversationID?: string | null | undefined;
  userID?: string | null | undefined;
  content: string;
  parentMessageID?: string | null | undefined;
  replyCount: number;
  lastReplyAt?: number | null | undefined;
  createdAt: number;
  editedAt?: number | null | undefined;
  deletedAt?: number | null | undefined;
  author?:
    {id: string; username: string; pictureUrl?: string | null | undefined; userType: string} | undefined;
  reactions?: readonly {emoji: string; userID: string}[] | undefined;
};

/** Reactions grouped by emoji, in first-use order. */
function reactionSummary(reactions: readonly {emoji: string; userID: string}[]) {
  const byEmoji = new Map<string, string[]>();
  for (const r of reactions) byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.userID]);
  return [...byEmoji].map(([emoji, userIds]) => ({emoji, count: userIds.length, userIds}));
}

export function serverJSON(s: ServerRow, role?: string) {
  return {
    id: s.id,
    name: s.name,
    accessCode: s.accessCode,
    isPrivate: s.isPrivate,
    createdBy: s.createdBy ?? null,
    createdAt: iso(s.createdAt),
    ...(role ? {role} : {}),
  };
}

export function roomJSON(r: RoomRow) {
  return {
    id: r.id,
    serverId: r.serverID,
    name: r.name,
    isPrivate: r.isPrivate,
    createdBy: r.createdBy ?? null,
    createdAt: iso(r.createdAt),
  };
}

export function messageJSON(m: MessageRow) {
  return {
    id: m.id,
    roomId: m.roomID ?? null,
    conversationId: m.conversationID ?? null,
    userId: m.userID ?? null,
    author: m.author
      ? // [AG4] An agent's messages say so wherever they are shown.
        {
          id: m.author.id,
          username: m.author.username,
          pictureUrl: m.author.pictureUrl ?? null,
          userType: m.author.userType,
        }
      : null,
    content: m.deletedAt ? '' : m.content,
    parentMessageId: m.parentMessageID ?? null,
    replyCount: m.replyCount,
    lastReplyAt: iso(m.lastReplyAt),
    createdAt: iso(m.createdAt),
    editedAt: iso(m.editedAt),
    deletedAt: iso(m.deletedAt),
    reactions: reactionSummary(m.reactions ?? []),
  };
}

type UserRow = {
  id: string;
  username: string;
  pictureUrl?: string | null | undefined;
  externalLink?: string | null | undefined;
  userType: 'human' | 'ai_agent';
};

/** [AC8] Another person as REST shows them, from a Zero row: never more than these fields. */
export function publicUserJSON(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    pictureUrl: u.pictureUrl ?? null,
    externalLink: u.externalLink ?? null,
    userType: u.userType,
  };
}
