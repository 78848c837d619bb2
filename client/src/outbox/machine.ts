import {restCallFor} from './rest-call.ts';
import type {OutboxEntry, OutboxError, OutboxWrite} from './types.ts';

/**
 * The outbox's rules, as pure functions over entries (no storage, no
 * network): what a new write replaces, what to hand over next and in what
 * order, and what a failure does to an entry. `outbox.ts` applies them.
 * Rules OB1–OB4 (see README.md).
 */

/** Failures on the server's side (5xx, 429, an unexpected mutator failure) before a write ends failed. */
export const MAX_SERVER_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

type ReadMarkEntry = Extract<OutboxEntry, {kind: 'read.mark' | 'dm.read'}>;

/** [RS1][DM5] A read mark (of a room or a conversation): sent by REST, never a Zero push. */
export const isReadMark = (e: OutboxEntry): e is ReadMarkEntry =>
  e.kind === 'read.mark' || e.kind === 'dm.read';

type SendEntry = Extract<OutboxEntry, {kind: 'message.send' | 'dm.send'}>;

/** A new message (in a room or a conversation, thread replies included). */
export const isSend = (e: OutboxEntry): e is SendEntry => e.kind === 'message.send' || e.kind === 'dm.send';

/**
 * [OB5] Which door an entry goes through. Sends and read marks take REST:
 * a send's commit reaches the room's live channel at once, where a Zero push
 * waits its turn in zero-cache (issue 17), and a send then lands even while
 * zero-cache is away. Edits, deletes and reactions take Zero's push, which
 * also applies them to the replica at once.
 */
export const laneOf = (e: OutboxEntry): 'rest' | 'zero' => (isReadMark(e) || isSend(e) ? 'rest' : 'zero');

/** Read marks go by REST and are ordered apart from their scope's other writes. */
const orderKey = (e: OutboxEntry) => (isReadMark(e) ? `${e.scope}#read` : e.scope);

/** A new pending entry for `write`. For a send, the entry's id is the message's id. */
export function newEntry(
  write: OutboxWrite,
  {id, userID, seq, now}: {id: string; userID: string; seq: number; now: number},
): OutboxEntry {
  return {
    id: write.kind === 'message.send' || write.kind === 'dm.send' ? write.args.id : id,
    userID,
    seq,
    ...write,
    rest: restCallFor(write),
    state: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  } as OutboxEntry;
}

/**
 * What adding `entry` does to the outbox: only the latest read mark per room
 * or conversation matters, so an earlier one not yet handed over is replaced
 * (and a later mark never moves backwards).
 */
export function enqueue(
  entries: readonly OutboxEntry[],
  entry: OutboxEntry,
  inFlight: ReadonlySet<string>,
): {put: OutboxEntry; remove: string[]} {
  if (!isReadMark(entry)) return {put: entry, remove: []};
  const earlier = entries.filter(
    (e): e is ReadMarkEntry =>
      isReadMark(e) &&
      e.kind === entry.kind &&
      e.userID === entry.userID &&
      e.scope === entry.scope &&
      !inFlight.has(e.id),
  );
  const readAt = Math.max(entry.args.readAt, ...earlier.map(e => e.args.readAt));
  const moved = {...entry, args: {...entry.args, readAt}} as ReadMarkEntry;
  return {put: {...moved, rest: restCallFor(moved)}, remove: earlier.map(e => e.id)};
}

/** When an entry that failed on the server's side may be tried again. */
export function nextAttemptAt(entry: OutboxEntry): number {
  if (entry.state !== 'pending' || entry.attempts === 0) return 0;
  return entry.updatedAt + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (entry.attempts - 1));
}

/**
 * [OB2] The entries to hand over now, in order: `userID`'s own only (OB4),
 * pending, by seq. Within a scope a later write never overtakes an earlier
 * one waiting for its backoff; entries already in flight are skipped (Zero
 * keeps the order of what it was handed).
 *
 * [OB5] Two doors do not keep each other's order, so within a scope a send
 * (REST) goes alone: it waits until nothing earlier of its scope is in
 * flight, and nothing later goes until it is confirmed, so an edit of it or
 * a reaction to it never reaches the server before it. (Read marks are
 * ordered apart and only move forward.)
 */
export function replayable(
  entries: readonly OutboxEntry[],
  userID: string,
  inFlight: ReadonlySet<string>,
  now: number,
): OutboxEntry[] {
  const blocked = new Set<string>();
  const busy = new Set<string>();
  const out: OutboxEntry[] = [];
  for (const e of [...entries].filter(e => e.userID === userID).sort((a, b) => a.seq - b.seq)) {
    if (e.state !== 'pending') continue;
    const key = orderKey(e);
    if (blocked.has(key)) continue;
    if (inFlight.has(e.id)) {
      busy.add(key);
      if (isSend(e)) blocked.add(key);
      continue;
    }
    if (nextAttemptAt(e) > now || (isSend(e) && busy.has(key))) {
      blocked.add(key);
      continue;
    }
    out.push(e);
    busy.add(key);
    if (isSend(e)) blocked.add(key);
  }
  return out;
}

/** The earliest time a backed-off entry of `userID` may go again (undefined: none waits). */
export function nextWake(entries: readonly OutboxEntry[], userID: string, now: number): number | undefined {
  const times = entries
    .filter(e => e.userID === userID)
    .map(nextAttemptAt)
    .filter(t => t > now);
  return times.length ? Math.min(...times) : undefined;
}

/** A failed handover, as the transport saw it. */
export type Failure =
  /** Not reachable: offline, zero-cache down, Zero disconnected or in error. */
  | {type: 'offline'; message: string}
  /** The server refused it or failed: `code` is a ChorusError code when it sent one. */
  | {type: 'server'; status?: number | undefined; code?: string | undefined; message: string};

const FINAL_CODES = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'INVALID',
  'CONFLICT',
  'LIMIT_REACHED',
  'EMAIL_NOT_VERIFIED',
]);

/**
 * [OB3] Whether a failure is final: the server's answer that this write can
 * no longer apply (an application error: the room is gone, the person was
 * removed, the message was deleted, the text is not valid). Offline, 5xx,
 * 429 and an expired session are transient.
 */
export function isFinal(failure: Failure): boolean {
  if (failure.type === 'offline') return false;
  if (failure.code !== undefined) return FINAL_CODES.has(failure.code);
  if (failure.status === undefined) return false;
  return failure.status >= 400 && failure.status < 500 && failure.status !== 401 && failure.status !== 429;
}

/** The entry after a failed handover: final errors end it failed; server trouble counts toward the cap. */
export function afterFailure(entry: OutboxEntry, failure: Failure, now: number): OutboxEntry {
  const error: OutboxError =
    failure.type === 'offline'
      ? {code: 'OFFLINE', message: failure.message}
      : {
          code: failure.code ?? (failure.status ? `HTTP_${failure.status}` : 'SERVER'),
          message: failure.message,
        };
  if (isFinal(failure)) return {...entry, state: 'failed', error, updatedAt: now};
  if (failure.type === 'offline') return {...entry, error, updatedAt: now};
  const attempts = entry.attempts + 1;
  return {
    ...entry,
    attempts,
    error,
    state: attempts >= MAX_SERVER_ATTEMPTS ? 'failed' : 'pending',
    updatedAt: now,
  };
}

/**
 * Whether a write that ended failed stays to be shown. A read mark does
 * not: it carries nothing to recover, and the next mark supersedes it.
 */
export const keepsFailed = (entry: OutboxEntry) => !isReadMark(entry);

/** Retry: a failed entry goes again from the start, keeping its place in its scope. */
export function retry(entry: OutboxEntry, now: number): OutboxEntry {
  const {error: _error, ...rest} = entry;
  return {...rest, state: 'pending', attempts: 0, updatedAt: now};
}

/** The text a failed write carried, for "Copy text" (sends and edits). */
export function textOf(entry: OutboxEntry): string | undefined {
  return entry.kind === 'message.send' || entry.kind === 'dm.send' || entry.kind === 'message.edit'
    ? entry.args.content
    : undefined;
}
