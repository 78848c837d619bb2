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

-- [FL5] A thumbnail's size, so a message reserves its space before it loads.
ALTER TABLE public.files
  ADD COLUMN thumbnail_width integer,
  ADD COLUMN thumbnail_height integer;
ALTER PUBLICATION chorus_zero DROP TABLE public.files;
ALTER PUBLICATION chorus_zero ADD TABLE public.files (
  id, message_id, uploader_id, file_name, file_size, mime_type, thumbnail_s3_key, status, uploaded_at,
  thumbnail_width, thumbnail_height
);
