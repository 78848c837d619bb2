import {msg} from '../i18n/index.ts';

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

/** The other people of a conversation, by name: "ben" or "ben, cat and dan". */
export function conversationTitle(c: ConversationRow, me: string | undefined): string {
  const names = c.members.filter(m => m.userID !== me).map(m => m.user?.username ?? msg.common.unknownUser);
  return names.length ? msg.conversations.title(names) : msg.conversations.onlyYou;
}

/** [DM5] Unread: someone else wrote after my read mark. */
export function isUnread(c: ConversationRow, me: string | undefined): boolean {
  if (!c.lastMessageAt || !me || c.lastUserID === me) return false;
  const mine = c.members.find(m => m.userID === me);
  return !mine?.lastReadAt || c.lastMessageAt > mine.lastReadAt;
}
