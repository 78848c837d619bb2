import {randomUUID} from 'node:crypto';
import pg from 'pg';
import {readSession} from './sessions.ts';

const CHANNEL = 'chorus_session_ended';
/** `settle()` sends these on the same channel; they name no session. */
const SETTLE_PREFIX = 'settle:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionLivenessOptions = {
  /** How long "still signed in" is trusted without hearing from Postgres (default 5 minutes). */
  trustMs?: number;
  /** Most sessions remembered at once; the oldest answer goes first (default 50,000). */
  maxEntries?: number;
  log?: (line: string) => void;
  /** How often watched sessions are checked for having run out (default 1 minute). */
  expirySweepMs?: number;
};

/**
 * [AC5] Whether an access token's session has ended, answered from memory.
 *
 * Every request with an access token asks this, so a Postgres round trip
 * here sat on the path of every Zero push (every message sent). A session
 * that is still signed in is remembered; migration 007 makes Postgres notify
 * `chorus_session_ended` on commit whenever a session is revoked, shortened
 * or deleted, by any code path and from any API process, and the listener
 * forgets it, so signing out still ends its tokens at once.
 *
 * Without a working listener (not yet connected, or the connection dropped)
 * nothing is remembered and every answer comes from Postgres, so a missed
 * notification can never keep a signed-out session alive.
 */
export class SessionLiveness {
  readonly #pool: pg.Pool;
  readonly #trustMs: number;
  readonly #maxEntries: number;
  readonly #log: (line: string) => void;
  /** Session id → until when (epoch ms) "not ended" may be answered from memory. */
  readonly #alive = new Map<string, number>();
  /** Bumped by every notification, so an answer read before one is not remembered after it. */
  #generation = 0;
  #listener: pg.Client | undefined;
  /** `settle()` calls waiting to hear their own notification. */
  readonly #settling = new Map<string, () => void>();
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;
  #sweep: NodeJS.Timeout | undefined;
  /** [AC12] Session id → what to call once it has ended (see `watch`). */
  readonly #watchers = new Map<string, Set<() => void>>();

  private constructor(pool: pg.Pool, options: SessionLivenessOptions) {
    this.#pool = pool;
    this.#trustMs = options.trustMs ?? 5 * 60_000;
    this.#maxEntries = options.maxEntries ?? 50_000;
    this.#log = options.log ?? (() => {});
  }

  /** Connects the listener; if Postgres cannot be reached yet it keeps trying and answers uncached. */
  static async start(pool: pg.Pool, options: SessionLivenessOptions = {}): Promise<SessionLiveness> {
    const liveness = new SessionLiveness(pool, options);
    await liveness.#listen();
    // A session that runs out (`expires_at` passes) sends no notification:
    // look at every watched session once a minute, in one query.
    liveness.#sweep = setInterval(() => {
      if (liveness.#watchers.size) void liveness.#checkWatched([...liveness.#watchers.keys()]);
    }, options.expirySweepMs ?? 60_000);
    liveness.#sweep.unref();
    return liveness;
  }

  /** Whether remembered answers are being used (the listener is connected). */
  get caching(): boolean {
    return this.#listener !== undefined;
  }

  async ended(sessionID: string): Promise<boolean> {
    const until = this.#alive.get(sessionID);
    if (until !== undefined && until > Date.now() && this.#listener) return false;
    const generation = this.#generation;
    const session = await readSession(this.#pool, sessionID);
    // A `sid` with no row is let through (see `sessionEnded`) but not remembered.
    if (!session) return false;
    if (!session.ended && this.#listener && generation === this.#generation) {
      this.#remember(sessionID, Math.min(Date.now() + this.#trustMs, session.expiresAt.getTime()));
    }
    return session.ended;
  }

  /**
   * Resolves once this process has heard every sign-out committed before the
   * call. Call it after revoking sessions and before answering, so the next
   * request to this process already sees them ended. Postgres delivers
   * notifications in commit order, so hearing a notification sent after the
   * revocation proves the revocation's own was heard first.
   */
  async settle(): Promise<void> {
    if (!this.#listener) return; // nothing is remembered
    const token = `${SETTLE_PREFIX}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<boolean>(resolve => {
      this.#settling.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), 2_000);
    });
    try {
      await this.#pool.query('SELECT pg_notify($1, $2)', [CHANNEL, token]);
      // Not heard in time: the listener cannot be trusted. Forget everything
      // rather than risk a stale answer, and listen anew.
      if (!(await heard) && this.#listener) {
        this.#lose(this.#listener, 'a notification did not arrive in time');
      }
    } finally {
      clearTimeout(timer);
      this.#settling.delete(token);
    }
  }

  /**
   * [AC12] Calls `onEnded` once the session has ended: signed out, revoked,
   * or deleted with its user. Returns a function that stops watching. Call
   * it before checking `ended()`, so a sign-out committed in between is not
   * missed. A session that simply runs out sends no notification; it is
   * noticed by a sweep once a minute (`expirySweepMs`).
   *
   * Notifications say only that a session changed; each is checked against
   * Postgres before anyone is told. While the listener is down nothing is
   * heard, so on listening again every watched session is checked.
   */
  watch(sessionID: string, onEnded: () => void): () => void {
    let watchers = this.#watchers.get(sessionID);
    if (!watchers) this.#watchers.set(sessionID, (watchers = new Set()));
    // A function of its own, so one callback watched twice is two entries.
    const entry = () => onEnded();
    watchers.add(entry);
    return () => {
      watchers.delete(entry);
      if (!watchers.size && this.#watchers.get(sessionID) === watchers) this.#watchers.delete(sessionID);
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    clearInterval(this.#sweep);
    const listener = this.#listener;
    this.#forgetAll();
    await listener?.end().catch(() => {});
  }

  #remember(sessionID: string, until: number) {
    this.#alive.delete(sessionID);
    this.#alive.set(sessionID, until);
    if (this.#alive.size > this.#maxEntries) {
      const oldest = this.#alive.keys().next().value;
      if (oldest !== undefined) this.#alive.delete(oldest);
    }
  }

  #forgetAll() {
    this.#listener = undefined;
    this.#generation++;
    this.#alive.clear();
  }

  /** Drops `client` if it is the current listener, and listens again in a second. */
  #lose(client: pg.Client, why: string) {
    if (this.#listener !== client) return;
    this.#forgetAll();
    client.end().catch(() => {});
    if (this.#stopped) return;
    this.#log(`session liveness: listener lost (${why}); asking Postgres on every request until it is back`);
    this.#retry = setTimeout(() => void this.#listen(), 1_000);
  }

  async #listen(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client(this.#pool.options);
    const lost = (why: string) => this.#lose(client, why);
    client.on('notification', message => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const settled = this.#settling.get(message.payload);
      if (settled) return settled();
      // Another process's settle token.
      if (message.payload.startsWith(SETTLE_PREFIX)) return;
      this.#generation++;
      this.#alive.delete(message.payload);
      if (this.#watchers.has(message.payload)) void this.#checkWatched([message.payload]);
    });
    client.on('error', err => lost(err.message));
    client.on('end', () => lost('connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.end().catch(() => {});
      if (this.#stopped) return;
      this.#log(`session liveness: cannot listen (${(err as Error).message}); retrying`);
      this.#retry = setTimeout(() => void this.#listen(), 1_000);
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => {});
      return;
    }
    // Answers read before the listener was up may predate a sign-out it never heard of.
    this.#generation++;
    this.#listener = client;
    // Sign-outs committed while nobody listened were never heard: ask now
    // that later ones will be.
    if (this.#watchers.size) void this.#checkWatched([...this.#watchers.keys()]);
  }

  /** Tells the watchers of each session in `sessionIDs` that has ended. */
  async #checkWatched(sessionIDs: string[]): Promise<void> {
    let alive: Set<string>;
    try {
      const {rows} = await this.#pool.query<{id: string}>(
        `SELECT id FROM auth_sessions
          WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > now()`,
        // Anything else names no session (and would fail the whole query).
        [sessionIDs.filter(id => UUID.test(id))],
      );
      alive = new Set(rows.map(r => r.id));
    } catch (err) {
      // Listening anew checks every watched session again once Postgres answers.
      if (this.#listener) this.#lose(this.#listener, `cannot check sessions: ${(err as Error).message}`);
      return;
    }
    for (const id of sessionIDs) {
      const watchers = this.#watchers.get(id);
      // No row counts as ended: rows are deleted only together with their user.
      if (alive.has(id) || !watchers) continue;
      this.#watchers.delete(id);
      for (const onEnded of watchers) {
        try {
          onEnded();
        } catch (err) {
          this.#log(`session liveness: a watcher failed: ${String(err)}`);
        }
      }
    }
  }
}
