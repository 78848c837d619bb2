import {createHash, randomBytes} from 'node:crypto';
import {errors, jwtVerify, SignJWT, type JWTPayload} from 'jose';
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

/**
 * Checks an access token's signature and claims. `allowExpired` accepts a
 * token whose only fault is `exp`: the `/zero` proxy's sockets outlive their
 * token (the client sends fresh ones over the socket) [AC12].
 */
export async function verifyAccessToken(
  config: AuthConfig,
  token: string,
  options: {allowExpired?: boolean} = {},
): Promise<VerifyResult> {
  const cached = verified.get(config)?.get(token);
  if (cached) {
    // The same string, already checked with this key: only `exp` can have changed.
    if (cached.exp * 1000 > Date.now()) return {ok: true, session: cached.session};
    verified.get(config)?.delete(token);
  }
  let payload: JWTPayload;
  try {
    payload = (
      await jwtVerify(token, config.jwtSecret, {
        algorithms: [ALG],
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
      })
    ).payload;
  } catch (err) {
    // jose checks `exp` only after the signature and every other claim.
    if (!(err instanceof errors.JWTExpired) || err.claim !== 'exp') return {ok: false, reason: 'invalid'};
    if (!options.allowExpired) return {ok: false, reason: 'expired'};
    payload = err.payload;
  }
  const claims = accessClaimsSchema.safeParse(payload);
  if (!claims.success) return {ok: false, reason: 'invalid'};
  const session = {userID: claims.data.sub, sessionID: claims.data.sid, emailVerified: claims.data.ev};
  if (typeof payload.exp === 'number' && payload.exp * 1000 > Date.now())
    remember(config, token, session, payload.exp);
  return {ok: true, session};
}

/**
 * Tokens whose signature and claims were checked, by key: a client sends the
 * same access token with every request until it refreshes, and a write is
 * checked twice (its rate limit, then its route), so each check after the
 * first skips the HMAC. Only valid tokens, until their `exp`; whether the
 * session is still signed in is asked every time (SessionLiveness).
 */
const verified = new WeakMap<AuthConfig, Map<string, {session: AuthSession; exp: number}>>();
const VERIFIED_MAX = 10_000;

function remember(config: AuthConfig, token: string, session: AuthSession, exp: number) {
  let tokens = verified.get(config);
  if (!tokens) verified.set(config, (tokens = new Map()));
  // The oldest first out (a Map keeps insertion order).
  if (tokens.size >= VERIFIED_MAX) tokens.delete(tokens.keys().next().value!);
  tokens.set(token, {session, exp});
}

/** An opaque random token (refresh, email verification) and the hash we store. */
export function newOpaqueToken(): {token: string; hash: string} {
  const token = randomBytes(32).toString('base64url');
  return {token, hash: hashOpaqueToken(token)};
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
