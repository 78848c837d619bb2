// Errors that mean "Postgres cannot be reached right now", not "this request is wrong".
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, starting up).
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection terminated unexpectedly',
];

/** How long a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * [OP4] Whether `err` (or an error it wraps) says the database is unreachable:
 * stopped, restarting, or not answering. The API answers those 503 with
 * `Retry-After` instead of a 500, so that clients and load balancers retry.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    const code = (e as {code?: unknown}).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (MESSAGES.some(m => e instanceof Error && e.message.includes(m))) return true;
  }
  return false;
}
