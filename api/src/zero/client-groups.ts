import type {Pool} from 'pg';

// Owners never change, so an answer once read can be kept; the bound keeps a
// flood of made-up group ids from growing memory (they still cost a query each).
const MAX_REMEMBERED = 50_000;

/**
 * [Z1] A Zero client group belongs to the person who first pushed with it
 * (migration 010). Zero's push processor keeps last mutation ids per client
 * group and client id, trusting whatever the push names; `claim` is asked
 * before it runs, once per push.
 */
export class ClientGroupOwners {
  readonly #pool: Pool;
  readonly #owners = new Map<string, string>();

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /** True when the group is `userID`'s, recording it as theirs if nobody has pushed with it yet. */
  async claim(clientGroupID: string, userID: string): Promise<boolean> {
    const owner = this.#owners.get(clientGroupID) ?? (await this.#ownerOf(clientGroupID, userID));
    return owner === userID;
  }

  async #ownerOf(clientGroupID: string, userID: string): Promise<string> {
    // Read first: after its first push, a group is only ever read. Two first
    // pushes at once both insert; the loser's DO NOTHING returns no row, and
    // the second read (a new snapshot) sees the winner's.
    const read = () =>
      this.#pool.query<{user_id: string}>(
        'SELECT user_id FROM client_group_owners WHERE client_group_id = $1',
        [clientGroupID],
      );
    let owner = (await read()).rows[0]?.user_id;
    if (owner === undefined) {
      const inserted = await this.#pool.query<{user_id: string}>(
        `INSERT INTO client_group_owners (client_group_id, user_id) VALUES ($1, $2)
         ON CONFLICT (client_group_id) DO NOTHING RETURNING user_id`,
        [clientGroupID, userID],
      );
      owner = inserted.rows[0]?.user_id ?? (await read()).rows[0]?.user_id;
    }
    if (owner === undefined) throw new Error(`client group ${clientGroupID} has no owner after claiming it`);
    if (this.#owners.size >= MAX_REMEMBERED) this.#owners.clear();
    this.#owners.set(clientGroupID, owner);
    return owner;
  }
}
