import {createHash, randomBytes} from 'node:crypto';
import {errors, jwtVerify, SignJWT} from 'jose';
import {z} from 'zod';
import type {AuthConfig} from '../config.ts';

/**
 * Access tokens: short-lived HS256 JWTs (RFC 8725: one fixed algorithm, and
 * `iss`, `aud` and `exp` always checked). They live only in client memory.
 */

const ALG = 'HS256';

export const accessClaimsSchema = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  ev: z.boolean(),
});

export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export type AuthSession = {userID: string; sessionID: string; emailVerified: boolean};

export async function signAccessToken(config: AuthConfig, session: AuthSession): Promise<string> {
  return new SignJWT({sid: session.sessionID, ev: session.emailVerified})
    .setProtectedHeader({alg: ALG, typ: 'JWT'})
    .setSubject(session.userID)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${config.accessTokenTTLSeconds}s`)
    .sign(config.jwtSecret);
}

export type VerifyResult = {ok: true; session: AuthSession} | {ok: false; reason: 'expired' | 'invalid'};

export async function verifyAccessToken(config: AuthConfig, token: string): Promise<VerifyResult> {
  try {
    const {payload} = await jwtVerify(token, config.jwtSecret, {
      algorithms: [ALG],
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const claims = accessClaimsSchema.safeParse(payload);
    if (!claims.success) return {ok: false, reason: 'invalid'};
    return {
      ok: true,
      session: {userID: claims.data.sub, sessionID: claims.data.sid, emailVerified: claims.data.ev},
    };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return {ok: false, reason: 'expired'};
    return {ok: false, reason: 'invalid'};
  }
}

/** An opaque random token (refresh, email verification) and the hash we store. */
export function newOpaqueToken(): {token: string; hash: string} {
  const token = randomBytes(32).toString('base64url');
  return {token, hash: hashOpaqueToken(token)};
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
