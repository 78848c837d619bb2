/**
 * How the feed lays messages out, as Discord and Slack do: a run of messages
 * by one person, each within a few minutes of the one before, on the same
 * day, is one group (one avatar and name, then compact lines); a day starts
 * with a divider. Pure, so it is tested with fixed clocks and time zones.
 */

/** The longest pause inside one group. */
export const GROUP_GAP_MS = 5 * 60_000;

export type FeedMessage = {
  id: string;
  userID?: string | null | undefined;
  createdAt: number;
  deletedAt?: number | null | undefined;
};

export type FeedPlace = {
  /** Drawn as a continuation of the message above: no avatar or name. */
  compact: boolean;
  /** The local day this message starts (midnight, ms), when a day divider goes above it. */
  dayStart: number | undefined;
};

/** Local midnight of the day `at` falls on. */
export function startOfDay(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Each message's place, oldest first. `breakBefore` (the first unread
 * message) starts a new group as a divider does. A deleted message stands
 * alone: its placeholder is not part of anyone's run.
 */
export function feedLayout(messages: readonly FeedMessage[], breakBefore?: string | undefined): FeedPlace[] {
  const out: FeedPlace[] = [];
  let previous: FeedMessage | undefined;
  let previousDay: number | undefined;
  for (const m of messages) {
    const day = startOfDay(m.createdAt);
    const newDay = day !== previousDay;
    const compact =
      previous !== undefined &&
      !newDay &&
      m.id !== breakBefore &&
      !m.deletedAt &&
      !previous.deletedAt &&
      m.userID != null &&
      m.userID === previous.userID &&
      m.createdAt - previous.createdAt < GROUP_GAP_MS &&
      m.createdAt >= previous.createdAt;
    out.push({compact, dayStart: newDay ? day : undefined});
    previous = m;
    previousDay = day;
  }
  return out;
}

/** Which day a divider names: today, yesterday, or another date. */
export function dayKind(dayStart: number, now: number): 'today' | 'yesterday' | 'date' {
  const today = startOfDay(now);
  if (dayStart === today) return 'today';
  // Not today − 24 h: a day with a daylight-saving change is 23 or 25 hours long.
  if (dayStart === startOfDay(today - 12 * 3600_000)) return 'yesterday';
  return 'date';
}
