import {Hono, type Context} from 'hono';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody} from '../http/validate.ts';
import {verificationMail} from '../mail/templates.ts';
import {requireAuth, type AuthEnv} from './middleware.ts';
import {hashPassword, verifyPassword} from './passwords.ts';
import {createSession, revokeSessionByToken, rotateRefreshToken} from './sessions.ts';
import {hashOpaqueToken, newOpaqueToken, signAccessToken} from './tokens.ts';
import {findUserByID, findUserWithPassword, USER_COLUMNS, toSelfUser, type SelfUser} from './users.ts';

export const REFRESH_COOKIE = 'chorus_refresh';
const COOKIE_PATH = '/api/v1/auth';
const VERIFY_TTL_HOURS = 24;

export const registerBodySchema = z.object({
  username: z
    .string({message: 'Username is required.'})
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, {
      message: 'Use 2–32 letters, digits, dots, dashes or underscores.',
    }),
  email: z
    .string()
    .trim()
    .pipe(z.email({message: 'Enter a valid email address.'}).max(255)),
  password: z
    .string({message: 'Password is required.'})
    .min(8, {message: 'Use at least 8 characters.'})
    .max(256, {message: 'Use at most 256 characters.'}),
});

export const loginBodySchema = z.object({
  email: z.string({message: 'Email is required.'}).trim().min(1, {message: 'Email is required.'}),
  password: z.string({message: 'Password is required.'}).min(1, {message: 'Password is required.'}),
});

const tokenBodySchema = z.object({token: z.string().min(10, {message: 'The token is missing.'}).max(200)});
const emailBodySchema = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({message: 'Enter a valid email address.'})),
});

export function authRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();

  async function issueTokens(c: Context, user: SelfUser, sessionID: string, refreshToken: string) {
    setCookie(c, REFRESH_COOKIE, refreshToken, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.auth.secureCookies,
      path: COOKIE_PATH,
      maxAge: deps.auth.refreshTokenTTLDays * 86_400,
    });
    const accessToken = await signAccessToken(deps.auth, {
      userID: user.id,
      sessionID,
      emailVerified: user.emailVerified,
    });
    return {accessToken, tokenType: 'Bearer', expiresIn: deps.auth.accessTokenTTLSeconds, user};
  }

  async function sendVerification(user: SelfUser): Promise<void> {
    if (!user.email) return;
    const {token, hash} = newOpaqueToken();
    await deps.pool.query(
      `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
       VALUES ($1, $2, 'verify_email', now() + make_interval(hours => $3))`,
      [hash, user.id, VERIFY_TTL_HOURS],
    );
    const url = `${deps.publicURL}/verify-email?token=${encodeURIComponent(token)}`;
    deps.log?.(`verification link for ${user.email}: ${url}`);
    // Queued, never awaited on delivery: a slow or failing mail service never blocks sign-up.
    await deps.mailer.send(verificationMail(user.email, user.username, url));
  }

  app.post('/register', async c => {
    const body = await jsonBody(c, registerBodySchema);
    const passwordHash = await hashPassword(body.password);
    const client = await deps.pool.connect();
    let user: SelfUser;
    try {
      await client.query('BEGIN');
      const taken = await client.query<{username_taken: boolean; email_taken: boolean}>(
        `SELECT bool_or(lower(username) = lower($1)) AS username_taken,
                bool_or(lower(email) = lower($2)) AS email_taken
           FROM users WHERE lower(username) = lower($1) OR lower(email) = lower($2)`,
        [body.username, body.email],
      );
      if (taken.rows[0]?.username_taken) {
        throw new ProblemError(409, 'Conflict', 'That username is taken. Choose another.', {
          field: 'username',
        });
      }
      if (taken.rows[0]?.email_taken) {
        throw new ProblemError(
          409,
          'Conflict',
          'An account with this email already exists. Sign in, or reset your password.',
          {field: 'email'},
        );
      }
      const {rows} = await client.query(
        `INSERT INTO users (username, email) VALUES ($1, $2) RETURNING ${USER_COLUMNS}`,
        [body.username, body.email],
      );
      user = toSelfUser(rows[0]);
      await client.query('INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)', [
        user.id,
        passwordHash,
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      if ((err as {code?: string}).code === '23505') {
        throw new ProblemError(409, 'Conflict', 'That username or email was just taken. Try another.');
      }
      throw err;
    } finally {
      client.release();
    }
    await sendVerification(user);
    return c.json({user}, 201);
  });

  app.post('/login', async c => {
    const body = await jsonBody(c, loginBodySchema);
    const found = await findUserWithPassword(deps.pool, body.email);
    const ok = await verifyPassword(found?.passwordHash, body.password);
    if (!found || !ok) {
      throw new ProblemError(401, 'Unauthorized', 'Email or password is incorrect.');
    }
    const session = await createSession(deps.pool, deps.auth, found.user.id, {
      userAgent: c.req.header('user-agent'),
      ip: c.req.header('x-forwarded-for')?.split(',')[0]?.trim(),
    });
    return c.json(await issueTokens(c, found.user, session.sessionID, session.refreshToken));
  });

  app.post('/refresh', async c => {
    const presented = getCookie(c, REFRESH_COOKIE);
    if (!presented) {
      throw new ProblemError(401, 'Unauthorized', 'You are signed out. Sign in to continue.');
    }
    const result = await rotateRefreshToken(deps.pool, deps.auth, presented);
    if (!result.ok) {
      deleteCookie(c, REFRESH_COOKIE, {path: COOKIE_PATH});
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
    const presented = getCookie(c, REFRESH_COOKIE);
    if (presented) await revokeSessionByToken(deps.pool, presented);
    deleteCookie(c, REFRESH_COOKIE, {path: COOKIE_PATH});
    return c.body(null, 204);
  });

  app.post('/verify-email', async c => {
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

  app.post('/resend-verification', async c => {
    const {email} = await jsonBody(c, emailBodySchema);
    const found = await findUserWithPassword(deps.pool, email);
    if (found && !found.user.emailVerified) await sendVerification(found.user);
    // The same answer whether or not the address has an account.
    return c.json({detail: 'If that address has an unverified account, a new link is on its way.'}, 202);
  });

  app.get('/session', requireAuth(deps), c => c.json({session: c.get('session')}));

  return app;
}
