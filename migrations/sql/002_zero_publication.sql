-- What Zero may replicate. zero-cache reads only this publication
-- (ZERO_APP_PUBLICATIONS=chorus_zero), so anything not listed here never leaves
-- Postgres: credentials, sessions, tokens, email addresses, agent keys and
-- webhook URLs. Column lists need Postgres 15+.
CREATE PUBLICATION chorus_zero FOR TABLE
  users (id, username, picture_url, external_link, user_type, created_at, updated_at),
  ai_agents (user_id, rate_limit_per_hour, capabilities, created_by, created_at),
  servers,
  server_bans,
  user_servers,
  rooms,
  user_rooms,
  messages,
  files (id, message_id, uploader_id, file_name, file_size, mime_type, thumbnail_s3_key, status, uploaded_at),
  message_reactions,
  friendships,
  direct_conversations,
  direct_conversation_members;
