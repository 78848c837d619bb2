import type {MessageRow} from '../messages/types.ts';
import type {OutboxEntry} from './types.ts';

/** Which messages a list shows: a room's or a conversation's top level, or one thread's replies. */
export type OverlayWhere = ({roomID: string} | {conversationID: string}) & {parentMessageID: string | null};

/** The message an entry is about. */
export function targetOf(entry: OutboxEntry): string | undefined {
  switch (entry.kind) {
    case 'message.send':
    case 'dm.send':
    case 'message.edit':
    case 'message.delete':
      return entry.args.id;
    case 'reaction.add':
    case 'reaction.remove':
      return entry.args.messageID;
    case 'read.mark':
    case 'dm.read':
      return undefined;
  }
}

/**
 * [OB1] The rows as they will be once my unconfirmed writes land: a send
 * not in the replica yet (Zero refused it while disconnected, or it was
 * made before a reload) becomes a row of its own; pending edits, deletes
 * and reactions are applied; pending replies count on their parent; each
 * row a write is about carries its entries so it can say "Sending…" or
 * "Not sent". Rows are deduplicated by id with the replica's; untouched
 * rows are returned as they are (the list memoizes rows by identity).
 * `rows` are oldest first.
 */
export function overlay(
  rows: readonly MessageRow[],
  entries: readonly OutboxEntry[],
  where: OverlayWhere,
  me: {id: string; username: string} | undefined,
): readonly MessageRow[] {
  if (!entries.length || !me) return rows;
  const byID = new Map<string, MessageRow>(rows.map(r => [r.id, r]));
  const added: MessageRow[] = [];
  const touched = new Map<string, MessageRow>();
  for (const e of entries) {
    const id = targetOf(e);
    if (id === undefined) continue;
    if (e.kind === 'message.send' || e.kind === 'dm.send') {
      if (e.state === 'pending' && e.args.parentMessageID !== undefined && where.parentMessageID === null) {
        const parent = touched.get(e.args.parentMessageID) ?? byID.get(e.args.parentMessageID);
        if (parent) touched.set(parent.id, countReply(parent, e.args.createdAt ?? e.createdAt));
      }
      if ((e.args.parentMessageID ?? null) !== where.parentMessageID || !inPlace(e, where)) continue;
      if (!byID.has(id)) {
        const row: MessageRow = {
          id,
          roomID: e.kind === 'message.send' ? e.args.roomID : null,
          conversationID: e.kind === 'dm.send' ? e.args.conversationID : null,
          userID: me.id,
          content: e.args.content,
          parentMessageID: e.args.parentMessageID ?? null,
          replyCount: 0,
          lastReplyAt: null,
          createdAt: e.args.createdAt ?? e.createdAt,
          editedAt: null,
          deletedAt: null,
          author: {id: me.id, username: me.username},
          reactions: [],
        };
        byID.set(id, row);
        added.push(row);
      }
    }
    const row = touched.get(id) ?? byID.get(id);
    if (!row) continue;
    touched.set(id, applyEntry(row, e, me.id));
  }
  if (!touched.size) return rows;
  const out = [...rows, ...added].map(r => touched.get(r.id) ?? r);
  if (added.length) out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** Is a send for the room or conversation the list shows? */
function inPlace(e: OutboxEntry & {kind: 'message.send' | 'dm.send'}, where: OverlayWhere): boolean {
  if (e.kind === 'message.send') return 'roomID' in where && e.args.roomID === where.roomID;
  return 'conversationID' in where && e.args.conversationID === where.conversationID;
}

/**
 * A pending reply in its parent's count, unless the replica counts it
 * already: Zero's optimistic send (and the server) set the parent's
 * `lastReplyAt` to the reply's time or later. A reply from someone else
 * that arrives meanwhile can hide mine from the count until it is confirmed.
 */
function countReply(parent: MessageRow, replyAt: number): MessageRow {
  if (parent.lastReplyAt !== null && parent.lastReplyAt >= replyAt) return parent;
  return {...parent, replyCount: parent.replyCount + 1, lastReplyAt: replyAt};
}

/** One entry applied to its row (only pending ones change what shows; failed ones are noted). */
function applyEntry(row: MessageRow, e: OutboxEntry, me: string): MessageRow {
  const noted = {...row, outbox: [...(row.outbox ?? []), e]};
  if (e.state !== 'pending') return noted;
  switch (e.kind) {
    case 'message.edit':
      return row.content === e.args.content
        ? noted
        : {...noted, content: e.args.content, editedAt: e.createdAt};
    case 'message.delete':
      return {...noted, content: '', deletedAt: row.deletedAt ?? e.createdAt, reactions: []};
    case 'reaction.add':
      return row.reactions.some(r => r.userID === me && r.emoji === e.args.emoji)
        ? noted
        : {...noted, reactions: [...row.reactions, {id: e.args.id, emoji: e.args.emoji, userID: me}]};
    case 'reaction.remove':
      return {...noted, reactions: row.reactions.filter(r => !(r.userID === me && r.emoji === e.args.emoji))};
    default:
      return noted;
  }
}
