import type {Pool} from 'pg';

/**
 * [M2] Moves room activity gathered since the last batch into `room_activity`
 * every `intervalMs` (migration 008), so zero-cache updates each member's
 * unread marks once per batch instead of once per message. Several API
 * processes may each run one: `publish_room_activity()` gives each pending
 * row to one caller, so batches may also overlap.
 */
export function startRoomActivityPublisher(
  pool: Pool,
  options: {intervalMs?: number; log?: (line: string) => void} = {},
): {stop: () => Promise<void>} {
  const intervalMs = options.intervalMs ?? 1_000;
  const publish = () => pool.query('SELECT publish_room_activity()');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let failing = false;

  const tick = () => {
    running = publish().then(
      () => {
        if (failing) options.log?.('room activity: publishing again');
        failing = false;
      },
      (err: Error) => {
        // Postgres away (restart, shutdown): say so once, keep trying.
        if (!failing) options.log?.(`room activity: cannot publish (${err.message}); retrying`);
        failing = true;
      },
    );
    void running.then(() => {
      if (timer) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, intervalMs);

  return {
    stop: async () => {
      clearTimeout(timer);
      timer = undefined;
      await running;
      // What gathered since the last batch is not lost: publish it before the pool closes.
      await publish().catch(() => {});
    },
  };
}
