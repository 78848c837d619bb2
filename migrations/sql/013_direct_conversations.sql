-- [DM1]-[DM6] Direct conversations (issue #16): the seed's tables, completed.
--   * `pair_key` ("<smaller id>:<larger id>") makes the same two people always
--     share one 1:1 conversation, even when both open it at the same moment.
--   * A group (3–10 people) has no pair key; its creator may add friends.
--   * The latest top-level message is kept on the conversation by a trigger,
--     as room_activity is for rooms (006), so every path that inserts
--     messages keeps it true; members compare it with their `last_read_at`.

ALTER TABLE public.direct_conversations
  ADD COLUMN created_by uuid REFERENCES public.users (id) ON DELETE SET NULL,
  ADD COLUMN is_group boolean NOT NULL DEFAULT false,
  ADD COLUMN pair_key text UNIQUE,
  ADD COLUMN last_message_id uuid,
  ADD COLUMN last_user_id uuid,
  ADD COLUMN last_message_at timestamptz,
  ADD CONSTRAINT direct_conversations_pair_or_group CHECK (is_group = (pair_key IS NULL));

ALTER TABLE public.direct_conversation_members
  ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX direct_conversations_activity_idx ON public.direct_conversations (last_message_at DESC);

CREATE FUNCTION public.conversation_activity_on_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.direct_conversations
     SET last_message_id = NEW.id, last_user_id = NEW.user_id, last_message_at = NEW.created_at
   WHERE id = NEW.conversation_id
     -- Clocks of different API processes may disagree: never go back in time.
     AND (last_message_at IS NULL OR last_message_at <= NEW.created_at);
  RETURN NULL;
END $$;

CREATE TRIGGER messages_conversation_activity
AFTER INSERT ON public.messages
FOR EACH ROW WHEN (NEW.conversation_id IS NOT NULL AND NEW.parent_message_id IS NULL)
EXECUTE FUNCTION public.conversation_activity_on_message();
