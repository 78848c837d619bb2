import {randomUUID} from 'node:crypto';
import {decodeJwt} from 'jose';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';

// Listing and revoking one's own sessions, and access tokens dying with their session.

let t: AuthApp;
beforeAll(async () => {
  // Behind one trusted proxy, so each sign-in can come from its own address.
  t = await startAuthApp({rateLimits: {multiplier: 1000}, trustProxy: 1});
});
afterAll(() => t?.close());

async function signInTwice() {
  const who = await t.register();
  const laptop = await t.login(who, {'user-agent': 'Laptop/1.0', 'x-forwarded-for': '203.0.113.10'});
  const phone = await t.login(who, {'user-agent': 'Phone/2.0', 'x-forwarded-for': '198.51.100.20'});
  const sid = (s: {accessToken: string}) => decodeJwt(s.accessToken).sid as string;
  return {who, laptop: {...laptop, id: sid(laptop)}, phone: {...phone, id: sid(phone)}};
}

describe('[AC5] GET /auth/sessions', () => {
  it("lists the caller's active sessions with device, address and times, marking the current one", async () => {
    const {laptop, phone} = await signInTwice();
    const other = await signInTwice();
    const res = await t.call('GET', '/auth/sessions', {token: laptop.accessToken});
    expect(res.status).toBe(200);
    expect(res.json.sessions).toHaveLength(2);
    const byID = Object.fromEntries(res.json.sessions.map((s: {id: string}) => [s.id, s]));
    expect(byID[laptop.id]).toEqual({
      id: laptop.id,
      userAgent: 'Laptop/1.0',
      ip: '203.0.113.10',
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      current: true,
    });
    expect(byID[phone.id]).toMatchObject({userAgent: 'Phone/2.0', ip: '198.51.100.20', current: false});
    expect(byID[other.laptop.id]).toBeUndefined();
  });

  it('leaves out signed-out and expired sessions', async () => {
    const {who, laptop, phone} = await signInTwice();
    const third = await t.login(who);
    expect((await t.call('POST', '/auth/logout', {refresh: phone.refresh})).status).toBe(204);
    await t.db.pool.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      decodeJwt(third.accessToken).sid,
    ]);
    const res = await t.call('GET', '/auth/sessions', {token: laptop.accessToken});
    expect(res.json.sessions.map((s: {id: string}) => s.id)).toEqual([laptop.id]);
  });

  it('needs an access token', async () => {
    expect((await t.call('GET', '/auth/sessions')).status).toBe(401);
  });
});

describe('[AC5] DELETE /auth/sessions/:id', () => {
  it('signs out another of my devices: its refresh and access tokens stop working, mine keep working', async () => {
    const {laptop, phone} = await signInTwice();
    // Used once first, so the API remembers the phone's session as signed in.
    expect((await t.call('GET', '/users/me', {token: phone.accessToken})).status).toBe(200);
    const res = await t.call('DELETE', `/auth/sessions/${phone.id}`, {token: laptop.accessToken});
    expect(res.status).toBe(204);
    expect(res.cookie).toBeUndefined();
    expect((await t.call('POST', '/auth/refresh', {refresh: phone.refresh})).status).toBe(401);
    const revoked = await t.call('GET', '/users/me', {token: phone.accessToken});
    expect(revoked.status).toBe(401);
    expect(revoked.json.detail).toMatch(/signed out/);
    expect((await t.call('GET', '/users/me', {token: laptop.accessToken})).status).toBe(200);
    expect((await t.call('POST', '/auth/refresh', {refresh: laptop.refresh})).status).toBe(200);
  });

  it("someone else's session, an unknown id, an ended one or a malformed id answer 404 and change nothing", async () => {
    const me = await signInTwice();
    const them = await signInTwice();
    await t.call('DELETE', `/auth/sessions/${me.phone.id}`, {token: me.laptop.accessToken});
    for (const id of [them.laptop.id, randomUUID(), me.phone.id, 'not-a-uuid']) {
      const res = await t.call('DELETE', `/auth/sessions/${id}`, {token: me.laptop.accessToken});
      expect(res.status, id).toBe(404);
      expect(res.type, id).toContain('application/problem+json');
    }
    expect((await t.call('GET', '/users/me', {token: them.laptop.accessToken})).status).toBe(200);
  });

  it('revoking the current session clears the refresh cookie and ends the token used to ask', async () => {
    const {laptop} = await signInTwice();
    const res = await t.call('DELETE', `/auth/sessions/${laptop.id}`, {token: laptop.accessToken});
    expect(res.status).toBe(204);
    expect(res.cookie).toMatch(/^chorus_refresh=;.*Max-Age=0/);
    expect((await t.call('GET', '/users/me', {token: laptop.accessToken})).status).toBe(401);
  });
});

describe('[AC5] DELETE /auth/sessions', () => {
  it('signs out every session of mine, the current one included, and no one else', async () => {
    const {laptop, phone} = await signInTwice();
    const other = await signInTwice();
    expect((await t.call('GET', '/users/me', {token: phone.accessToken})).status).toBe(200);
    const res = await t.call('DELETE', '/auth/sessions', {token: laptop.accessToken});
    expect(res.status).toBe(204);
    expect(res.cookie).toMatch(/^chorus_refresh=;.*Max-Age=0/);
    for (const s of [laptop, phone]) {
      expect((await t.call('GET', '/users/me', {token: s.accessToken})).status).toBe(401);
      expect((await t.call('POST', '/auth/refresh', {refresh: s.refresh})).status).toBe(401);
    }
    expect((await t.call('GET', '/users/me', {token: other.laptop.accessToken})).status).toBe(200);
  });
});

describe('[AC5] access tokens follow their session', () => {
  it('a live session is checked from memory, not with a query per request', async () => {
    const session = await t.login(await t.register());
    expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(200);
    const spy = vi.spyOn(t.db.pool, 'query');
    try {
      expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(200);
      expect(spy.mock.calls.filter(([sql]) => String(sql).includes('FROM auth_sessions'))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('logout ends the access token at once, not when it expires', async () => {
    const who = await t.register();
    const session = await t.login(who);
    expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(200);
    expect((await t.call('POST', '/auth/logout', {refresh: session.refresh})).status).toBe(204);
    const res = await t.call('GET', '/users/me', {token: session.accessToken});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('an expired session ends its access tokens', async () => {
    const session = await t.login(await t.register());
    expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(200);
    await t.db.pool.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      decodeJwt(session.accessToken).sid,
    ]);
    // Changed outside the API (as another API process would): heard through Postgres.
    await t.sessions.settle();
    expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(401);
  });
});
