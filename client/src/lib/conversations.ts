import {msg} from '../i18n/index.ts';
import {effectiveReadMark} from './read-marks.ts';

type ConversationRow = {
  id: string;
  lastMessageAt?: number | null | undefined;
  lastUserID?: string | null | undefined;
  members: readonly {
    userID: string;
    lastReadAt?: number | null | undefined;
    user?: {username: string} | undefined;
  }[];
};

/**
 * The other people of a conversation, by name: "ben" or "ben, cat, dan" (in
 * alphabetical order: members who joined together have no order of their own).
 */
export function conversationTitle(c: ConversationRow, me: string | undefined): string {
  const names = c.members
    .filter(m => m.userID !== me)
    .map(m => m.user?.username ?? msg.common.unknownUser)
    .sort((a, b) => a.localeCompare(b));
  return names.length ? msg.conversations.title(names) : msg.conversations.onlyYou;
}

/**
 * [DM5] Unread: someone else wrote after my read mark (the synced one, or
 * `localMark`, this device's, when it is later: a mark still on its way).
 */
export function isUnread(c: ConversationRow, me: string | undefined, localMark?: number): boolean {
  if (!c.lastMessageAt || !me || c.lastUserID === me) return false;
  const mine = c.members.find(m => m.userID === me);
  const mark = effectiveReadMark(mine?.lastReadAt ?? undefined, localMark);
  return !mark || c.lastMessageAt > mark;
}

/** [DM1] My 1:1 conversation with the person called `username` (any case), if we have one. */
export function conversationWith<C extends ConversationRow & {isGroup: boolean}>(
  conversations: readonly C[],
  me: string | undefined,
  username: string,
): C | undefined {
  const name = username.toLowerCase();
  return conversations.find(
    c => !c.isGroup && c.members.some(m => m.userID !== me && m.user?.username.toLowerCase() === name),
  );
}
