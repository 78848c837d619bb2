import {randomUUID} from 'node:crypto';
import {isChorusError, schema, type AuthContext, type CreateServerArgs} from '@chorus/schema';
import {zeroNodePg} from '@rocicorp/zero/server/adapters/pg';
import {afterAll, beforeAll, expect} from 'vitest';
import {serverMutators} from '@chorus/api/zero/server-mutators';
import {insertUser} from './fixtures.ts';
import {createTestDatabase, type TestDatabase} from './pg.ts';
import {makeAdmin, serverRows} from './server-rows.ts';

type Mutator = {fn: (o: {tx: never; ctx: AuthContext; args: never}) => Promise<void>};

/**
 * Server mutators run as the push endpoint runs them: each in its own real
 * Postgres transaction through Zero's node-postgres adapter, on a fresh
 * database built by the migrations. Registers the file's beforeAll/afterAll.
 */
export function mutatorHarness() {
  let db: TestDatabase;
  let zqlDb: ReturnType<typeof zeroNodePg<typeof schema>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    zqlDb = zeroNodePg(schema, db.pool);
  });
  afterAll(() => db.drop());

  function run<A>(mutator: {fn: unknown}, ctx: AuthContext, args: A): Promise<void> {
    return zqlDb.transaction(tx => (mutator as Mutator).fn({tx: tx as never, ctx, args: args as never}));
  }

  /**
   * The attempt fails, with the ChorusError `expected` (naming `field`, if
   * given) or a message matching it, and no row of the server changes.
   */
  async function denied(
    serverID: string,
    attempt: () => Promise<unknown>,
    expected: string | RegExp,
    field?: string,
  ) {
    const before = await serverRows(db.pool, serverID);
    const err = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, `expected ${String(expected)}`).toBeInstanceOf(Error);
    if (typeof expected === 'string') {
      expect(isChorusError(err) ? err.code : String(err)).toBe(expected);
      if (field !== undefined) expect(isChorusError(err) && err.field).toBe(field);
    } else {
      expect((err as Error).message).toMatch(expected);
    }
    expect(await serverRows(db.pool, serverID)).toEqual(before);
  }

  const user = (options: {verified?: boolean} = {}) => insertUser(db.pool, options);

  async function createServer(ctx: AuthContext, extra: Partial<CreateServerArgs> = {}) {
    const args = {id: randomUUID(), generalRoomID: randomUUID(), name: 'Acme', ...extra};
    await run(serverMutators.server.create, ctx, args);
    const {rows} = await db.pool.query('SELECT access_code FROM servers WHERE id = $1', [args.id]);
    return {...args, accessCode: rows[0].access_code as string};
  }

  /** An owner, an admin, a member and a stranger around one server with a general room. */
  async function community(extra: Partial<CreateServerArgs> = {}) {
    const [owner, admin, member, stranger] = [await user(), await user(), await user(), await user()];
    const server = await createServer(owner, extra);
    for (const who of [admin, member]) {
      await run(serverMutators.server.join, who, {accessCode: server.accessCode});
    }
    await makeAdmin(db.pool, server.id, admin.userID);
    return {owner, admin, member, stranger, server};
  }

  /** A private room created by `creator` (an owner or admin) in `serverID`. */
  async function privateRoom(creator: AuthContext, serverID: string, name = 'staff') {
    const id = randomUUID();
    await run(serverMutators.room.create, creator, {id, serverID, name, isPrivate: true});
    return id;
  }

  return {
    run,
    denied,
    user,
    createServer,
    community,
    privateRoom,
    get pool() {
      return db.pool;
    },
    get zqlDb() {
      return zqlDb;
    },
  };
}
