-- [AG1]-[AG9] AI agents as members (issue #18), on the seed's `ai_agents`
-- and `ai_agent_logs`, completed:
--   * An agent is a `users` row (user_type 'ai_agent') owned by its creator
--     (`created_by`); only the SHA-256 of its key is kept, with a visible
--     prefix to recognise it. Rotating replaces the hash: the old key stops.
--   * Scopes are a text array (the seed's `capabilities` stays, unused).
--   * The webhook signing secret (`whsec_…`) must be read to sign, so it is
--     kept as is, like the other secrets outside the Zero publication.
--   * Rate-limit windows live in Postgres, shared by every API process.
--   * Webhook deliveries are rows: their pg-boss job is queued in the same
--     transaction as the message; after the last retry the row stays
--     `failed` (the dead letter the owner sees and may replay).

ALTER TABLE public.ai_agents
  ADD COLUMN key_prefix text,
  ADD COLUMN scopes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN webhook_secret text,
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN key_rotated_at timestamptz,
  ADD CONSTRAINT ai_agents_scopes_known CHECK (
    scopes <@ ARRAY['messages:read', 'messages:write', 'reactions:write', 'files:write']::text[]
  );
CREATE INDEX ai_agents_created_by_idx ON public.ai_agents (created_by);

ALTER TABLE public.ai_agent_logs
  ADD COLUMN conversation_id uuid REFERENCES public.direct_conversations (id) ON DELETE SET NULL,
  ADD COLUMN outcome varchar(20) NOT NULL DEFAULT 'ok',
  ADD COLUMN status integer;
CREATE INDEX ai_agent_logs_room_idx ON public.ai_agent_logs (agent_id, room_id, "timestamp" DESC);

CREATE TABLE public.agent_rate_windows (
  agent_id uuid NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (agent_id, window_start)
);

CREATE TABLE public.agent_webhook_deliveries (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX agent_webhook_deliveries_agent_idx ON public.agent_webhook_deliveries (agent_id, created_at DESC);
