-- [FL7] Virus scanning (issue #19). Where a clamd is configured, a completed
-- upload waits as 'scanning' until clamd calls it clean ('ready') or
-- infected ('infected': its object is deleted; the row stays, so its message
-- says what happened instead of losing the file silently).
ALTER TABLE public.files DROP CONSTRAINT files_status_check;
ALTER TABLE public.files
  ADD CONSTRAINT files_status_check CHECK (status IN ('pending', 'scanning', 'ready', 'infected', 'rejected')),
  ADD COLUMN scanned_at timestamptz,
  -- The name of what the scanner found, for the people who may read the message.
  ADD COLUMN scan_finding varchar(200);
