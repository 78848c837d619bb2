import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
});
afterAll(() => t?.close());

const hint = (headers: Headers) => headers.getSetCookie().find(c => c.startsWith('chorus_session='));

describe('[A4] the session hint cookie', () => {
  it('is set, readable by the page and holding no secret, beside the refresh cookie at sign-in and refresh', async () => {
    const who = await t.register();
    const res = await t.call('POST', '/auth/login', {body: {email: who.email, password: who.password}});
    expect(res.status).toBe(200);
    expect(hint(res.headers)).toMatch(/^chorus_session=1;/);
    expect(hint(res.headers)).not.toMatch(/HttpOnly/i);
    expect(hint(res.headers)).toMatch(/Path=\//);
    const refreshed = await t.call('POST', '/auth/refresh', {refresh: res.refresh});
    expect(refreshed.status).toBe(200);
    expect(hint(refreshed.headers)).toMatch(/^chorus_session=1;/);
  });

  it('is cleared with the refresh cookie at sign-out and when a refresh is refused', async () => {
    const who = await t.register();
    const {refresh, accessToken} = await t.login(who);
    const out = await t.call('POST', '/auth/logout', {refresh, token: accessToken});
    expect(hint(out.headers)).toMatch(/^chorus_session=;.*Max-Age=0/);
    const refused = await t.call('POST', '/auth/refresh', {refresh});
    expect(refused.status).toBe(401);
    expect(hint(refused.headers)).toMatch(/^chorus_session=;.*Max-Age=0/);
  });
});
