import type {Pool} from 'pg';

export type RoomActivityPublisher = {
  /** Publishes what has gathered now (tests; shutdown). Resolves with the number of rooms moved. */
  flush: () => Promise<number>;
  stop: () => Promise<void>;
};

/**
 * [M2] Moves room activity gathered since the last batch into `room_activity`
 * every `intervalMs` (migration 008), so zero-cache updates each member's
 * unread marks once per batch instead of once per message. Several API
 * processes may each run one: a room's pending row is taken by one of them.
 */
export function startRoomActivityPublisher(
  pool: Pool,
  options: {intervalMs?: number; log?: (line: string) => void} = {},
): RoomActivityPublisher {
  const intervalMs = options.intervalMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let failing = false;

  const flush = async (): Promise<number> => {
    // One batch at a time; a flush asked for during one waits for it, then runs its own.
    while (running) await running.catch(() => {});
    running = pool
      .query<{moved: number}>('SELECT publish_room_activity() AS moved')
      .then(r => r.rows[0]?.moved ?? 0);
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  const tick = async () => {
    try {
      await flush();
      if (failing) options.log?.('room activity: publishing again');
      failing = false;
    } catch (err) {
      // Postgres away (restart, shutdown): say so once, keep trying.
      if (!failing) options.log?.(`room activity: cannot publish (${(err as Error).message}); retrying`);
      failing = true;
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);

  return {
    flush,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
      // What gathered since the last batch is not lost: publish it before the pool closes.
      await flush().catch(() => {});
    },
  };
}
