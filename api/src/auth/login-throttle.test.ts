import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {LoginThrottle} from './login-throttle.ts';

beforeEach(() => {
  vi.useFakeTimers({toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z')});
});
afterEach(() => {
  vi.useRealTimers();
});

const rule = {threshold: 3, baseSeconds: 30, maxSeconds: 120, forgetSeconds: 3600};

describe('[AC2] LoginThrottle', () => {
  it('locks an address after `threshold` failures, for a window that doubles up to the maximum', () => {
    const throttle = new LoginThrottle(rule);
    for (let i = 0; i < 3; i++) expect(throttle.attempt('a')).toEqual({ok: true});
    expect(throttle.attempt('a')).toEqual({ok: false, retryAfter: 30});
    expect(throttle.attempt('b')).toEqual({ok: true});

    const waits = [];
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(121_000);
      expect(throttle.attempt('a').ok).toBe(true);
      const locked = throttle.attempt('a');
      waits.push(locked.ok ? 0 : locked.retryAfter);
    }
    expect(waits).toEqual([60, 120, 120, 120]);
  });

  it('a success forgets the failures', () => {
    const throttle = new LoginThrottle(rule);
    throttle.attempt('a');
    throttle.attempt('a');
    throttle.succeeded('a');
    throttle.attempt('a');
    throttle.attempt('a');
    expect(throttle.attempt('a')).toEqual({ok: true});
  });

  it('failures are forgotten after a quiet `forgetSeconds`', () => {
    const throttle = new LoginThrottle(rule);
    throttle.attempt('a');
    throttle.attempt('a');
    vi.advanceTimersByTime(3_601_000);
    throttle.attempt('a');
    throttle.attempt('a');
    expect(throttle.attempt('a')).toEqual({ok: true});
  });

  it('the rate-limit multiplier raises the threshold', () => {
    expect(new LoginThrottle(rule, {multiplier: 10}).threshold).toBe(30);
  });
});
