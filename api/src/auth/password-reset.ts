import {Hono} from 'hono';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {ipKey, limitBy} from '../http/rate-limit.ts';
import {jsonBody} from '../http/validate.ts';
import {inBackground, sendPasswordChangedMail, sendPasswordResetMail} from './account-mail.ts';
import {clearRefreshCookie} from './cookie.ts';
import {accountKey, normalizeEmail} from './email.ts';
import {limitAccount, type AuthLimits} from './limits.ts';
import {hashPassword} from './passwords.ts';
import {emailBodySchema, resetPasswordBodySchema} from './schemas.ts';
import {revokeAllSessions} from './sessions.ts';
import {hashOpaqueToken} from './tokens.ts';
import {findUserWithPassword} from './users.ts';

const invalidToken = () =>
  new ProblemError(
    400,
    'Invalid token',
    'This password reset link is invalid, used or expired. Ask for a new one.',
    {field: 'token'},
  );

const VALID_RESET_TOKEN = `token_hash = $1 AND purpose = 'reset_password' AND used_at IS NULL AND expires_at > now()`;

/** [AC4] Forgot password (mail a single-use link) and reset password (use it). */
export function passwordResetRoutes(deps: Deps, limits: AuthLimits) {
  const app = new Hono();

  app.post(
    '/forgot-password',
    limitBy(limits.forgotIP, c => ipKey(c, deps)),
    async c => {
      const {email} = await jsonBody(c, emailBodySchema);
      await limitAccount(limits.forgotAccount, email);
      // [AC3] Looked up and mailed after answering: the same answer, as fast,
      // whether or not the address has an account.
      inBackground(deps, 'a password reset mail', async () => {
        const found = await findUserWithPassword(deps.pool, email);
        if (found) await sendPasswordResetMail(deps, found.user);
      });
      return c.json(
        {detail: 'If an account uses that address, a link to reset its password is on its way.'},
        202,
      );
    },
  );

  app.post(
    '/reset-password',
    limitBy(limits.resetIP, c => ipKey(c, deps)),
    async c => {
      const {token, password} = await jsonBody(c, resetPasswordBodySchema);
      const hash = hashOpaqueToken(token);
      // Checked before the (deliberately slow) password hash, so bogus tokens cost little.
      const valid = await deps.pool.query(`SELECT 1 FROM email_tokens WHERE ${VALID_RESET_TOKEN}`, [hash]);
      if (valid.rowCount === 0) throw invalidToken();
      const passwordHash = await hashPassword(password);

      const client = await deps.pool.connect();
      let user: {id: string; email: string | null; username: string};
      try {
        await client.query('BEGIN');
        // Spending the token in the same statement that checks it: of two
        // concurrent resets with one link, only one gets a row.
        const spent = await client.query<{user_id: string}>(
          `UPDATE email_tokens SET used_at = now() WHERE ${VALID_RESET_TOKEN} RETURNING user_id`,
          [hash],
        );
        const userID = spent.rows[0]?.user_id;
        if (!userID) throw invalidToken();
        // Every other reset link sent to this account dies with this one.
        await client.query(
          `UPDATE email_tokens SET used_at = now()
          WHERE user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL`,
          [userID],
        );
        await client.query(
          `INSERT INTO user_credentials (user_id, password_hash, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()`,
          [userID, passwordHash],
        );
        // The link reached the mailbox, which is what verifying the address proves.
        const {rows} = await client.query<{id: string; email: string | null; username: string}>(
          `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
          WHERE id = $1 RETURNING id, email, username`,
          [userID],
        );
        user = rows[0]!;
        await revokeAllSessions(client, userID);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }

      // [AC2] The owner proved control of the address; earlier failures no longer count.
      if (user.email) await limits.loginFailures.succeeded(accountKey(normalizeEmail(user.email)));
      clearRefreshCookie(c);
      inBackground(deps, 'the password changed notice', () => sendPasswordChangedMail(deps, user));
      return c.json({
        detail: 'Your password is changed and every device is signed out. Sign in with the new password.',
      });
    },
  );

  return app;
}
