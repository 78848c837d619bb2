import {randomBytes, randomUUID} from 'node:crypto';
import {SignJWT} from 'jose';
import {describe, expect, it, vi} from 'vitest';
import type {AuthConfig} from '../config.ts';
import {signAccessToken, verifyAccessToken} from './tokens.ts';
import {testAuthConfig} from '../../../test/auth-config.ts';

const config: AuthConfig = testAuthConfig();
const session = {userID: randomUUID(), sessionID: randomUUID(), emailVerified: true};

/** A token like `signAccessToken`'s, issued an hour ago and expired for 45 minutes. */
function expiredToken(overrides: {secret?: Uint8Array; audience?: string; issuer?: string} = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({sid: session.sessionID, ev: true})
    .setProtectedHeader({alg: 'HS256', typ: 'JWT'})
    .setSubject(session.userID)
    .setIssuer(overrides.issuer ?? config.issuer)
    .setAudience(overrides.audience ?? config.audience)
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 2700)
    .sign(overrides.secret ?? config.jwtSecret);
}

describe('verifyAccessToken', () => {
  it('accepts a fresh token either way', async () => {
    const token = await signAccessToken(config, session);
    expect(await verifyAccessToken(config, token)).toEqual({ok: true, session});
    expect(await verifyAccessToken(config, token, {allowExpired: true})).toEqual({ok: true, session});
  });

  it('[AC12] calls an expired token expired, unless expiry is allowed (sync sockets outlive tokens)', async () => {
    const token = await expiredToken();
    expect(await verifyAccessToken(config, token)).toEqual({ok: false, reason: 'expired'});
    expect(await verifyAccessToken(config, token, {allowExpired: true})).toEqual({ok: true, session});
  });

  it('[AC12] allowing expiry allows nothing else: another key, issuer or audience is invalid', async () => {
    for (const token of [
      await expiredToken({secret: randomBytes(48)}),
      await expiredToken({issuer: 'someone-else'}),
      await expiredToken({audience: 'another-api'}),
      (await signAccessToken(config, session)).slice(0, -2) + 'AA',
    ]) {
      expect(await verifyAccessToken(config, token, {allowExpired: true})).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
  });

  it('remembers a checked token until its exp, for that key only; a forged one is checked every time', async () => {
    const short = {...config, accessTokenTTLSeconds: 60};
    const token = await signAccessToken(short, session);
    expect(await verifyAccessToken(short, token)).toEqual({ok: true, session});
    // Remembered for this key: the same string under another key is checked afresh, and fails.
    const other = {...short, jwtSecret: new Uint8Array(randomBytes(48))};
    expect(await verifyAccessToken(other, token)).toEqual({ok: false, reason: 'invalid'});
    // A different signature on the same claims is not the remembered string.
    expect(await verifyAccessToken(short, token.slice(0, -2) + 'AA')).toEqual({ok: false, reason: 'invalid'});
    vi.useFakeTimers({now: Date.now() + 61_000, toFake: ['Date']});
    try {
      expect(await verifyAccessToken(short, token)).toEqual({ok: false, reason: 'expired'});
      expect(await verifyAccessToken(short, token, {allowExpired: true})).toEqual({ok: true, session});
    } finally {
      vi.useRealTimers();
    }
  });
});
