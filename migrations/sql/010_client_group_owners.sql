-- [Z1] A Zero client group belongs to the person who first pushed with it.
--
-- Zero keeps each client's last mutation id in its own table
-- (`<app>_<shard>.clients`), keyed by client group and client id only: the
-- push endpoint would take a push naming anyone's client group, and a stranger
-- who knew the ids could advance another person's last mutation id, so that
-- person's next write was answered "already processed" and dropped. The API
-- now records the owner of each client group at its first push and refuses
-- pushes that name someone else's, before Zero reads or writes anything.
--
-- Never published to Zero (002 lists what is). A deleted person's groups go
-- with them.

CREATE TABLE client_group_owners (
  client_group_id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX client_group_owners_user_id ON client_group_owners (user_id);
