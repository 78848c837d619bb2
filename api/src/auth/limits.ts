import type {Deps} from '../deps.ts';
import {
  createRateLimiter,
  tooManyRequests,
  type RateLimiter,
  type RateLimitRule,
} from '../http/rate-limit.ts';
import {accountKey, type NormalizedEmail} from './email.ts';
import {LoginThrottle} from './login-throttle.ts';

const MINUTE = 60;
const HOUR = 3600;

/**
 * [AC1] [AC2] The production limits of the account endpoints, before
 * `Deps.rateLimits.multiplier`. Per-address limits are loose enough for an
 * office behind one NAT; per-account limits bound the mail one address can be
 * sent and the guesses one account can take.
 */
export const authRateLimitRules = {
  anyIP: {name: 'auth.ip', limit: 300, windowSeconds: 15 * MINUTE},
  registerIP: {name: 'auth.register.ip', limit: 10, windowSeconds: HOUR},
  registerAccount: {name: 'auth.register.account', limit: 3, windowSeconds: HOUR},
  loginIP: {name: 'auth.login.ip', limit: 50, windowSeconds: 15 * MINUTE},
  loginAccount: {name: 'auth.login.account', limit: 20, windowSeconds: 15 * MINUTE},
  verifyIP: {name: 'auth.verify.ip', limit: 30, windowSeconds: HOUR},
  resendIP: {name: 'auth.resend.ip', limit: 10, windowSeconds: HOUR},
  resendAccount: {name: 'auth.resend.account', limit: 3, windowSeconds: HOUR},
  forgotIP: {name: 'auth.forgot.ip', limit: 10, windowSeconds: HOUR},
  forgotAccount: {name: 'auth.forgot.account', limit: 3, windowSeconds: HOUR},
  resetIP: {name: 'auth.reset.ip', limit: 20, windowSeconds: HOUR},
  sessionsUser: {name: 'auth.sessions.user', limit: 60, windowSeconds: 15 * MINUTE},
  oidcIP: {name: 'auth.oidc.ip', limit: 30, windowSeconds: 15 * MINUTE},
} satisfies Record<string, RateLimitRule>;

export const loginThrottleRule = {
  threshold: 5,
  baseSeconds: 30,
  maxSeconds: 15 * MINUTE,
  forgetSeconds: 24 * HOUR,
};

export type AuthLimits = ReturnType<typeof createAuthLimits>;

/** The limiters of one app; their counts are in Postgres, shared by every app on the database. */
export function createAuthLimits(deps: Deps) {
  const limiters = Object.fromEntries(
    Object.entries(authRateLimitRules).map(([key, rule]) => [key, createRateLimiter(deps, rule)]),
  ) as {[K in keyof typeof authRateLimitRules]: ReturnType<typeof createRateLimiter>};
  return {...limiters, loginFailures: new LoginThrottle(deps.pool, loginThrottleRule, deps.rateLimits)};
}

/**
 * [AC1] Counts a request against a per-account limit; over it, the usual 429.
 * [AC3] Unlike `enforceRateLimit`, it leaves the `RateLimit-*` headers alone:
 * they describe only the client's own limits, because an address someone used
 * a minute ago would otherwise answer with less remaining than one never
 * used, telling a stranger that the address is in use.
 */
export async function limitAccount(limiter: RateLimiter, email: NormalizedEmail): Promise<void> {
  const result = await limiter.hit(accountKey(email));
  if (!result.ok) throw tooManyRequests(result.retryAfter);
}
