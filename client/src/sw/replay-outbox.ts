/// <reference lib="webworker" />
import type {IDBPDatabase} from 'idb';
import {msg} from '../i18n/index.ts';
import {afterFailure, replayable, type Failure} from '../outbox/machine.ts';
import {
  OUTBOX_CHANNEL,
  OUTBOX_STORE,
  outboxLockName,
  type OutboxEntry,
  type RestCall,
} from '../outbox/types.ts';
import {entriesOf, openOutbox, peopleWithPending} from './outbox-store.ts';
import {refreshSession, type Session} from './session.ts';

const BUSY = 'A tab is replaying this outbox: try again later.';

/**
 * Background Sync's replay: hands the outbox's pending writes to the REST
 * API after the tab is gone, by the outbox's own rules (machine.ts): only the
 * person the refresh cookie answers for [OB4], in seq order, a scope never
 * overtaking its own failed write [OB2], final failures ending `failed`
 * [OB3]. Rejects while writes remain, so the browser tries again later.
 */
export async function replayOutbox(): Promise<void> {
  const db = await openOutbox();
  if (!db) return;
  try {
    const people = await peopleWithPending(db);
    if (people.length === 0) return;
    // A tab holding a person's lock is replaying already; refreshing here would
    // only rotate the cookie under it. (A hint: the lock below decides.) Not
    // "done" though: the tab may be closing, its lock not yet let go, and a
    // resolved sync is never fired again. Rejected, the browser tries later,
    // and then finds nothing left or the lock free.
    const held = new Set((await self.navigator.locks.query()).held?.map(lock => lock.name));
    if (people.every(userID => held.has(outboxLockName(userID)))) throw new Error(BUSY);
    const session = await refreshSession();
    if (!session || !people.includes(session.userID)) return;
    const done = await self.navigator.locks.request(
      outboxLockName(session.userID),
      {ifAvailable: true},
      async lock => (lock ? replayAs(db, session) : undefined),
    );
    if (done === undefined) throw new Error(BUSY);
    if (!done) throw new Error('Some outbox writes wait for the network or their backoff.');
  } finally {
    db.close();
  }
}

/** Replays `session`'s entries; whether none is left pending. */
async function replayAs(db: IDBPDatabase, session: Session): Promise<boolean> {
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  let changed = false;
  try {
    for (const next of replayable(
      await entriesOf(db, session.userID),
      session.userID,
      new Set(),
      Date.now(),
    )) {
      // Re-read: a tab may have discarded or retried it since the list was made.
      const entry = (await db.get(OUTBOX_STORE, next.id)) as OutboxEntry | undefined;
      if (entry?.state !== 'pending') continue;
      const failure = await send(entry.rest, session.accessToken);
      changed = true;
      if (!failure) {
        await db.delete(OUTBOX_STORE, entry.id);
        continue;
      }
      const after = afterFailure(entry, failure, Date.now());
      await db.put(OUTBOX_STORE, after);
      // Offline or server trouble: stop here so nothing overtakes it.
      if (after.state === 'pending') return false;
    }
    return (await entriesOf(db, session.userID)).every(e => e.state !== 'pending');
  } finally {
    if (changed) channel.postMessage({userID: session.userID});
    channel.close();
  }
}

/** One REST call; `undefined` when the server confirmed it (2xx). */
async function send(rest: RestCall, accessToken: string): Promise<Failure | undefined> {
  let res: Response;
  try {
    res = await fetch(rest.path, {
      method: rest.method,
      credentials: 'same-origin',
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(rest.body === undefined ? {} : {'content-type': 'application/json'}),
      },
      body: rest.body === undefined ? undefined : JSON.stringify(rest.body),
    });
  } catch {
    return {type: 'offline', message: msg.errors.offline};
  }
  if (res.ok) return undefined;
  const problem = (await res.json().catch(() => ({}))) as {type?: unknown; detail?: unknown};
  return {
    type: 'server',
    status: res.status,
    code: errorCode(problem.type),
    message: typeof problem.detail === 'string' ? problem.detail : msg.errors.serverAnswered(res.status),
  };
}

/** The ChorusError code in a problem's type (`…/problems/not-found` → `NOT_FOUND`), as api/src/http/problem.ts writes it. */
function errorCode(type: unknown): string | undefined {
  const match = typeof type === 'string' ? /\/problems\/([a-z-]+)$/.exec(type) : null;
  return match?.[1]?.toUpperCase().replaceAll('-', '_');
}
