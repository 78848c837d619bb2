-- `user_rooms` holds both read state (last_read_at, written when anyone opens a
-- room) and membership of private rooms. Before this, any row granted access,
-- so everyone who had ever read a public room kept reading it after it was made
-- private. Membership is now explicit.
ALTER TABLE user_rooms ADD COLUMN is_member boolean NOT NULL DEFAULT false;

-- Rows of rooms that are private today were made by adding people: keep them.
UPDATE user_rooms ur SET is_member = true FROM rooms r WHERE r.id = ur.room_id AND r.is_private;

CREATE INDEX user_rooms_members_idx ON user_rooms (room_id, user_id) WHERE is_member;
