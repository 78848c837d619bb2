-- [RL1] [RL2] [SV10] [F2] [AC1] The counters of every rate limit, shared by
-- all API processes (before this they lived in each process's memory, so two
-- processes behind a proxy allowed twice the limit).
--
-- One row per limit (`rule`, e.g. `writes.user`) and key (`user:<id>`,
-- `ip:<address>`): a fixed window that starts with its first hit and ends at
-- `resets_at`, when the next hit starts a new one in place. Rows whose window
-- has ended are removed by the hourly cleanup job.
--
-- UNLOGGED: counters are written on nearly every request and are worth no
-- WAL. A crash empties the table, which only forgets the counts, as
-- restarting an API process used to. Not replicated, and not in Zero's
-- publication.
CREATE UNLOGGED TABLE public.rate_limit_windows (
  rule text NOT NULL,
  key text NOT NULL,
  resets_at timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (rule, key)
);

CREATE INDEX rate_limit_windows_resets_at ON public.rate_limit_windows (resets_at);

-- [AG6] Agents' hourly calls are counted here too now, as `agents.calls`.
DROP TABLE public.agent_rate_windows;
