import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {authRateLimitRules, loginThrottleRule} from './limits.ts';

// The production limits of the account endpoints, through the real app. The
// app trusts one proxy, so each test speaks from an address of its own.

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({trustProxy: 1});
});
afterAll(() => t?.close());

let lastOctet = 0;
const newAddress = () => ({'x-forwarded-for': `203.0.113.${++lastOctet}`});

function expectRefused(res: Awaited<ReturnType<AuthApp['call']>>, detail: RegExp) {
  expect(res.status).toBe(429);
  expect(res.type).toContain('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.json).toMatchObject({status: 429, detail: expect.stringMatching(detail)});
}

describe('[AC1] rate limits on the auth endpoints', () => {
  it('every auth endpoint answers with RateLimit-Limit, -Remaining and -Reset, errors included', async () => {
    const from = newAddress();
    const requests: [string, string, unknown][] = [
      ['POST', '/auth/register', {}],
      ['POST', '/auth/login', {email: 'nobody@example.test', password: 'wrong password'}],
      ['POST', '/auth/refresh', undefined],
      ['POST', '/auth/logout', undefined],
      ['POST', '/auth/verify-email', {token: 'x'.repeat(43)}],
      ['POST', '/auth/resend-verification', {email: 'nobody@example.test'}],
      ['POST', '/auth/forgot-password', {email: 'nobody@example.test'}],
      ['POST', '/auth/reset-password', {token: 'x'.repeat(43), password: 'long enough'}],
      ['GET', '/auth/sessions', undefined],
      ['DELETE', '/auth/sessions', undefined],
      ['GET', '/auth/session', undefined],
    ];
    for (const [method, path, body] of requests) {
      const res = await t.call(method, path, {body, headers: from});
      expect(res.status, path).toBeLessThan(500);
      for (const header of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
        expect(res.headers.get(header), `${path} ${header}`).toMatch(/^\d+$/);
      }
    }
  });

  it('register: 10 an hour from one address, then 429 with Retry-After; nothing is written', async () => {
    const from = newAddress();
    const {limit} = authRateLimitRules.registerIP;
    for (let i = 0; i < limit; i++) {
      const res = await t.call('POST', '/auth/register', {body: t.person(), headers: from});
      expect(res.status).toBe(201);
      // [AC3] The headers describe the client's own limit, never the account's.
      expect(res.headers.get('ratelimit-remaining')).toBe(String(limit - 1 - i));
    }
    const who = t.person();
    const refused = await t.call('POST', '/auth/register', {body: who, headers: from});
    expectRefused(refused, /^Too many requests\. Try again in (60 minutes|1 hour)\.$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(await t.count('SELECT count(*) FROM users WHERE username = $1', [who.username])).toBe(0);
    // Another address is not affected.
    expect((await t.call('POST', '/auth/register', {body: t.person(), headers: newAddress()})).status).toBe(
      201,
    );
  });

  it('register, resend and forgot-password: 3 an hour for one address whatever the client address', async () => {
    for (const path of ['/auth/register', '/auth/resend-verification', '/auth/forgot-password']) {
      const email = `limited-${randomBytes(4).toString('hex')}@example.test`;
      const body = () => (path === '/auth/register' ? {...t.person(), email} : {email});
      for (let i = 0; i < 3; i++) {
        expect((await t.call('POST', path, {body: body(), headers: newAddress()})).status, path).toBeLessThan(
          300,
        );
      }
      const refused = await t.call('POST', path, {body: body(), headers: newAddress()});
      expectRefused(refused, /Try again in/);
      // The address's case does not make it another account.
      const shouted = await t.call('POST', path, {
        body: {...body(), email: email.toUpperCase()},
        headers: newAddress(),
      });
      expect(shouted.status).toBe(429);
    }
  });

  it('[AC3] the headers are the same for an address used a moment ago as for one never used', async () => {
    const limited = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];
    const cases: [string, (email: string) => unknown][] = [
      ['/auth/login', email => ({email, password: 'not the password'})],
      ['/auth/register', email => ({...t.person(), email})],
      ['/auth/resend-verification', email => ({email})],
      ['/auth/forgot-password', email => ({email})],
    ];
    for (const [path, body] of cases) {
      const used = (await t.register(t.person(), newAddress())).email;
      const never = `never-${randomBytes(4).toString('hex')}@example.test`;
      // Another client was at the used address a moment ago (within the 3 an hour of register).
      await t.call('POST', path, {body: body(used), headers: newAddress()});
      const answers = [];
      for (const email of [used, never]) {
        const res = await t.call('POST', path, {body: body(email), headers: newAddress()});
        answers.push({status: res.status, headers: limited.map(h => res.headers.get(h))});
      }
      expect(answers[0], path).toEqual(answers[1]);
    }
  });

  it('resend-verification: 10 an hour from one address', async () => {
    const from = newAddress();
    for (let i = 0; i < authRateLimitRules.resendIP.limit; i++) {
      const email = `r${i}-${randomBytes(3).toString('hex')}@example.test`;
      expect((await t.call('POST', '/auth/resend-verification', {body: {email}, headers: from})).status).toBe(
        202,
      );
    }
    const res = await t.call('POST', '/auth/resend-verification', {
      body: {email: 'x@example.test'},
      headers: from,
    });
    expectRefused(res, /Try again in/);
  });

  it('any auth request: 300 per 15 minutes from one address', async () => {
    const from = newAddress();
    for (let i = 0; i < authRateLimitRules.anyIP.limit; i++) {
      expect((await t.call('POST', '/auth/logout', {headers: from})).status).toBe(204);
    }
    expectRefused(await t.call('POST', '/auth/logout', {headers: from}), /Try again in 15 minutes/);
  });
});

describe('[AC2] failed sign-ins slow down', () => {
  const fail = (email: string) =>
    t.call('POST', '/auth/login', {body: {email, password: 'not the password'}, headers: newAddress()});

  it('after 5 failures the address is locked, even for the right password; known and unknown alike', async () => {
    const who = await t.register(t.person(), newAddress());
    const stranger = `stranger-${randomBytes(4).toString('hex')}@example.test`;
    for (const email of [who.email, stranger]) {
      for (let i = 0; i < loginThrottleRule.threshold; i++) expect((await fail(email)).status).toBe(401);
    }
    const locked = await t.call('POST', '/auth/login', {body: who, headers: newAddress()});
    expectRefused(
      locked,
      /^Too many failed sign-ins for this address\. Try again in 30 seconds, or reset your password\.$/,
    );
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(locked.cookie).toBeUndefined();
    const strangerLocked = await fail(stranger);
    expect(strangerLocked.status).toBe(429);
    expect(strangerLocked.json.detail).toBe(locked.json.detail);
  });

  it('a success before the lock forgets the failures', async () => {
    const who = await t.register(t.person(), newAddress());
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < loginThrottleRule.threshold - 1; i++)
        expect((await fail(who.email)).status).toBe(401);
      await t.login(who, newAddress());
    }
  });

  it('a password reset lifts the lock', async () => {
    const who = await t.register(t.person(), newAddress());
    for (let i = 0; i < loginThrottleRule.threshold; i++) await fail(who.email);
    expect((await t.call('POST', '/auth/login', {body: who, headers: newAddress()})).status).toBe(429);
    await t.call('POST', '/auth/forgot-password', {body: {email: who.email}, headers: newAddress()});
    const [mail] = await t.mailsTo(who.email, 1, 'Reset your Chorus password');
    const token = t.linkToken(mail!, '/reset-password');
    const password = 'the new password';
    const reset = await t.call('POST', '/auth/reset-password', {
      body: {token, password},
      headers: newAddress(),
    });
    expect(reset.status).toBe(200);
    await t.login({email: who.email, password}, newAddress());
  });
});
