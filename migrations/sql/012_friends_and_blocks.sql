-- [F1]-[F6] Friends and blocks (issue #16). The friendships table is the
-- seed's; what changes, and why:
--   * One row per pair, whichever of the two asked: a request to someone who
--     already asked you accepts theirs instead of adding a second row, and the
--     unique index below makes two rows for one pair impossible even when both
--     ask at the same moment.
--   * The seed's `status = 'blocked'` goes: a friendship row is read by both
--     of its people, so a block kept there would tell the blocked person. A
--     block is the blocker's private decision and lives in `user_blocks`,
--     which only the blocker reads (SPEC F5).

CREATE UNIQUE INDEX friendships_pair_key
  ON public.friendships (LEAST(user_id, friend_id), GREATEST(user_id, friend_id));

-- No row was ever written with 'blocked' (nothing wrote friendships before
-- this migration); a hand-written one would be a block, so it moves.
CREATE TABLE public.user_blocks (
  blocker_id uuid NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
  blocked_id uuid NOT NULL REFERENCES public.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CONSTRAINT user_blocks_not_self CHECK (blocker_id <> blocked_id)
);
CREATE INDEX user_blocks_blocked_idx ON public.user_blocks (blocked_id);

INSERT INTO public.user_blocks (blocker_id, blocked_id, created_at)
  SELECT user_id, friend_id, created_at FROM public.friendships WHERE status = 'blocked'
  ON CONFLICT DO NOTHING;
DELETE FROM public.friendships WHERE status = 'blocked';

ALTER TABLE public.friendships DROP CONSTRAINT friendships_status_check;
ALTER TABLE public.friendships
  ADD CONSTRAINT friendships_status_check CHECK (status IN ('pending', 'accepted'));

-- Who asked whom, for "incoming" and "outgoing" lists.
CREATE INDEX friendships_user_idx ON public.friendships (user_id);

ALTER PUBLICATION chorus_zero ADD TABLE public.user_blocks;
