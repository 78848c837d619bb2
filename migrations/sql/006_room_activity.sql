-- Unread state without sending every message to every member [M1].
--
-- Until now each client counted unread messages from the messages themselves:
-- a synced query held every recent message of every readable room of the
-- server, so each message reached every member of the server, not only those
-- in its room. In zero-cache each delivery costs about a millisecond of CPU
-- per client, so that fan-out capped the whole server at a few messages per
-- second. Now a room's latest activity is one small row, and a mention is a
-- row for the person mentioned: members outside a room receive one row update
-- per message instead of the message, and only mentions carry text.

-- The latest top-level message of each room, kept by a trigger so every path
-- that inserts messages (mutators, REST, agents, seeding) keeps it true.
CREATE TABLE room_activity (
  room_id uuid PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
  server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  last_message_id uuid NOT NULL,
  last_user_id uuid,
  last_message_at timestamptz NOT NULL
);
CREATE INDEX room_activity_server_idx ON room_activity (server_id);

CREATE FUNCTION room_activity_on_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO room_activity (room_id, server_id, last_message_id, last_user_id, last_message_at)
  SELECT NEW.room_id, r.server_id, NEW.id, NEW.user_id, NEW.created_at FROM rooms r WHERE r.id = NEW.room_id
  ON CONFLICT (room_id) DO UPDATE
    SET last_message_id = EXCLUDED.last_message_id,
        last_user_id = EXCLUDED.last_user_id,
        last_message_at = EXCLUDED.last_message_at
    -- Clocks of different API processes may disagree: never go back in time.
    WHERE room_activity.last_message_at <= EXCLUDED.last_message_at;
  RETURN NULL;
END $$;

CREATE TRIGGER messages_room_activity
AFTER INSERT ON messages
FOR EACH ROW WHEN (NEW.room_id IS NOT NULL AND NEW.parent_message_id IS NULL)
EXECUTE FUNCTION room_activity_on_message();

INSERT INTO room_activity (room_id, server_id, last_message_id, last_user_id, last_message_at)
SELECT DISTINCT ON (m.room_id) m.room_id, r.server_id, m.id, m.user_id, m.created_at
FROM messages m JOIN rooms r ON r.id = m.room_id
WHERE m.parent_message_id IS NULL
ORDER BY m.room_id, m.created_at DESC, m.id DESC;

-- Who a message mentions, written by the send and edit mutators (which know
-- the server's members). Replies mention too. Deleting the message drops them.
CREATE TABLE message_mentions (
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX message_mentions_user_idx ON message_mentions (user_id, created_at);

ALTER PUBLICATION chorus_zero ADD TABLE room_activity, message_mentions;
