import type {Deps} from '../deps.ts';
import {
  passwordChangedMail,
  passwordResetMail,
  signupAttemptMail,
  verificationMail,
} from '../mail/templates.ts';
import {newOpaqueToken} from './tokens.ts';

/** The mails of the account flows. Each one's link token is stored hashed in `email_tokens`. */

const VERIFY_TTL_HOURS = 24;
// [AC4] A reset link works for an hour.
const RESET_TTL_HOURS = 1;

type Recipient = {id: string; email: string | null; username: string};

/**
 * Runs mail work after the answer is sent. [AC3] The answer then takes as long
 * whether or not there was anyone to write to, and [AC6] a failure to queue is
 * logged instead of failing a request whose real work is done.
 */
export function inBackground(deps: Deps, what: string, work: () => Promise<void>): void {
  work().catch(err => {
    (deps.log ?? console.error)(
      `mail: could not queue ${what}: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
}

async function storeToken(
  deps: Deps,
  userID: string,
  purpose: 'verify_email' | 'reset_password',
  hours: number,
) {
  const {token, hash} = newOpaqueToken();
  await deps.pool.query(
    `INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [hash, userID, purpose, hours],
  );
  return token;
}

export async function sendVerificationMail(deps: Deps, user: Recipient): Promise<void> {
  if (!user.email) return;
  const token = await storeToken(deps, user.id, 'verify_email', VERIFY_TTL_HOURS);
  const url = `${deps.publicURL}/verify-email?token=${encodeURIComponent(token)}`;
  deps.log?.(`verification link for ${user.email}: ${url}`);
  await deps.mailer.send(verificationMail(user.email, user.username, url));
}

export async function sendPasswordResetMail(deps: Deps, user: Recipient): Promise<void> {
  if (!user.email) return;
  const token = await storeToken(deps, user.id, 'reset_password', RESET_TTL_HOURS);
  const url = `${deps.publicURL}/reset-password?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(passwordResetMail(user.email, user.username, url));
}

export async function sendSignupAttemptMail(deps: Deps, user: Recipient): Promise<void> {
  if (!user.email) return;
  await deps.mailer.send(signupAttemptMail(user.email, user.username, `${deps.publicURL}/forgot-password`));
}

export async function sendPasswordChangedMail(deps: Deps, user: Recipient): Promise<void> {
  if (!user.email) return;
  await deps.mailer.send(passwordChangedMail(user.email, user.username, `${deps.publicURL}/forgot-password`));
}
