import {createHash, randomBytes} from 'node:crypto';
import {noNul} from '@chorus/schema';
import {createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey} from 'jose';
import {z} from 'zod';
import type {OidcConfig} from '../config.ts';

/**
 * The relying-party side of OpenID Connect (Core 1.0, Authorization Code flow
 * with PKCE): discovery, the token exchange, ID token verification against the
 * provider's JWKS, and the UserInfo call. Every answer from the provider is
 * parsed with zod before it is used.
 */

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  userinfo_endpoint: z.url().optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});
export type OidcDiscovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({
  id_token: z.string(),
  access_token: z.string().optional(),
  token_type: z.string().optional(),
});

/** The claims Chorus uses, from the ID token and, for what it lacks, UserInfo. */
export const identityClaimsSchema = z.object({
  // [V1] Both are stored; a NUL in either fails the sign-in instead of the query.
  sub: z.string().min(1).max(255).check(noNul),
  email: z.string().max(255).check(noNul).optional(),
  // Some providers send the boolean as a string.
  email_verified: z.union([z.boolean(), z.enum(['true', 'false']).transform(v => v === 'true')]).optional(),
  preferred_username: z.string().optional(),
  nickname: z.string().optional(),
  name: z.string().optional(),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

// RFC 8725: a fixed list, and only asymmetric algorithms, so neither `none`
// nor an HMAC keyed with the (shared) client secret is ever accepted.
const ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export class OidcError extends Error {}

/** base64url random strings for `state`, `nonce` and the PKCE verifier. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** RFC 7636 S256: the challenge sent with the request, for the verifier kept back. */
export const codeChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

async function getJSON(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {...init, signal: AbortSignal.timeout(10_000)});
  } catch (err) {
    throw new OidcError(`cannot reach ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await res.text();
  if (!res.ok) throw new OidcError(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new OidcError(`${url} did not answer JSON`);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new OidcError(`${what}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

export type OidcClient = ReturnType<typeof createOidcClient>;

/** A client for one provider. Discovery and the key set are fetched once, when first needed. */
export function createOidcClient(config: OidcConfig, redirectURI: string) {
  let discovery: Promise<{metadata: OidcDiscovery; keys: JWTVerifyGetKey}> | undefined;

  function discover() {
    discovery ??= (async () => {
      const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const metadata = parse(discoverySchema, await getJSON(url), 'discovery document');
      // Discovery 1.0 §4.3: the document must be the configured issuer's own.
      if (metadata.issuer !== config.issuer) {
        throw new OidcError(`the discovery document names issuer ${metadata.issuer}, not ${config.issuer}`);
      }
      if (metadata.code_challenge_methods_supported?.includes('S256') === false) {
        throw new OidcError('the provider does not support PKCE with S256');
      }
      return {metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri))};
    })();
    // A provider that was down is asked again next time.
    discovery.catch(() => (discovery = undefined));
    return discovery;
  }

  return {
    discover,

    /** Where to send the browser to sign in. */
    async authorizationURL(params: {state: string; nonce: string; codeVerifier: string}): Promise<string> {
      const {metadata} = await discover();
      const url = new URL(metadata.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientID,
        redirect_uri: redirectURI,
        scope: 'openid email profile',
        state: params.state,
        nonce: params.nonce,
        code_challenge: codeChallenge(params.codeVerifier),
        code_challenge_method: 'S256',
      }).toString();
      return url.href;
    },

    /**
     * Trades the code for tokens, verifies the ID token (signature by a key of
     * the provider's JWKS, issuer, audience, expiry, nonce) and returns its
     * claims, completed from UserInfo when the ID token carries no address.
     */
    async redeem(code: string, expected: {nonce: string; codeVerifier: string}): Promise<IdentityClaims> {
      const {metadata, keys} = await discover();
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectURI,
        code_verifier: expected.codeVerifier,
      });
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      // client_secret_basic is the default (Core §9) and what most providers take.
      const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      if (methods.includes('client_secret_basic')) {
        const basic = `${encodeURIComponent(config.clientID)}:${encodeURIComponent(config.clientSecret)}`;
        headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
      } else {
        form.set('client_id', config.clientID);
        form.set('client_secret', config.clientSecret);
      }
      const tokens = parse(
        tokenResponseSchema,
        await getJSON(metadata.token_endpoint, {method: 'POST', headers, body: form}),
        'token response',
      );

      const claims = await verifyIdToken(tokens.id_token, keys, {
        issuer: config.issuer,
        clientID: config.clientID,
        nonce: expected.nonce,
      });
      if (claims.email || !tokens.access_token || !metadata.userinfo_endpoint) return claims;

      const info = parse(
        identityClaimsSchema,
        await getJSON(metadata.userinfo_endpoint, {
          headers: {authorization: `Bearer ${tokens.access_token}`, accept: 'application/json'},
        }),
        'userinfo response',
      );
      // Core §5.3.2: UserInfo about anyone else must not be used.
      if (info.sub !== claims.sub) throw new OidcError('userinfo describes another subject');
      return {...info, ...claims, email: info.email, email_verified: info.email_verified};
    },
  };
}

/** Core §3.1.3.7: the checks of an ID token received from the token endpoint. */
export async function verifyIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expected: {issuer: string; clientID: string; nonce: string},
): Promise<IdentityClaims> {
  let payload: Record<string, unknown>;
  try {
    ({payload} = await jwtVerify(idToken, keys, {
      algorithms: ID_TOKEN_ALGORITHMS,
      issuer: expected.issuer,
      audience: expected.clientID,
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      clockTolerance: 60,
    }));
  } catch (err) {
    throw new OidcError(`ID token rejected: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (payload.nonce !== expected.nonce) throw new OidcError('ID token rejected: wrong nonce');
  // With more than one audience, `azp` must say the token was issued to us.
  const multipleAudiences = Array.isArray(payload.aud) && payload.aud.length > 1;
  if ((multipleAudiences || payload.azp !== undefined) && payload.azp !== expected.clientID) {
    throw new OidcError('ID token rejected: issued to another party (azp)');
  }
  return parse(identityClaimsSchema, payload, 'ID token claims');
}
