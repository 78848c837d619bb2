import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {hashOpaqueToken} from './tokens.ts';

// Forgot password → mail → reset, through the real app, Postgres, pg-boss and local SES.

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
});
afterAll(() => t?.close());

const NEW_PASSWORD = 'a brand new passphrase';

const RESET_SUBJECT = 'Reset your Chorus password';

/** Asks for a reset and returns the token from the reset mail that answers it. */
async function resetToken(email: string): Promise<string> {
  const before = (await t.allMails()).filter(
    m => m.subject === RESET_SUBJECT && m.destination.to.some(to => to.includes(email)),
  );
  const res = await t.call('POST', '/auth/forgot-password', {body: {email}});
  expect(res.status).toBe(202);
  const mails = await t.mailsTo(email, before.length + 1, RESET_SUBJECT);
  return t.linkToken(mails.at(-1)!, '/reset-password');
}

const reset = (token: string, password = NEW_PASSWORD) =>
  t.call('POST', '/auth/reset-password', {body: {token, password}});

describe('[AC4] forgot password and reset password', () => {
  it('mails a link that sets the new password and revokes every session; the old password stops working', async () => {
    const who = await t.register();
    const laptop = await t.login(who);
    const phone = await t.login(who);
    expect((await t.call('GET', '/users/me', {token: laptop.accessToken})).status).toBe(200);

    const token = await resetToken(who.email);
    const [mail] = await t.mailsTo(who.email, 1, RESET_SUBJECT);
    expect(mail?.body.text).toContain('http://chorus.test/reset-password?token=');
    expect(mail?.body.html).toContain('href="http://chorus.test/reset-password?token=');

    const res = await reset(token);
    expect(res.status).toBe(200);
    expect(res.json.detail).toMatch(/signed out/);
    expect(res.cookie).toMatch(/^chorus_refresh=;.*Max-Age=0/);

    // [AC5] Both sessions are over: neither refreshes, and their access tokens stop working at once.
    for (const session of [laptop, phone]) {
      expect((await t.call('POST', '/auth/refresh', {refresh: session.refresh})).status).toBe(401);
      expect((await t.call('GET', '/users/me', {token: session.accessToken})).status).toBe(401);
    }
    expect(
      await t.count('SELECT count(*) FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL', [who.id]),
    ).toBe(0);
    expect((await t.call('POST', '/auth/login', {body: who})).status).toBe(401);
    await t.login({email: who.email, password: NEW_PASSWORD});
    await t.mailsTo(who.email, 1, 'Your Chorus password was changed');
  });

  it('stores only the hash of the token, for one hour, with the purpose reset_password', async () => {
    const who = await t.register();
    const token = await resetToken(who.email);
    const {rows} = await t.db.pool.query<{token_hash: string; purpose: string; ttl: number}>(
      `SELECT token_hash, purpose, extract(epoch FROM expires_at - created_at)::int AS ttl
         FROM email_tokens WHERE user_id = $1 AND purpose = 'reset_password'`,
      [who.id],
    );
    expect(rows).toEqual([{token_hash: hashOpaqueToken(token), purpose: 'reset_password', ttl: 3600}]);
    expect(await t.count('SELECT count(*) FROM email_tokens WHERE token_hash = $1', [token])).toBe(0);
  });

  it('a used, expired, bogus or verification token is a 400 problem naming the token', async () => {
    const who = await t.register();
    const used = await resetToken(who.email);
    expect((await reset(used)).status).toBe(200);
    const expired = await resetToken(who.email);
    await t.db.pool.query(
      `UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hashOpaqueToken(expired)],
    );
    const [verifyMail] = await t.mailsTo(who.email, 1, 'Verify your email for Chorus');
    const verification = t.linkToken(verifyMail!, '/verify-email');
    const cases = {used, expired, bogus: randomBytes(32).toString('base64url'), verification};
    for (const [kind, token] of Object.entries(cases)) {
      const res = await reset(token, 'yet another password');
      expect(res.status, kind).toBe(400);
      expect(res.type, kind).toContain('application/problem+json');
      expect(res.json, kind).toMatchObject({status: 400, field: 'token'});
      expect(res.json.detail, kind).toMatch(/Ask for a new one/);
    }
    await t.login({email: who.email, password: NEW_PASSWORD});
  });

  it('using one link spends every other reset link sent to the account', async () => {
    const who = await t.register();
    const first = await resetToken(who.email);
    const second = await resetToken(who.email);
    expect((await reset(second)).status).toBe(200);
    expect((await reset(first, 'sneaky other password')).json.field).toBe('token');
  });

  it('two resets racing with one link: exactly one wins', async () => {
    const who = await t.register();
    const token = await resetToken(who.email);
    const results = await Promise.all([
      reset(token, 'first racer password'),
      reset(token, 'second racer pw'),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([200, 400]);
  });

  it('a reset verifies the address it was mailed to', async () => {
    const who = await t.register();
    expect((await reset(await resetToken(who.email))).status).toBe(200);
    const {accessToken} = await t.login({email: who.email, password: NEW_PASSWORD});
    expect((await t.call('GET', '/users/me', {token: accessToken})).json.user.emailVerified).toBe(true);
  });

  it.each([
    ['a short password', {token: 'x'.repeat(43), password: 'short'}, 'password'],
    ['no token', {password: NEW_PASSWORD}, 'token'],
    ['no body', '', '(body)'],
  ])('%s is a 400 problem naming the field', async (_, body, field) => {
    const res = await t.call('POST', '/auth/reset-password', {body});
    expect(res.status).toBe(400);
    expect(res.json.field).toBe(field);
  });

  it('forgot-password with a malformed address is a 400 naming email', async () => {
    const res = await t.call('POST', '/auth/forgot-password', {body: {email: 'not-an-address'}});
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('email');
  });
});
