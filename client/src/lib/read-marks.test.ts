import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {effectiveReadMark, readMarkThrottle, useLocalReadMarks} from './read-marks.ts';

describe('this device’s read marks', () => {
  beforeEach(() => useLocalReadMarks.setState({byRoom: {}, byConversation: {}}));

  it('keeps the latest mark per room and never moves one back', () => {
    const {note} = useLocalReadMarks.getState();
    note('a', 2000);
    note('b', 500);
    note('a', 1000);
    expect(useLocalReadMarks.getState().byRoom).toEqual({a: 2000, b: 500});
  });

  it('leaves the state untouched when nothing moves, so subscribers do not re-render', () => {
    const {note} = useLocalReadMarks.getState();
    note('a', 2000);
    const before = useLocalReadMarks.getState();
    note('a', 2000);
    note('a', 10);
    expect(useLocalReadMarks.getState()).toBe(before);
  });

  it('[DM5] keeps conversations’ marks apart from rooms’, never moving one back', () => {
    const {note, noteConversation} = useLocalReadMarks.getState();
    noteConversation('c', 3000);
    noteConversation('c', 1000);
    note('c', 10);
    expect(useLocalReadMarks.getState()).toMatchObject({byConversation: {c: 3000}, byRoom: {c: 10}});
  });

  it('counts the later of the synced mark and this device’s', () => {
    expect(effectiveReadMark(1000, 2000)).toBe(2000);
    expect(effectiveReadMark(3000, 2000)).toBe(3000);
    expect(effectiveReadMark(undefined, 2000)).toBe(2000);
    expect(effectiveReadMark(1000, undefined)).toBe(1000);
    expect(effectiveReadMark(undefined, undefined)).toBeUndefined();
  });
});

describe('[RS1] read marks while reading', () => {
  beforeEach(() => vi.useFakeTimers({now: 100_000}));
  afterEach(() => vi.useRealTimers());

  it('sends the first mark at once, then at most one per interval with the latest seen', () => {
    const sent: number[] = [];
    const throttle = readMarkThrottle(readAt => sent.push(readAt), {intervalMs: 3000});
    throttle.mark(10);
    expect(sent).toEqual([10]);
    throttle.mark(20);
    throttle.mark(30);
    throttle.mark(25);
    expect(sent).toEqual([10]);
    vi.advanceTimersByTime(3000);
    expect(sent).toEqual([10, 30]);
  });

  it('sends the waiting mark on leaving, and nothing when none waits', () => {
    const sent: number[] = [];
    const throttle = readMarkThrottle(readAt => sent.push(readAt), {intervalMs: 3000});
    throttle.mark(10);
    throttle.mark(20);
    throttle.flush();
    throttle.flush();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([10, 20]);
  });
});
