-- [FL1]-[FL6] Files (issue #19) on the seed's `files` table, completed:
--   * An upload is a row from the moment it is requested (status 'pending',
--     no message yet), so limits, quotas and the cleanup of uploads never
--     completed all read one table.
--   * The place it was requested for (room or conversation) is kept: it may
--     only be attached to a message of that place.
ALTER TABLE public.files
  ADD COLUMN room_id uuid REFERENCES public.rooms (id) ON DELETE CASCADE,
  ADD COLUMN conversation_id uuid REFERENCES public.direct_conversations (id) ON DELETE CASCADE,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN completed_at timestamptz,
  ADD CONSTRAINT files_one_place CHECK ((room_id IS NULL) <> (conversation_id IS NULL) OR message_id IS NOT NULL);
CREATE INDEX files_uploader_time_idx ON public.files (uploader_id, created_at DESC);
CREATE INDEX files_pending_idx ON public.files (created_at) WHERE status = 'pending';
