import type {z} from 'zod';

/**
 * An address in the form of {@link normalizeEmail}. Only that function (and
 * the schemas built on it) makes one, so a rate-limit key or a lookup cannot
 * be handed an address as typed.
 */
export type NormalizedEmail = string & z.$brand<'NormalizedEmail'>;

const DOTTED_CAPITAL_I = '\u0130';

/**
 * [AC11] The one form in which Chorus stores and compares email addresses:
 * Unicode NFKC, lowercased, then NFKC again (lowercasing can undo a
 * composition). The login lockout, the rate limits, every lookup and the
 * unique index (migrations/sql/011_normalized_emails.sql) all use it, so no
 * spelling of an address (`ALICE`, fullwidth `ａｌｉｃｅ`, `alİce`) gets a budget
 * of its own while reaching the same account.
 *
 * Lowercasing maps one code point to one (Unicode's simple mapping), as
 * Postgres's lower() does in the database's C.UTF-8 locale. JavaScript's
 * toLowerCase() of a whole string is the full mapping, which differs in two
 * places: `İ` (U+0130) becomes `i` + U+0307 instead of `i`, and a final `Σ`
 * becomes `ς` instead of `σ`. Mapping per code point, and `İ` to `i` by hand,
 * makes both sides agree; email.test.ts checks them against each other. Only
 * letters newer than the database's Unicode tables still differ: JavaScript
 * lowercases them and Postgres leaves them, which on an address already in
 * this form changes nothing.
 */
export function normalizeEmail(address: string): NormalizedEmail {
  let lower = '';
  for (const ch of address.trim().normalize('NFKC')) {
    lower += ch === DOTTED_CAPITAL_I ? 'i' : ch.toLowerCase();
  }
  return lower.normalize('NFKC') as NormalizedEmail;
}

/**
 * The same form computed by Postgres, of a column or parameter. Lookups
 * compare it to a {@link NormalizedEmail} so that they use the unique index,
 * which is built on exactly this expression.
 */
export const normalizedEmailSQL = (column: string) => `normalize(lower(normalize(${column}, NFKC)), NFKC)`;

/** The unique index on {@link normalizedEmailSQL}; a 23505 naming it means the address is taken. */
export const EMAIL_INDEX = 'users_email_normalized_key';

/** The key of an address in the rate limits and the login lockout. */
export const accountKey = (email: NormalizedEmail) => `email:${email}`;
