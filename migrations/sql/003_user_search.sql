-- Username prefix search (GET /api/v1/users/search) filters on
-- `lower(username) LIKE 'abc%'`, which only an index built with
-- text_pattern_ops can serve: users_username_lower_key follows the database
-- collation and is only good for equality.
CREATE INDEX users_username_prefix_idx ON users (lower(username) text_pattern_ops);
