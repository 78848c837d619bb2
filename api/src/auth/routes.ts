import {Hono, type Context} from 'hono';
import type {Deps} from '../deps.ts';
import {
  clientIP,
  describeSeconds,
  enforceRateLimit,
  ipKey,
  limitBy,
  tooManyRequests,
} from '../http/rate-limit.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody} from '../http/validate.ts';
import {inBackground, sendVerificationMail} from './account-mail.ts';
import {clearRefreshCookie, getRefreshCookie, setRefreshCookie} from './cookie.ts';
import {accountKey} from './email.ts';
import {createAuthLimits, limitAccount} from './limits.ts';
import {requireAuth, type AuthEnv} from './middleware.ts';
import {verifyPassword} from './passwords.ts';
import {oidcRoutes, providerList} from './oidc-routes.ts';
import {passwordResetRoutes} from './password-reset.ts';
import {registerUser} from './register.ts';
import {emailBodySchema, loginBodySchema, registerBodySchema, tokenBodySchema} from './schemas.ts';
import {sessionRoutes} from './session-routes.ts';
import {createSession, revokeSessionByToken, rotateRefreshToken} from './sessions.ts';
import {hashOpaqueToken, signAccessToken} from './tokens.ts';
import {findUserByID, findUserWithPassword, type SelfUser} from './users.ts';

export function authRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  const limits = createAuthLimits(deps);
  const ip = (c: Context) => ipKey(c, deps);
  const perIP = (limiter: typeof limits.anyIP) => limitBy(limiter, ip);
  const clientAddress = (c: Context) => {
    const address = clientIP(c, deps);
    return address === 'unknown' ? undefined : address;
  };
  // [AC1] Every auth endpoint counts against the address's overall allowance
  // first, then against its own limits below.
  app.use('*', perIP(limits.anyIP));

  async function issueTokens(c: Context, user: SelfUser, sessionID: string, refreshToken: string) {
    setRefreshCookie(c, deps.auth, refreshToken);
    const accessToken = await signAccessToken(deps.auth, {
      userID: user.id,
      sessionID,
      emailVerified: user.emailVerified,
    });
    return {accessToken, tokenType: 'Bearer', expiresIn: deps.auth.accessTokenTTLSeconds, user};
  }

  app.post('/register', async c => {
    await enforceRateLimit(c, limits.registerIP, ip(c));
    const body = await jsonBody(c, registerBodySchema);
    await limitAccount(limits.registerAccount, body.email);
    const {user, created} = await registerUser(deps, body);
    // [AC6] The account exists now; a mail that cannot be queued is logged and
    // the person can ask for another.
    if (created) inBackground(deps, 'the verification mail', () => sendVerificationMail(deps, user));
    // [AC3] An address that already has an account gets the same answer.
    return c.json({user}, 201);
  });

  app.post('/login', async c => {
    await enforceRateLimit(c, limits.loginIP, ip(c));
    const body = await jsonBody(c, loginBodySchema);
    await limitAccount(limits.loginAccount, body.email);
    const account = accountKey(body.email);
    // [AC2] Counted before the password is checked; a success forgets it.
    const attempt = await limits.loginFailures.attempt(account);
    if (!attempt.ok) {
      throw tooManyRequests(
        attempt.retryAfter,
        `Too many failed sign-ins for this address. Try again in ${describeSeconds(attempt.retryAfter)}, or reset your password.`,
      );
    }
    const found = await findUserWithPassword(deps.pool, body.email);
    const ok = await verifyPassword(found?.passwordHash, body.password);
    if (!found || !ok) {
      throw new ProblemError(401, 'Unauthorized', 'Email or password is incorrect.');
    }
    await limits.loginFailures.succeeded(account);
    const session = await createSession(deps.pool, deps.auth, found.user.id, {
      userAgent: c.req.header('user-agent'),
      ip: clientAddress(c),
    });
    return c.json(await issueTokens(c, found.user, session.sessionID, session.refreshToken));
  });

  app.post('/refresh', async c => {
    const presented = getRefreshCookie(c);
    if (!presented) {
      throw new ProblemError(401, 'Unauthorized', 'You are signed out. Sign in to continue.');
    }
    const result = await rotateRefreshToken(deps.pool, deps.auth, presented);
    if (!result.ok) {
      if (result.reason === 'reused') await deps.sessions?.settle();
      clearRefreshCookie(c);
      const detail =
        result.reason === 'reused'
          ? 'This session was ended because its sign-in token was used twice. Sign in again.'
          : 'Your session has ended. Sign in again.';
      throw new ProblemError(401, 'Unauthorized', detail);
    }
    const user = await findUserByID(deps.pool, result.session.userID);
    if (!user) throw new ProblemError(401, 'Unauthorized', 'Your account no longer exists.');
    return c.json(await issueTokens(c, user, result.session.sessionID, result.refreshToken));
  });

  app.post('/logout', async c => {
    const presented = getRefreshCookie(c);
    if (presented) {
      await revokeSessionByToken(deps.pool, presented);
      // The next request with this session's access token must already fail.
      await deps.sessions?.settle();
    }
    clearRefreshCookie(c);
    return c.body(null, 204);
  });

  app.post('/verify-email', perIP(limits.verifyIP), async c => {
    const {token} = await jsonBody(c, tokenBodySchema);
    const {rows} = await deps.pool.query<{user_id: string}>(
      `UPDATE email_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [hashOpaqueToken(token)],
    );
    const userID = rows[0]?.user_id;
    if (!userID) {
      throw new ProblemError(
        400,
        'Invalid token',
        'This verification link is invalid, used or expired. Ask for a new one.',
        {field: 'token'},
      );
    }
    await deps.pool.query(
      'UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1',
      [userID],
    );
    return c.json({user: await findUserByID(deps.pool, userID)});
  });

  app.post('/resend-verification', perIP(limits.resendIP), async c => {
    const {email} = await jsonBody(c, emailBodySchema);
    await limitAccount(limits.resendAccount, email);
    // [AC3] Looked up and mailed after answering: the same answer, as fast,
    // whether or not the address has an account.
    inBackground(deps, 'a verification mail', async () => {
      const found = await findUserWithPassword(deps.pool, email);
      if (found && !found.user.emailVerified) await sendVerificationMail(deps, found.user);
    });
    return c.json({detail: 'If that address has an unverified account, a new link is on its way.'}, 202);
  });

  app.get('/providers', c => c.json(providerList(deps.oidc)));
  app.route('/oidc', oidcRoutes(deps, limits));
  app.route('/', passwordResetRoutes(deps, limits));
  app.route('/sessions', sessionRoutes(deps, limits));
  app.get('/session', requireAuth(deps), c => c.json({session: c.get('session')}));

  return app;
}
