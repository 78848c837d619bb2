import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {dayKind, feedLayout, GROUP_GAP_MS, startOfDay} from './feed-layout.ts';

const TZ = process.env.TZ;
beforeEach(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterEach(() => {
  process.env.TZ = TZ;
});

const at = (iso: string) => new Date(iso).getTime();
let n = 0;
const m = (userID: string, iso: string, extra: {deletedAt?: number} = {}) => ({
  id: `m${++n}`,
  userID,
  createdAt: at(iso),
  ...extra,
});

describe('feed layout: groups and day dividers', () => {
  it('a run by one person within five minutes is one group; another person, a pause or a new day starts the next', () => {
    const rows = [
      m('ana', '2026-11-27T22:50:00+01:00'),
      m('ana', '2026-11-27T22:51:00+01:00'),
      m('ana', '2026-11-27T22:55:59+01:00'),
      m('ben', '2026-11-27T22:56:00+01:00'),
      m('ben', '2026-11-27T23:10:00+01:00'),
      m('ben', '2026-11-28T00:01:00+01:00'),
      m('ben', '2026-11-28T00:02:00+01:00'),
    ];
    expect(feedLayout(rows).map(p => p.compact)).toEqual([false, true, true, false, false, false, true]);
    const days = feedLayout(rows).map(p => p.dayStart);
    expect(days[0]).toBe(at('2026-11-27T00:00:00+01:00'));
    expect(days[5]).toBe(at('2026-11-28T00:00:00+01:00'));
    expect(days.filter(d => d !== undefined)).toHaveLength(2);
  });

  it('exactly five minutes apart is a new group; the first unread and deleted messages stand apart', () => {
    const first = m('ana', '2026-11-28T10:00:00+01:00');
    const later = {...m('ana', '2026-11-28T10:00:00+01:00'), createdAt: first.createdAt + GROUP_GAP_MS};
    expect(feedLayout([first, later]).map(p => p.compact)).toEqual([false, false]);
    const a = m('ana', '2026-11-28T11:00:00+01:00');
    const b = m('ana', '2026-11-28T11:01:00+01:00');
    const gone = m('ana', '2026-11-28T11:02:00+01:00', {deletedAt: 1});
    const c = m('ana', '2026-11-28T11:03:00+01:00');
    expect(feedLayout([a, b, gone, c], b.id).map(p => p.compact)).toEqual([false, false, false, false]);
  });

  it('names today and yesterday by the local calendar, across a daylight-saving change', () => {
    const now = at('2026-03-29T12:00:00+02:00'); // Berlin moved to summer time that night.
    expect(dayKind(startOfDay(now), now)).toBe('today');
    expect(dayKind(startOfDay(at('2026-03-28T23:30:00+01:00')), now)).toBe('yesterday');
    expect(dayKind(startOfDay(at('2026-03-28T00:30:00+01:00')), now)).toBe('yesterday');
    expect(dayKind(startOfDay(at('2026-03-27T23:59:00+01:00')), now)).toBe('date');
  });
});
