-- [AC2] Failed sign-ins per address, shared by all API processes (before
-- this each process kept its own, so a proxy spreading guesses over several
-- processes multiplied them). The lock is derived from the row: with
-- `failures` at the threshold or more, the address is locked from
-- `last_failure_at` for a time that doubles with each failure past it.
--
-- `counted` says whether the latest attempt was counted (false: it came while
-- the address was locked), so the one upsert that records an attempt can
-- answer for it. UNLOGGED, as rate_limit_windows: a crash only forgets.
CREATE UNLOGGED TABLE public.login_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  counted boolean NOT NULL
);

CREATE INDEX login_failures_last_failure_at ON public.login_failures (last_failure_at);
