import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';

describe('[SV10] redeeming access codes is rate-limited', () => {
  const h = restHarness({rateLimits: {multiplier: 1}});

  it('the 21st attempt in ten minutes gets 429 with Retry-After and RateLimit headers; nobody joins', async () => {
    const guesser = await h.user();
    for (let i = 0; i < 20; i++) {
      const res = await h.call(guesser, 'POST', '/servers/join', {accessCode: 'ZZZZZ'});
      expect(res.status).toBe(404);
    }
    const blocked = await h.call(guesser, 'POST', '/servers/join', {accessCode: 'ZZZZZ'});
    expect(blocked.status).toBe(429);
    expect(blocked.type).toContain('application/problem+json');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('ratelimit-remaining')).toBe('0');
    const count = await h.pool.query('SELECT count(*)::int AS n FROM user_servers WHERE user_id = $1', [
      guesser.userID,
    ]);
    expect(count.rows[0].n).toBe(0);
  });
});
