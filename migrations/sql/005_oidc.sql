-- Accounts at an external OpenID Connect provider, linked to Chorus users.
-- A provider account is known by its issuer and subject (`sub`), which never
-- change; the address it had when it was linked is kept for the record only.
-- Not in the chorus_zero publication: it never reaches zero-cache.
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject varchar(255) NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email varchar(255),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);
