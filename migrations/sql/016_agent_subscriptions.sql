-- [AG8] What an agent's webhook hears of: every new message where it is
-- ('all', the default), or only those that mention it or are in its
-- direct conversations ('mentions').
ALTER TABLE public.ai_agents
  ADD COLUMN webhook_events varchar(20) NOT NULL DEFAULT 'all' CHECK (webhook_events IN ('all', 'mentions'));
