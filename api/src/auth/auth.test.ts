import {randomBytes} from 'node:crypto';
import {decodeJwt, SignJWT, UnsecuredJWT} from 'jose';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp, type StoredMail} from '../../../test/auth-app.ts';
import {hashOpaqueToken} from './tokens.ts';

// The sign-up and sign-in flow through the real app in-process, with real
// Postgres, a real pg-boss mail queue and aws-ses-v2-local as the mail server.
// Rate limits are raised: every request here comes from the same address.

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
});
afterAll(() => t?.close());

const call: AuthApp['call'] = (...args) => t.call(...args);
const person = () => t.person();
const register = (who?: ReturnType<AuthApp['person']>) => t.register(who);
const login: AuthApp['login'] = (...args) => t.login(...args);
const mailsTo: AuthApp['mailsTo'] = (...args) => t.mailsTo(...args);
const count: AuthApp['count'] = (...args) => t.count(...args);
const verificationToken = (mail: StoredMail) => t.linkToken(mail, '/verify-email');

describe('POST /auth/register', () => {
  it('answers 201 with the unverified user and mails a link whose token verifies the email', async () => {
    const who = person();
    const res = await call('POST', '/auth/register', {body: who});
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({username: who.username, email: who.email, emailVerified: false});
    expect(res.json.user).not.toHaveProperty('passwordHash');

    const [mail] = await mailsTo(who.email);
    expect(mail?.subject).toBe('Verify your email for Chorus');
    const verified = await call('POST', '/auth/verify-email', {body: {token: verificationToken(mail!)}});
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({id: res.json.user.id, emailVerified: true});
    expect(
      await count('SELECT count(*) FROM users WHERE id = $1 AND email_verified_at IS NOT NULL', [
        res.json.user.id,
      ]),
    ).toBe(1);
  });

  it('a used or bogus verification token is a 400 problem naming the token', async () => {
    const who = await register();
    const token = verificationToken((await mailsTo(who.email))[0]!);
    expect((await call('POST', '/auth/verify-email', {body: {token}})).status).toBe(200);
    for (const again of [token, randomBytes(32).toString('base64url')]) {
      const res = await call('POST', '/auth/verify-email', {body: {token: again}});
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.json).toMatchObject({status: 400, field: 'token'});
    }
  });

  it('a taken username (in any case) is a 409 naming the field; nothing is written', async () => {
    const first = await register();
    const users = await count('SELECT count(*) FROM users');
    const sameName = await call('POST', '/auth/register', {
      body: {...person(), username: first.username.toUpperCase()},
    });
    expect(sameName.status).toBe(409);
    expect(sameName.type).toContain('application/problem+json');
    expect(sameName.json.field).toBe('username');
    expect(await count('SELECT count(*) FROM users')).toBe(users);
  });

  it.each([
    ['a missing username', {email: 'x@example.test', password: 'long enough'}, 'username'],
    ['a short password', {username: 'shorty', email: 'shorty@example.test', password: 'short'}, 'password'],
    ['a bad email', {username: 'bademail', email: 'not-an-email', password: 'long enough'}, 'email'],
    ['a body that is not JSON', '{"username": "half', '(body)'],
  ])('%s is a 400 problem naming the field; nothing is written', async (_, body, field) => {
    const users = await count('SELECT count(*) FROM users');
    const res = await call('POST', '/auth/register', {body});
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json).toMatchObject({status: 400, field});
    expect(res.json.detail).toEqual(expect.any(String));
    expect(await count('SELECT count(*) FROM users')).toBe(users);
  });

  it('spaces around the email are trimmed, not rejected', async () => {
    const who = person();
    const res = await call('POST', '/auth/register', {body: {...who, email: `  ${who.email} `}});
    expect(res.status).toBe(201);
    expect(res.json.user.email).toBe(who.email);
    await login({email: ` ${who.email}`, password: who.password});
  });

  it('a body not sent as application/json is 415', async () => {
    const res = await call('POST', '/auth/register', {body: person(), contentType: 'text/plain'});
    expect(res.status).toBe(415);
    expect(res.type).toContain('application/problem+json');
  });
});

describe('POST /auth/login', () => {
  it('a wrong password and an unknown email both get 401 with the same detail and no cookie', async () => {
    const who = await register();
    const wrong = await call('POST', '/auth/login', {body: {email: who.email, password: 'not the password'}});
    const unknown = await call('POST', '/auth/login', {
      body: {email: 'nobody@example.test', password: who.password},
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.type).toContain('application/problem+json');
      expect(res.cookie).toBeUndefined();
    }
    expect(wrong.json.detail).toBe(unknown.json.detail);
  });

  it('answers 200 {accessToken, expiresIn, user} and sets an HttpOnly, SameSite=Strict refresh cookie', async () => {
    const who = await register();
    const res = await call('POST', '/auth/login', {body: {email: who.email, password: who.password}});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {id: who.id, email: who.email, emailVerified: false},
    });
    expect(res.cookie).toMatch(/; HttpOnly(;|$)/);
    expect(res.cookie).toMatch(/; SameSite=Strict(;|$)/);
    expect(res.cookie).toMatch(/; Path=\/api\/v1\/auth(;|$)/);
    const claims = decodeJwt(res.json.accessToken);
    expect(claims).toMatchObject({sub: who.id, ev: false, iss: 'chorus', aud: 'chorus-api'});
    expect(await count('SELECT count(*) FROM auth_sessions WHERE id = $1', [claims.sid])).toBe(1);
  });
});

describe('[A1] access tokens on GET /users/me', () => {
  it('a valid token gets 200 with the caller; no token gets 401 problem+json', async () => {
    const who = await register();
    const {accessToken} = await login(who);
    const me = await call('GET', '/users/me', {token: accessToken});
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({id: who.id, email: who.email});
    const none = await call('GET', '/users/me');
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a tampered, unsigned, foreign-key, wrong-audience or expired token gets 401', async () => {
    const who = await register();
    const other = await register();
    const {accessToken} = await login(who);
    const claims = {sid: decodeJwt(accessToken).sid, ev: true};
    const signed = (key: Uint8Array, audience: string, exp: string | number = '15m') =>
      new SignJWT(claims)
        .setProtectedHeader({alg: 'HS256', typ: 'JWT'})
        .setSubject(who.id)
        .setIssuer('chorus')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
    const [header, , signature] = accessToken.split('.');
    const otherPayload = Buffer.from(JSON.stringify({...decodeJwt(accessToken), sub: other.id})).toString(
      'base64url',
    );
    const forged = {
      tampered: `${header}.${otherPayload}.${signature}`,
      'alg none': new UnsecuredJWT(claims)
        .setSubject(who.id)
        .setIssuer('chorus')
        .setAudience('chorus-api')
        .setIssuedAt()
        .setExpirationTime('15m')
        .encode(),
      'wrong key': await signed(randomBytes(48), 'chorus-api'),
      'wrong audience': await signed(t.deps.auth.jwtSecret, 'someone-else'),
      expired: await signed(t.deps.auth.jwtSecret, 'chorus-api', Math.floor(Date.now() / 1000) - 60),
    };
    for (const [kind, token] of Object.entries(forged)) {
      const res = await call('GET', '/users/me', {token});
      expect(res.status, kind).toBe(401);
      expect(res.type, kind).toContain('application/problem+json');
    }
  });
});

describe('[A3] POST /auth/refresh', () => {
  it('rotates the cookie and returns a new access token for the same session', async () => {
    const who = await register();
    const first = await login(who);
    const res = await call('POST', '/auth/refresh', {refresh: first.refresh});
    expect(res.status).toBe(200);
    expect(res.refresh).toBeTruthy();
    expect(res.refresh).not.toBe(first.refresh);
    expect(res.cookie).toMatch(/; HttpOnly(;|$)/);
    expect(decodeJwt(res.json.accessToken).sid).toBe(decodeJwt(first.accessToken).sid);
    expect((await call('GET', '/users/me', {token: res.json.accessToken})).status).toBe(200);
  });

  it('without a cookie, or with an unknown one, answers 401', async () => {
    expect((await call('POST', '/auth/refresh')).status).toBe(401);
    const unknown = await call('POST', '/auth/refresh', {refresh: randomBytes(32).toString('base64url')});
    expect(unknown.status).toBe(401);
    expect(unknown.type).toContain('application/problem+json');
  });

  it('a rotated token presented again within 10 s (a second tab) still refreshes', async () => {
    const {refresh} = await login(await register());
    expect((await call('POST', '/auth/refresh', {refresh})).status).toBe(200);
    expect((await call('POST', '/auth/refresh', {refresh})).status).toBe(200);
  });

  it('[A3] a rotated token presented again after 10 s revokes the session, newest token included', async () => {
    const {refresh: old} = await login(await register());
    const rotated = await call('POST', '/auth/refresh', {refresh: old});
    expect(rotated.status).toBe(200);
    // Backdate the rotation instead of waiting out the grace period.
    await t.db.pool.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [hashOpaqueToken(old)],
    );
    const reuse = await call('POST', '/auth/refresh', {refresh: old});
    expect(reuse.status).toBe(401);
    expect(reuse.type).toContain('application/problem+json');
    expect(reuse.json.detail).toMatch(/used twice/);
    // The dead cookie is cleared even though the route answered with an error.
    expect(reuse.cookie).toMatch(/^chorus_refresh=;.*Max-Age=0/);
    const newest = await call('POST', '/auth/refresh', {refresh: rotated.refresh});
    expect(newest.status).toBe(401);
    expect(
      await count(
        `SELECT count(*) FROM auth_sessions s JOIN refresh_tokens t ON t.session_id = s.id
          WHERE t.token_hash = $1 AND s.revoked_at IS NOT NULL`,
        [hashOpaqueToken(old)],
      ),
    ).toBe(1);
  });

  it('after the email is verified, a refresh yields a token whose ev claim is true', async () => {
    const who = await register();
    const first = await login(who);
    expect(decodeJwt(first.accessToken).ev).toBe(false);
    const token = verificationToken((await mailsTo(who.email))[0]!);
    expect((await call('POST', '/auth/verify-email', {body: {token}})).status).toBe(200);
    const res = await call('POST', '/auth/refresh', {refresh: first.refresh});
    expect(res.status).toBe(200);
    expect(decodeJwt(res.json.accessToken).ev).toBe(true);
    expect(res.json.user.emailVerified).toBe(true);
  });
});

describe('POST /auth/logout', () => {
  it('answers 204, clears the cookie, and the refresh token stops working', async () => {
    const {refresh} = await login(await register());
    const res = await call('POST', '/auth/logout', {refresh});
    expect(res.status).toBe(204);
    expect(res.cookie).toMatch(/^chorus_refresh=;.*Max-Age=0/);
    expect((await call('POST', '/auth/refresh', {refresh})).status).toBe(401);
  });
});

describe('POST /auth/resend-verification', () => {
  it('answers 202 with the same body for an unknown address and a known one; only the known one gets mail', async () => {
    const who = await register();
    await mailsTo(who.email, 1);
    const unknownAddress = `nobody-${randomBytes(4).toString('hex')}@example.test`;
    const unknown = await call('POST', '/auth/resend-verification', {body: {email: unknownAddress}});
    const known = await call('POST', '/auth/resend-verification', {body: {email: who.email}});
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.json).toEqual(unknown.json);
    // The second mail to the known address was queued after the unknown request.
    const mails = await mailsTo(who.email, 2);
    expect(verificationToken(mails[1]!)).not.toBe(verificationToken(mails[0]!));
    expect((await t.allMails()).some(m => m.destination.to.some(to => to.includes(unknownAddress)))).toBe(
      false,
    );
  });
});
