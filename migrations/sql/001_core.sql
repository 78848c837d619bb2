-- Chorus data model, translated from the seed architecture document into
-- valid PostgreSQL 15+. Differences from the seed, and why:
--   * The seed's `CHECK ((SELECT COUNT(*) ...) <= 3)` on servers is not valid
--     Postgres (CHECK cannot contain a subquery). The limit is enforced by the
--     trigger `servers_enforce_limit` below (and by the mutator, with a clear error).
--   * Direct messages live in `messages` with `conversation_id`; exactly one of
--     `room_id` / `conversation_id` is set (CHECK messages_one_parent).
--   * Ids have no effect-bearing defaults for clients: Zero inserts cannot use
--     DB defaults, so clients generate UUIDs. The defaults remain for SQL use.
--   * Timestamps are `timestamptz` (Zero syncs them as epoch milliseconds).
--   * Secrets (password hashes, sessions, tokens, agent API keys) live in
--     tables or columns that are never published to Zero (see 002).

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username varchar(32) NOT NULL,
  email varchar(255),
  picture_url text,
  external_link text,
  user_type varchar(20) NOT NULL DEFAULT 'human'
    CHECK (user_type IN ('human', 'ai_agent')),
  email_verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_format CHECK (username ~ '^[A-Za-z0-9_.-]{2,32}$'),
  -- Humans sign in by email; AI agents have none.
  CONSTRAINT users_email_required CHECK (user_type = 'ai_agent' OR email IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Never synced: credentials and auth state.
CREATE TABLE user_credentials (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  password_hash text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent text,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);

-- One row per refresh token ever issued; only the SHA-256 of the token is kept.
-- A token with `used_at` set has been rotated: presenting it again is reuse.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE email_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose varchar(20) NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

CREATE TABLE ai_agents (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the key; the key itself is shown once at creation.
  api_key_hash text UNIQUE NOT NULL,
  webhook_url text,
  rate_limit_per_hour integer NOT NULL DEFAULT 100 CHECK (rate_limit_per_hour > 0),
  capabilities jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE servers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name varchar(100) NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  -- Five characters from an alphabet without 0/O/1/I/L.
  access_code char(5) UNIQUE NOT NULL CHECK (access_code ~ '^[2-9A-HJKMNP-Z]{5}$'),
  is_private boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX servers_created_by_idx ON servers (created_by);
CREATE INDEX servers_public_idx ON servers (created_at) WHERE NOT is_private;

-- Replaces the seed's invalid CHECK-with-subquery: at most 3 servers created
-- per user. The advisory lock serialises concurrent creates by one user so two
-- transactions cannot both see a count of 2 and both insert.
CREATE FUNCTION servers_enforce_limit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.created_by IS NULL THEN
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('servers_limit:' || NEW.created_by::text, 0));
  IF (SELECT count(*) FROM servers WHERE created_by = NEW.created_by) >= 3 THEN
    RAISE EXCEPTION 'A user can create at most 3 servers'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'servers_limit_per_user';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER servers_enforce_limit BEFORE INSERT ON servers
  FOR EACH ROW EXECUTE FUNCTION servers_enforce_limit();

CREATE TABLE user_servers (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  role varchar(20) NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, server_id)
);
CREATE INDEX user_servers_server_idx ON user_servers (server_id);
-- Exactly one owner per server at most.
CREATE UNIQUE INDEX user_servers_one_owner ON user_servers (server_id) WHERE role = 'owner';

CREATE TABLE server_bans (
  server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  banned_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, user_id)
);

CREATE TABLE rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  name varchar(100) NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  is_private boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rooms_server_idx ON rooms (server_id, created_at);

CREATE TABLE user_rooms (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  role varchar(20) NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  last_read_at timestamptz,
  PRIMARY KEY (user_id, room_id)
);
CREATE INDEX user_rooms_room_idx ON user_rooms (room_id);

CREATE TABLE direct_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE direct_conversation_members (
  conversation_id uuid NOT NULL REFERENCES direct_conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_read_at timestamptz,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX direct_conversation_members_user_idx ON direct_conversation_members (user_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id uuid REFERENCES rooms (id) ON DELETE CASCADE,
  conversation_id uuid REFERENCES direct_conversations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Markdown. Emptied when the message is deleted (deleted_at keeps its place in threads).
  content text NOT NULL DEFAULT '' CHECK (length(content) <= 8000),
  parent_message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  reply_count integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
  last_reply_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  CONSTRAINT messages_one_parent CHECK ((room_id IS NULL) <> (conversation_id IS NULL))
);
CREATE INDEX messages_room_time_idx ON messages (room_id, created_at DESC, id) WHERE room_id IS NOT NULL;
CREATE INDEX messages_conversation_time_idx ON messages (conversation_id, created_at DESC, id) WHERE conversation_id IS NOT NULL;
CREATE INDEX messages_parent_idx ON messages (parent_message_id, created_at) WHERE parent_message_id IS NOT NULL;
CREATE INDEX messages_user_idx ON messages (user_id);

CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  uploader_id uuid REFERENCES users (id) ON DELETE SET NULL,
  file_name varchar(255) NOT NULL,
  file_size bigint NOT NULL CHECK (file_size >= 0),
  mime_type varchar(100) NOT NULL,
  s3_key varchar(500) NOT NULL UNIQUE,
  thumbnail_s3_key varchar(500),
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'rejected')),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_message_idx ON files (message_id);

CREATE TABLE message_reactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  emoji varchar(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (message_id, user_id, emoji)
);

CREATE TABLE ai_agent_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  room_id uuid REFERENCES rooms (id) ON DELETE SET NULL,
  action varchar(50) NOT NULL,
  details jsonb,
  "timestamp" timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_agent_logs_agent_idx ON ai_agent_logs (agent_id, "timestamp" DESC);

CREATE TABLE friendships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  friend_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'blocked')),
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  UNIQUE (user_id, friend_id),
  CHECK (user_id <> friend_id)
);
CREATE INDEX friendships_friend_idx ON friendships (friend_id);
