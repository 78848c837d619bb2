-- Room activity in batches (issue 7: throughput across many rooms).
--
-- Since 006 every top-level message updated its room's room_activity row in
-- the same transaction, and zero-cache then advanced, recorded (CVR) and
-- poked every member of the server for it: about a millisecond and a half of
-- zero-cache CPU per member per message, on one core, whatever room the
-- message was in. A server of 60 members spent ~80 ms per message on unread
-- marks alone and could not sustain 2 messages/s across its rooms.
--
-- Now the trigger records the latest message per room in
-- room_activity_pending (not published), and publish_room_activity() moves
-- what has gathered into room_activity in one transaction, which the API
-- calls about once a second. Each member is then advanced once per batch,
-- however many messages and rooms it holds. Unread marks of rooms other than
-- the open one lag by up to the interval; messages, and mentions (written by
-- the send mutator), do not.

CREATE TABLE room_activity_pending (
  room_id uuid PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
  server_id uuid NOT NULL REFERENCES servers (id) ON DELETE CASCADE,
  last_message_id uuid NOT NULL,
  last_user_id uuid,
  last_message_at timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION room_activity_on_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO room_activity_pending (room_id, server_id, last_message_id, last_user_id, last_message_at)
  SELECT NEW.room_id, r.server_id, NEW.id, NEW.user_id, NEW.created_at FROM rooms r WHERE r.id = NEW.room_id
  ON CONFLICT (room_id) DO UPDATE
    SET last_message_id = EXCLUDED.last_message_id,
        last_user_id = EXCLUDED.last_user_id,
        last_message_at = EXCLUDED.last_message_at
    WHERE room_activity_pending.last_message_at <= EXCLUDED.last_message_at;
  RETURN NULL;
END $$;

-- Moves the gathered activity into room_activity; returns how many rooms moved.
-- Safe to run from several API processes at once: each row is taken by one
-- DELETE, and a later message never loses to an earlier one.
CREATE FUNCTION publish_room_activity() RETURNS integer
LANGUAGE sql AS $$
  WITH moved AS (
    DELETE FROM room_activity_pending
    RETURNING room_id, server_id, last_message_id, last_user_id, last_message_at
  ), published AS (
    INSERT INTO room_activity (room_id, server_id, last_message_id, last_user_id, last_message_at)
    SELECT room_id, server_id, last_message_id, last_user_id, last_message_at FROM moved
    ON CONFLICT (room_id) DO UPDATE
      SET last_message_id = EXCLUDED.last_message_id,
          last_user_id = EXCLUDED.last_user_id,
          last_message_at = EXCLUDED.last_message_at
      WHERE room_activity.last_message_at <= EXCLUDED.last_message_at
    RETURNING 1
  )
  SELECT count(*)::integer FROM moved;
$$;
