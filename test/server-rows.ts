import type pg from 'pg';

/**
 * Every row that belongs to one server, in a stable order: compare a snapshot
 * taken before a refused write with one taken after to prove it changed nothing.
 */
export async function serverRows(pool: pg.Pool, serverID: string) {
  const rows = async (sql: string) => (await pool.query(sql, [serverID])).rows;
  return {
    server: await rows('SELECT * FROM servers WHERE id = $1'),
    members: await rows('SELECT * FROM user_servers WHERE server_id = $1 ORDER BY user_id'),
    bans: await rows('SELECT * FROM server_bans WHERE server_id = $1 ORDER BY user_id'),
    rooms: await rows('SELECT * FROM rooms WHERE server_id = $1 ORDER BY id'),
    roomMembers: await rows(
      `SELECT ur.* FROM user_rooms ur JOIN rooms r ON r.id = ur.room_id
       WHERE r.server_id = $1 ORDER BY ur.room_id, ur.user_id`,
    ),
    messages: await rows(
      'SELECT m.* FROM messages m JOIN rooms r ON r.id = m.room_id WHERE r.server_id = $1 ORDER BY m.id',
    ),
    reactions: await rows(
      `SELECT mr.* FROM message_reactions mr JOIN messages m ON m.id = mr.message_id
       JOIN rooms r ON r.id = m.room_id WHERE r.server_id = $1 ORDER BY mr.id`,
    ),
  };
}

/** A user's role in a server, or undefined when they are not a member. */
export async function roleOf(pool: pg.Pool, serverID: string, userID: string): Promise<string | undefined> {
  const {rows} = await pool.query<{role: string}>(
    'SELECT role FROM user_servers WHERE server_id = $1 AND user_id = $2',
    [serverID, userID],
  );
  return rows[0]?.role;
}

/** Makes a member an admin directly in Postgres (setup, not the rule under test). */
export async function makeAdmin(pool: pg.Pool, serverID: string, userID: string): Promise<void> {
  await pool.query(`UPDATE user_servers SET role = 'admin' WHERE server_id = $1 AND user_id = $2`, [
    serverID,
    userID,
  ]);
}

/** How many rows a `SELECT count(*) ...` counts. */
export async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await pool.query(sql, params)).rows[0].count);
}
