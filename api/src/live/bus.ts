import {randomUUID} from 'node:crypto';
import type {LiveEvent} from '@chorus/schema';
import pg from 'pg';
import type {LiveRecipe} from './types.ts';

const CHANNEL = 'chorus_live';
/** Postgres refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7_900;

/** What API processes tell each other. */
export type BusMessage =
  | {kind: 'events'; events: LiveEvent[]}
  /** Events too large for a notification: each process builds them again from the recipe. */
  | {kind: 'recipe'; recipe: LiveRecipe}
  | {kind: 'recheck'}
  | {kind: 'presence'; channel: string; key: string; userID: string; status: string | null}
  /** A process that just started asks the others for their presence entries. */
  | {kind: 'presence-sync'};

/**
 * [LV5] Live events shared between API processes through Postgres
 * `LISTEN/NOTIFY`, so the embedded hub is not tied to one process: the
 * database every process already has, no other broker to run. Each process
 * delivers its own events to its own sockets at once and hears only the
 * others' (`origin`). Notifications are sent on commit and in commit order;
 * a listener that lost its connection listens again (events sent meanwhile
 * are missed: the fast lane may drop, Zero's replica still brings the rows).
 */
export class LiveBus {
  readonly origin = randomUUID();
  readonly #pool: pg.Pool;
  readonly #onMessage: (message: BusMessage) => void;
  readonly #log: (line: string) => void;
  #client: pg.Client | undefined;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;
  #connected: () => void = () => {};

  constructor(pool: pg.Pool, onMessage: (message: BusMessage) => void, log: (line: string) => void) {
    this.#pool = pool;
    this.#onMessage = onMessage;
    this.#log = log;
  }

  /** Resolves once listening (or after the first failure; it keeps trying). */
  start(onListening: () => void): Promise<void> {
    this.#connected = onListening;
    return this.#listen();
  }

  send(message: BusMessage, fallback?: BusMessage): void {
    let payload = JSON.stringify({origin: this.origin, message});
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      if (!fallback) return this.#log(`live bus: a ${message.kind} message is too large to share; dropped`);
      payload = JSON.stringify({origin: this.origin, message: fallback});
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return;
    }
    this.#pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err: Error) => {
      this.#log(`live bus: cannot notify (${err.message})`);
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #listen(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client(this.#pool.options);
    client.on('error', err => this.#lose(client, err.message));
    client.on('end', () => this.#lose(client, 'connection ended'));
    client.on('notification', n => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const {origin, message} = JSON.parse(n.payload) as {origin: string; message: BusMessage};
        if (origin !== this.origin) this.#onMessage(message);
      } catch (err) {
        this.#log(`live bus: unreadable notification (${String(err)})`);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.#client = client;
      this.#connected();
    } catch (err) {
      this.#lose(client, (err as Error).message);
    }
  }

  #lose(client: pg.Client, why: string) {
    if (this.#client && this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => {});
    if (this.#stopped || this.#retry) return;
    this.#log(`live bus: not listening (${why}); trying again`);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#listen();
    }, 1_000);
  }
}
