-- [FL7] What the scanner found reaches the people who see the file's message
-- (issue #19), so an infected file's notice can name it without a request.
ALTER PUBLICATION chorus_zero DROP TABLE public.files;
ALTER PUBLICATION chorus_zero ADD TABLE public.files (
  id, message_id, uploader_id, file_name, file_size, mime_type, thumbnail_s3_key, status, uploaded_at,
  thumbnail_width, thumbnail_height, scan_finding
);
