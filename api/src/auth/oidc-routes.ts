import {hkdfSync, timingSafeEqual} from 'node:crypto';
import {Hono, type Context} from 'hono';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import {EncryptJWT, jwtDecrypt} from 'jose';
import {z} from 'zod';
import type {OidcConfig} from '../config.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {clientIP, ipKey, limitBy} from '../http/rate-limit.ts';
import {setRefreshCookie} from './cookie.ts';
import type {AuthLimits} from './limits.ts';
import {findOrLinkOidcUser} from './oidc-accounts.ts';
import {createOidcClient, OidcError, randomToken} from './oidc-client.ts';
import {createSession} from './sessions.ts';

/**
 * [AC9] Sign-in with the configured OpenID Connect provider.
 *
 * `start` keeps `state`, `nonce` and the PKCE verifier in a short-lived cookie,
 * encrypted and authenticated with a key derived from the JWT secret, and
 * sends the browser to the provider. The provider sends it back to `callback`,
 * which checks the state against that cookie, redeems the code, signs the
 * person in (the refresh cookie, as after a password sign-in) and sends them
 * to `/`. Failures go to `/sign-in?oidc_error=<code>`: the page says what
 * happened from a fixed list, so no one can put words on it through a link.
 */

const STATE_COOKIE = 'chorus_oidc';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';
const STATE_TTL_SECONDS = 600;

const stateClaimsSchema = z.object({state: z.string(), nonce: z.string(), cv: z.string()});

export const OIDC_ERROR_CODES = ['cancelled', 'expired', 'unverified-email', 'failed'] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];

const callbackQuerySchema = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().optional(),
  error: z.string().max(256).optional(),
});

/** `GET /auth/providers`: the external sign-in options the client may offer. */
export function providerList(oidc: OidcConfig | undefined) {
  return {
    providers: oidc ? [{id: 'oidc', name: oidc.name, startURL: '/api/v1/auth/oidc/start'}] : [],
  };
}

export function oidcRoutes(deps: Deps, limits: AuthLimits) {
  const app = new Hono();
  const oidc = deps.oidc;
  app.use(
    '*',
    limitBy(limits.oidcIP, c => ipKey(c, deps)),
  );
  if (!oidc) {
    app.all('*', () => {
      throw new ProblemError(404, 'Not Found', 'Sign-in with an external provider is not set up here.');
    });
    return app;
  }

  const client = createOidcClient(oidc, `${deps.publicURL}/api/v1/auth/oidc/callback`);
  // Its own key (RFC 8725 §3.8): a state cookie can never pass for an access token, nor the reverse.
  const stateKey = new Uint8Array(
    hkdfSync('sha256', deps.auth.jwtSecret, '', 'chorus oidc state cookie', 32),
  );
  const stateAudience = `${deps.auth.audience}:oidc-state`;
  const failed = (c: Context, code: OidcErrorCode, why?: unknown) => {
    if (why !== undefined) {
      deps.log?.(`oidc: sign-in failed (${code}): ${why instanceof Error ? why.message : String(why)}`);
    }
    return c.redirect(`/sign-in?oidc_error=${code}`, 302);
  };

  app.get('/start', async c => {
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    let location: string;
    try {
      location = await client.authorizationURL({state, nonce, codeVerifier});
    } catch (err) {
      return failed(c, 'failed', err);
    }
    const sealed = await new EncryptJWT({state, nonce, cv: codeVerifier})
      .setProtectedHeader({alg: 'dir', enc: 'A256GCM'})
      .setIssuer(deps.auth.issuer)
      .setAudience(stateAudience)
      .setIssuedAt()
      .setExpirationTime(`${STATE_TTL_SECONDS}s`)
      .encrypt(stateKey);
    setCookie(c, STATE_COOKIE, sealed, {
      httpOnly: true,
      // Lax, not Strict: the provider's redirect back is a cross-site navigation.
      sameSite: 'Lax',
      secure: deps.auth.secureCookies,
      path: STATE_COOKIE_PATH,
      maxAge: STATE_TTL_SECONDS,
    });
    c.header('cache-control', 'no-store');
    return c.redirect(location, 302);
  });

  app.get('/callback', async c => {
    c.header('cache-control', 'no-store');
    const sealed = getCookie(c, STATE_COOKIE);
    // One sign-in per cookie, whatever happens next.
    deleteCookie(c, STATE_COOKIE, {path: STATE_COOKIE_PATH});
    const query = callbackQuerySchema.safeParse(c.req.query());
    if (!query.success) return failed(c, 'failed', 'malformed callback');
    if (query.data.error) {
      return failed(c, query.data.error === 'access_denied' ? 'cancelled' : 'failed', query.data.error);
    }

    let expected: z.infer<typeof stateClaimsSchema>;
    try {
      if (!sealed) throw new Error('no state cookie');
      const {payload} = await jwtDecrypt(sealed, stateKey, {
        issuer: deps.auth.issuer,
        audience: stateAudience,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      expected = stateClaimsSchema.parse(payload);
    } catch (err) {
      return failed(c, 'expired', err);
    }
    const {code, state, iss} = query.data;
    if (!code || !state || !sameString(state, expected.state)) return failed(c, 'failed', 'state mismatch');
    // RFC 9207: when the provider names itself, it must be ours (mix-up attacks).
    if (iss !== undefined && iss !== oidc.issuer) return failed(c, 'failed', `response from issuer ${iss}`);

    let result;
    try {
      const claims = await client.redeem(code, {nonce: expected.nonce, codeVerifier: expected.cv});
      result = await findOrLinkOidcUser(deps.pool, oidc.issuer, claims);
    } catch (err) {
      if (err instanceof OidcError) return failed(c, 'failed', err);
      throw err;
    }
    if (!result.ok) return failed(c, result.reason, `${result.reason} from the provider`);

    const address = clientIP(c, deps);
    const session = await createSession(deps.pool, deps.auth, result.user.id, {
      userAgent: c.req.header('user-agent'),
      ip: address === 'unknown' ? undefined : address,
    });
    setRefreshCookie(c, deps.auth, session.refreshToken);
    return c.redirect('/', 302);
  });

  return app;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
