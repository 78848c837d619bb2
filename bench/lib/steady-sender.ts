import {randomUUID} from 'node:crypto';
import {now, sleep} from './stats.ts';

/** One entry per message slot, taken round-robin: which sender posts into which room. */
/** Who sends where: a room, or (`conversationID`) a direct conversation. */
export type SendPlan =
  | {sender: number; roomID: string; conversationID?: undefined}
  | {sender: number; conversationID: string; roomID?: undefined};

export type SendRecord = [messageID: string, at: number];

/**
 * Calls `send` `rate` times a second for `durationMs` on a fixed schedule
 * (late timers catch up rather than shift the schedule), recording the time
 * of each call. Resolves when every send answered, or 15 s after the last.
 */
export async function sendSteadily(
  plan: SendPlan[],
  rate: number,
  durationMs: number,
  send: (p: SendPlan, id: string) => Promise<boolean>,
) {
  const sent: SendRecord[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const start = now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    const id = randomUUID();
    const p = plan[i % plan.length]!;
    sent.push([id, now()]);
    pending.push(
      send(p, id).then(
        ok => {
          if (!ok) failed++;
        },
        () => {
          failed++;
        },
      ),
    );
  }
  // Late answers are counted as failures rather than stalling the run.
  await Promise.race([Promise.all(pending), sleep(15_000)]);
  return {sent, failed, lateMs: Math.max(0, now() - (start + (total * 1000) / rate))};
}
