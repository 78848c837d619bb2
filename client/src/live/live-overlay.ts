import type {LiveMessage} from '@chorus/schema';
import type {MessageRow} from '../messages/types.ts';
import type {OverlayWhere} from '../outbox/overlay.ts';

/** How long a fast-lane row may stand in for the replica's (issue 17): after this Zero is the truth again. */
export const LIVE_OVERLAY_TTL_MS = 15_000;

/** A message as the last live event about it told it, and when that event arrived (this device's clock). */
export type LiveEntry = {readonly message: LiveMessage; readonly receivedAt: number};

/**
 * [LV] The fast lane over the replica's rows, the way overlay.ts lays my
 * unconfirmed writes over them, with one rule above all: the replica wins.
 * - A message the replica lacks is shown from its event (in time order,
 *   once), if it belongs to the list and is not older than what the list
 *   holds, until the replica has its id or `LIVE_OVERLAY_TTL_MS` passes.
 * - An edit or delete applies to the replica's row only while that row is
 *   older (its `editedAt`/`deletedAt` behind the event's).
 * - A new reply counts on its parent in the top level until the replica
 *   counts it (the parent's `lastReplyAt` reaches the reply's time).
 * Untouched rows are returned as they are (the list memoizes by identity);
 * with nothing to add or change, `rows` itself. `rows` are oldest first.
 */
export function liveOverlay(
  rows: readonly MessageRow[],
  entries: Iterable<LiveEntry>,
  where: OverlayWhere,
  now: number,
): readonly MessageRow[] {
  let index: Map<string, number> | undefined;
  let changed: MessageRow[] | undefined;
  const added: MessageRow[] = [];
  const oldest = rows[0]?.createdAt;
  for (const entry of entries) {
    if (now - entry.receivedAt >= LIVE_OVERLAY_TTL_MS) continue;
    const m = entry.message;
    index ??= new Map(rows.map((r, i) => [r.id, i]));
    const at = index.get(m.id);
    if (at !== undefined) {
      const row = (changed ?? rows)[at]!;
      const next = applyLive(row, m);
      if (next !== row) (changed ??= [...rows])[at] = next;
      continue;
    }
    if (m.parentMessageID != null && where.parentMessageID === null) {
      // A reply the top level does not list: it counts on its parent.
      const p = index.get(m.parentMessageID);
      if (p === undefined || m.deletedAt != null) continue;
      const parent = (changed ?? rows)[p]!;
      const counted = countLiveReply(parent, m.createdAt);
      if (counted !== parent) (changed ??= [...rows])[p] = counted;
      continue;
    }
    if (!belongs(m, where)) continue;
    // An edit to history the list has not loaded is not news to put in it.
    if (oldest !== undefined && m.createdAt < oldest) continue;
    added.push(rowOf(m));
  }
  if (!added.length) return changed ?? rows;
  const out = [...(changed ?? rows), ...added];
  out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/**
 * The entries the replica has caught up with (it has the row, as new as the
 * event or newer): they are dropped, so a later change to the replica's row
 * is never overridden by an old event.
 */
export function settledIDs(rows: readonly MessageRow[], entries: Iterable<LiveEntry>): string[] {
  const byID = new Map(rows.map(r => [r.id, r]));
  const settled: string[] = [];
  for (const {message} of entries) {
    const row = byID.get(message.id);
    if (row && applyLive(row, message) === row) settled.push(message.id);
  }
  return settled;
}

/**
 * Which of two events about one message to keep: a delete over anything,
 * else the later edit; on a tie the one that came last.
 */
export function newer(kept: LiveMessage | undefined, incoming: LiveMessage): LiveMessage {
  if (!kept) return incoming;
  if (kept.deletedAt != null && incoming.deletedAt == null) return kept;
  if (incoming.deletedAt == null && (incoming.editedAt ?? 0) < (kept.editedAt ?? 0)) return kept;
  return incoming;
}

/** The replica's row with the event applied, if the event is newer; else the row itself. */
function applyLive(row: MessageRow, m: LiveMessage): MessageRow {
  if (row.deletedAt !== null) return row;
  if (m.deletedAt != null) return {...row, content: '', deletedAt: m.deletedAt, reactions: []};
  if (m.editedAt != null && (row.editedAt ?? 0) < m.editedAt) {
    return {...row, content: m.content, editedAt: m.editedAt};
  }
  return row;
}

/**
 * A reply the fast lane brought, in its parent's count, unless the replica
 * counts it already (its parent's `lastReplyAt` is the reply's time or
 * later), as overlay.ts counts my pending replies. Replies arriving out of
 * order can leave the earlier one uncounted until the replica has both.
 */
function countLiveReply(parent: MessageRow, replyAt: number): MessageRow {
  if (parent.lastReplyAt !== null && parent.lastReplyAt >= replyAt) return parent;
  return {...parent, replyCount: parent.replyCount + 1, lastReplyAt: replyAt};
}

function belongs(m: LiveMessage, where: OverlayWhere): boolean {
  if ((m.parentMessageID ?? null) !== where.parentMessageID) return false;
  return 'roomID' in where ? m.roomID === where.roomID : m.conversationID === where.conversationID;
}

/** A fast-lane message as a list row (no reactions: those come with the replica's row). */
export function rowOf(m: LiveMessage): MessageRow {
  const author = m.author;
  return {
    id: m.id,
    roomID: m.roomID ?? null,
    conversationID: m.conversationID ?? null,
    userID: m.userID ?? null,
    content: m.deletedAt != null ? '' : m.content,
    parentMessageID: m.parentMessageID ?? null,
    replyCount: m.replyCount,
    lastReplyAt: m.lastReplyAt ?? null,
    createdAt: m.createdAt,
    editedAt: m.editedAt ?? null,
    deletedAt: m.deletedAt ?? null,
    author: author
      ? {
          id: author.id,
          username: author.username,
          pictureUrl: author.pictureUrl ?? null,
          userType: author.userType === 'ai_agent' ? 'ai_agent' : 'human',
        }
      : undefined,
    reactions: [],
  };
}
