-- [AC11] One form for email addresses (issue #13): NFKC, lowercased, NFKC
-- again. The API stores addresses in this form and looks them up by it
-- (api/src/auth/email.ts, which has the same expression); the login lockout
-- and the rate limits key on it. The old index compared lower(email) only, so
-- `ａｌｉｃｅ@x.test` (fullwidth) was a different address from `alice@x.test`,
-- and the API's limits, which lowercased in JavaScript, disagreed with the
-- lookup about `alİce@x.test` (U+0130), which Postgres lowercases to `alice`.
--
-- lower() here is the database's: the C.UTF-8 locale the embedded Postgres is
-- created with maps one code point to one, as the API does. On stored
-- addresses, already in the form, the expression changes nothing; it is in
-- the index so that any row not written by the API still collides.

-- Two accounts whose addresses become the same would break the unique index.
-- The old index allowed that only for compatibility forms (fullwidth letters,
-- ligatures), which sign-up with a password never accepted; only an OIDC
-- provider could have asserted one. Which account keeps the address is for an
-- operator to decide, so the migration stops and says which accounts clash.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(format('%s (%s)', key, ids), '; ')
    INTO clashes
    FROM (
      SELECT normalize(lower(normalize(email, NFKC)), NFKC) AS key,
             string_agg(id::text, ', ' ORDER BY created_at) AS ids
        FROM users
       WHERE email IS NOT NULL
       GROUP BY 1
      HAVING count(*) > 1
    ) c;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Accounts share an email address once addresses are normalised: %', clashes
      USING HINT = 'Change the address of all but one account of each group (UPDATE users SET email = ... WHERE id = ...), then start Chorus again.';
  END IF;
END
$$;

-- A normalised address longer than the column (NFKC can expand some
-- characters) stays as it was; the index and the lookups still find it.
UPDATE users
   SET email = normalize(lower(normalize(email, NFKC)), NFKC), updated_at = now()
 WHERE email IS DISTINCT FROM normalize(lower(normalize(email, NFKC)), NFKC)
   AND length(normalize(lower(normalize(email, NFKC)), NFKC)) <= 255;

DROP INDEX users_email_lower_key;
CREATE UNIQUE INDEX users_email_normalized_key ON users (normalize(lower(normalize(email, NFKC)), NFKC));
