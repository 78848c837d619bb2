import {randomUUID} from 'node:crypto';
import type {AuthContext} from '@chorus/schema';
import {afterAll, beforeAll, expect} from 'vitest';
import {createApp} from '@chorus/api';
import {signAccessToken} from '@chorus/api/auth/tokens';
import type {Deps} from '@chorus/api/deps';
import {insertUser} from './fixtures.ts';
import {createTestDatabase, type TestDatabase} from './pg.ts';
import {makeAdmin, serverRows} from './server-rows.ts';
import {createZeroShard} from './zero-shard.ts';
import {testDeps} from './deps.ts';
import type {Server} from 'node:http';
import {serve} from '@hono/node-server';
import {liveEffects} from '@chorus/api/live/effects';
import {HUB_PATH, LiveHub} from '@chorus/api/live/hub';
import {Live} from '@chorus/api/live/live';
import {SessionLiveness} from '@chorus/api/auth/session-liveness';

export type Who = AuthContext & {token: string; username: string};
export type Reply = {status: number; type: string; headers: Headers; json: any}; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RestHarness = ReturnType<typeof restHarness>;

/**
 * The real app in-process (`app.request`) on a fresh database built by the
 * migrations, with the same server mutators the Zero push endpoint runs.
 * `zero` also makes the tables zero-cache would (for pushes to `/api/zero/mutate`).
 * Registers the file's beforeAll/afterAll.
 */
/** A response as tests read it: status, content type, headers and the parsed body. */
export async function replyOf(res: Response): Promise<Reply> {
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

export function restHarness(options: {rateLimits?: Deps['rateLimits']; zero?: boolean; live?: boolean} = {}) {
  let db: TestDatabase;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  const logs: string[] = [];
  let hub: LiveHub | undefined;
  let server: Server | undefined;
  let liveURL = '';
  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.zero) await createZeroShard(db.url);
    deps = testDeps(db.pool, {
      // Every request here comes from one address: rate limits are not what these files test.
      rateLimits: options.rateLimits ?? {multiplier: 1000},
      log: line => logs.push(line),
    });
    if (options.live) {
      // [LV5] The embedded hub over a real socket, as `startStack` serves it.
      deps.sessions = await SessionLiveness.start(db.pool);
      const live = (hub = await new LiveHub(
        {...deps, log: line => logs.push(line)},
        async recipe => (await liveEffects(deps.pool, recipe)).events,
      ).start());
      deps.live = new Live(deps.pool, live, line => logs.push(line));
    }
    app = createApp(deps);
    if (hub) {
      const listening = await new Promise<Server>(resolve => {
        const s = serve({fetch: app.fetch, port: 0, hostname: '127.0.0.1'}, () => resolve(s as Server));
      });
      server = listening;
      hub.listen(listening);
      const address = listening.address();
      liveURL = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${HUB_PATH}`;
    }
  });
  afterAll(async () => {
    await hub?.stop();
    await deps.sessions?.stop();
    await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)));
    await db.drop();
  });

  async function user(verified = true): Promise<Who> {
    const u = await insertUser(db.pool, {verified});
    const token = await signAccessToken(deps.auth, {
      userID: u.userID,
      sessionID: randomUUID(),
      emailVerified: verified,
    });
    return {...u, token};
  }

  async function call(who: Who, method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${who.token}`,
        ...(body === undefined ? {} : {'content-type': 'application/json'}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return replyOf(res);
  }

  /** The reply is a problem+json with `status` (naming `field`, if given). */
  function expectProblem(res: Reply, status: number, field?: string) {
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.json).toMatchObject({status, title: expect.any(String), detail: expect.any(String)});
    if (field !== undefined) expect(res.json.field).toBe(field);
  }

  /** The request is refused as `expectProblem` says and no row of the server changes. */
  async function denied(serverID: string, request: () => Promise<Reply>, status: number, field?: string) {
    const before = await serverRows(db.pool, serverID);
    const res = await request();
    expectProblem(res, status, field);
    expect(await serverRows(db.pool, serverID)).toEqual(before);
    return res;
  }

  /** An owner, an admin, a member and a stranger around one server, all set up over REST. */
  async function community(options: {isPrivate?: boolean} = {}) {
    const [owner, admin, member, stranger] = [await user(), await user(), await user(), await user()];
    const created = await call(owner, 'POST', '/servers', {name: 'Acme', ...options});
    expect(created.status).toBe(201);
    const {rows} = await db.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
      created.json.id,
    ]);
    const server = {
      id: created.json.id as string,
      accessCode: created.json.accessCode as string,
      generalRoomID: rows[0]!.id,
    };
    for (const who of [admin, member]) {
      expect((await call(who, 'POST', '/servers/join', {accessCode: server.accessCode})).status).toBe(200);
    }
    await makeAdmin(db.pool, server.id, admin.userID);
    return {owner, admin, member, stranger, server};
  }

  /** A private room made over REST by `creator` (an owner or admin). */
  async function privateRoom(creator: Who, serverId: string, name = 'staff'): Promise<string> {
    const res = await call(creator, 'POST', '/rooms', {serverId, name, isPrivate: true});
    expect(res.status).toBe(201);
    return res.json.id;
  }

  return {
    user,
    call,
    expectProblem,
    denied,
    community,
    privateRoom,
    logs,
    get pool() {
      return db.pool;
    },
    get app() {
      return app;
    },
    get deps() {
      return deps;
    },
    get databaseURL() {
      return db.url;
    },
    /** With `live`: the app's HTTP URL. */
    get httpURL() {
      return liveURL.replace(/^ws/, 'http').replace(/\/api\/live$/, '');
    },
    /** With `live`: the hub's WebSocket URL. */
    get liveURL() {
      return liveURL;
    },
  };
}
