import type {Pool} from 'pg';

/**
 * [M2][RS1] Every `intervalMs`, moves what gathered since the last batch into
 * the synced tables in one transaction: room activity into `room_activity`
 * (migration 008) and read marks into `user_rooms` (migration 009). zero-cache
 * then advances each connected client once per batch instead of once per
 * message and once per mark. Several API processes may each run one: each
 * pending row goes to one caller, so batches may also overlap.
 */
export function startActivityPublisher(
  pool: Pool,
  options: {intervalMs?: number; log?: (line: string) => void} = {},
): {stop: () => Promise<void>} {
  const intervalMs = options.intervalMs ?? 1_000;
  const publish = () => pool.query('SELECT publish_room_activity(), publish_read_marks()');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let failing = false;

  const tick = () => {
    running = publish().then(
      () => {
        if (failing) options.log?.('activity: publishing again');
        failing = false;
      },
      (err: Error) => {
        // Postgres away (restart, shutdown): say so once, keep trying.
        if (!failing) options.log?.(`activity: cannot publish (${err.message}); retrying`);
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
