-- Runs once, when the Postgres volume is new (docker-entrypoint-initdb.d).
-- zero-cache's client view records get a database of their own, set up as
-- the embedded default sets up chorus_zero_cvr (api/src/stack.ts: why).
CREATE DATABASE chorus_zero_cvr;
ALTER DATABASE chorus_zero_cvr SET synchronous_commit = off;
\connect chorus_zero_cvr
ALTER FUNCTION pg_catalog.json_to_recordset(json) ROWS 1;
