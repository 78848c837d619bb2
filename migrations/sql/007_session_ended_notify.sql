-- [AC5] Signing a session out ends its access tokens at once. The API used to
-- ask Postgres on every request whether the token's session had ended: a
-- round trip on every Zero push and query, on the path of every message.
-- Now each API process keeps the answer "still signed in" for a while and
-- forgets it when Postgres says the session ended: this trigger tells every
-- listening process, on commit, whichever code path revoked, shortened or
-- deleted the session (sign-out, refresh-token reuse, deleting the user).

CREATE FUNCTION auth_session_ended_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chorus_session_ended', OLD.id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER auth_sessions_ended_update
  AFTER UPDATE OF revoked_at, expires_at ON auth_sessions
  FOR EACH ROW
  WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.expires_at < OLD.expires_at)
  EXECUTE FUNCTION auth_session_ended_notify();

CREATE TRIGGER auth_sessions_ended_delete
  AFTER DELETE ON auth_sessions
  FOR EACH ROW
  EXECUTE FUNCTION auth_session_ended_notify();
