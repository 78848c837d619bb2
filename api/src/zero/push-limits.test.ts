import {afterEach, describe, expect, it, vi} from 'vitest';
import {restHarness, type Reply, type RestHarness} from '../../../test/rest-harness.ts';
import {results, zeroClient} from '../../../test/zero-push.ts';

// The production limits scaled by 0.1, so a budget runs out in a few requests:
// 12 writes a minute per person, 120 per address, 2 code guesses per 10
// minutes, 30 Zero queries and 30 pushes a minute per person.
const rateLimits = {multiplier: 0.1};

afterEach(() => {
  vi.useRealTimers();
});

const send = (roomID: string, content: string) => ({
  name: 'message.send',
  args: {id: crypto.randomUUID(), roomID, content},
});

/** Polls the database until `done` (no timers: tests here fake them). */
async function until(done: () => Promise<boolean>) {
  for (let i = 0; i < 1000; i++) {
    if (await done()) return;
    await new Promise(resolve => setImmediate(resolve));
  }
  throw new Error('gave up waiting');
}

/** Moves the faked clock on, a minute at a time, until `pending` settles. */
async function afterTheWindow<T>(pending: Promise<T>): Promise<T> {
  let settled = false;
  const done = pending.finally(() => (settled = true));
  for (let i = 0; i < 5 && !settled; i++) {
    await vi.advanceTimersByTimeAsync(61_000);
    await new Promise(resolve => setImmediate(resolve));
  }
  return done;
}

function expect429(res: Reply) {
  expect(res.status, JSON.stringify(res.json)).toBe(429);
  expect(res.type).toContain('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** A server made over REST by a new owner (one write), with its access code and general room. */
async function serverOf(h: RestHarness) {
  const owner = await h.user();
  const created = await h.call(owner, 'POST', '/servers', {name: 'Acme'});
  expect(created.status).toBe(201);
  const {rows} = await h.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
    created.json.id,
  ]);
  return {
    owner,
    id: created.json.id as string,
    accessCode: created.json.accessCode as string,
    roomID: rows[0]!.id,
  };
}

/** A new member, joined through a push (one write, one code guess, counted per person only). */
async function memberOf(h: RestHarness, server: {accessCode: string}) {
  const member = await h.user();
  const [joined] = results(
    await zeroClient(h, member).push([{name: 'server.join', args: {accessCode: server.accessCode}}]),
  );
  expect(joined?.result).toEqual({});
  return member;
}

// Each describe has its own app and database: REST requests of app.request all
// come from one (unknown) address, whose budgets one describe may use up.

describe('[RL1] [SV10] guesses over REST use up the join limit for pushes', () => {
  const h = restHarness({rateLimits, zero: true});

  it('[RL1] after REST join attempts use up the limit, server.join in a push fails with LIMIT_REACHED, even with the right code; the rest of the push runs', async () => {
    const server = await serverOf(h);
    const guesser = await h.user();
    for (let i = 0; i < 2; i++) {
      expect((await h.call(guesser, 'POST', '/servers/join', {accessCode: 'ZZZZZ'})).status).toBe(404);
    }
    expect429(await h.call(guesser, 'POST', '/servers/join', {accessCode: 'ZZZZZ'}));

    const client = zeroClient(h, guesser);
    const reply = await client.push([
      {name: 'server.join', args: {accessCode: server.accessCode}},
      {
        name: 'server.create',
        args: {id: crypto.randomUUID(), generalRoomID: crypto.randomUUID(), name: 'Mine'},
      },
    ]);
    const [join, create] = results(reply);
    expect(join?.result).toMatchObject({
      error: 'app',
      message: expect.stringMatching(/^Too many access code attempts\. Try again in \d+ minutes?\.$/),
      details: {code: 'LIMIT_REACHED', field: 'accessCode'},
    });
    expect(create?.result).toEqual({});
    const joined = await h.pool.query('SELECT 1 FROM user_servers WHERE user_id = $1 AND server_id = $2', [
      guesser.userID,
      server.id,
    ]);
    expect(joined.rowCount).toBe(0);
    // The refused guess is answered for good, not left to be pushed again.
    expect(await client.lastMutationID()).toBe(2);
  });
});

describe('[RL1] [SV10] guesses pushed through Zero use up the join limit for REST', () => {
  const h = restHarness({rateLimits, zero: true});

  it('[RL1] after two wrong codes in a push, REST join answers 429 to that person, even with the right code', async () => {
    const server = await serverOf(h);
    // Someone else at the same address joins over REST: the address has one attempt of two left.
    expect(
      (await h.call(await h.user(), 'POST', '/servers/join', {accessCode: server.accessCode})).status,
    ).toBe(200);
    const guesser = await h.user();
    const reply = await zeroClient(h, guesser).push([
      {name: 'server.join', args: {accessCode: 'ZZZZZ'}},
      {name: 'server.join', args: {accessCode: 'YYYYY'}},
    ]);
    expect(results(reply).map(m => m.result.details)).toEqual([
      {code: 'NOT_FOUND', field: 'accessCode'},
      {code: 'NOT_FOUND', field: 'accessCode'},
    ]);
    expect429(await h.call(guesser, 'POST', `/servers/${server.id}/join`, {accessCode: server.accessCode}));
    const joined = await h.pool.query('SELECT 1 FROM user_servers WHERE user_id = $1', [guesser.userID]);
    expect(joined.rowCount).toBe(0);
  });
});

describe('[RL1] one write budget per person, for REST writes and pushed mutations alike', () => {
  const h = restHarness({rateLimits, zero: true});

  it('[RL1] REST posts and pushed sends spend the same budget; over it, a push runs what fits and the rest when the window ends, answering 200 for all', async () => {
    vi.useFakeTimers({toFake: ['Date', 'setTimeout', 'clearTimeout'], now: Date.now()});
    const server = await serverOf(h);
    const member = await memberOf(h, server);
    // Joining took one write of twelve; six REST posts take six more.
    for (let i = 0; i < 6; i++) {
      const res = await h.call(member, 'POST', '/messages', {roomId: server.roomID, content: `rest ${i}`});
      expect(res.status).toBe(201);
    }
    const client = zeroClient(h, member);
    const pushing = client.push(Array.from({length: 10}, (_, i) => send(server.roomID, `zero ${i}`)));
    // The first five fit and run at once; the other five wait, neither run nor refused.
    await until(async () => (await client.lastMutationID()) === 5);
    expect(await client.storedResults()).toEqual(new Map());
    expect429(await h.call(member, 'POST', '/messages', {roomId: server.roomID, content: 'one more'}));

    const reply = await afterTheWindow(pushing);
    expect(results(reply).map(m => [m.id.id, m.result])).toEqual(
      Array.from({length: 10}, (_, i) => [i + 1, {}]),
    );
    expect(await client.lastMutationID()).toBe(10);
    const {rows} = await h.pool.query<{n: number}>(
      'SELECT count(*)::int AS n FROM messages WHERE user_id = $1 AND room_id = $2',
      [member.userID, server.roomID],
    );
    expect(rows[0]?.n).toBe(16);
  });

  it('[RL1] a person’s pushes wait a few at a time; past that, a push over budget is answered 429 and runs nothing', async () => {
    vi.useFakeTimers({toFake: ['Date', 'setTimeout', 'clearTimeout'], now: Date.now()});
    const server = await serverOf(h);
    const member = await memberOf(h, server);
    for (let i = 0; i < 11; i++) {
      await h.call(member, 'POST', '/messages', {roomId: server.roomID, content: `m${i}`});
    }
    // One client group per browser or device: four of them push while the budget is spent.
    const waiting = Array.from({length: 4}, () => zeroClient(h, member));
    const pushes = waiting.map(client => client.push([send(server.roomID, 'waiting')]));
    // Each has claimed its client group, the last step before it finds the budget spent and waits.
    await until(async () => {
      const {rowCount} = await h.pool.query(
        'SELECT 1 FROM client_group_owners WHERE client_group_id = ANY($1)',
        [waiting.map(client => client.clientGroupID)],
      );
      return rowCount === 4;
    });
    await new Promise(resolve => setImmediate(resolve));
    const fifth = zeroClient(h, member);
    expect429(await fifth.push([send(server.roomID, 'refused')]));
    expect(await fifth.lastMutationID()).toBe(0);

    for (const reply of await afterTheWindow(Promise.all(pushes))) expect(results(reply)).toHaveLength(1);
    for (const client of waiting) expect(await client.lastMutationID()).toBe(1);
  });

  it('[RL1] every REST write counts, whatever the resource, even one the route refuses', async () => {
    const server = await serverOf(h);
    // Creating the server took one write.
    for (let i = 0; i < 11; i++) {
      expect((await h.call(server.owner, 'PATCH', `/rooms/${server.roomID}`, {name: ''})).status).toBe(400);
    }
    expect429(await h.call(server.owner, 'PATCH', `/servers/${server.id}`, {name: 'Renamed'}));
    // Reading is not writing.
    expect((await h.call(server.owner, 'GET', `/servers/${server.id}`)).status).toBe(200);
  });
});

describe('[RL1] one write budget per address', () => {
  const h = restHarness({rateLimits, zero: true});

  it('[RL1] REST writes from one address share its budget whoever signs them; pushes, which come from zero-cache, do not spend it', async () => {
    // Every request of app.request comes from the same (unknown) address.
    const people = await Promise.all(Array.from({length: 11}, () => h.user()));
    for (const who of people.slice(0, 10)) {
      for (let i = 0; i < 12; i++) expect((await h.call(who, 'POST', '/messages', {})).status).toBe(400);
    }
    const last = people[10]!;
    expect429(await h.call(last, 'POST', '/messages', {}));
    const id = crypto.randomUUID();
    const reply = await zeroClient(h, last).push([
      {name: 'server.create', args: {id, generalRoomID: crypto.randomUUID(), name: 'Still mine'}},
    ]);
    expect(results(reply)[0]?.result).toEqual({});
  });
});

describe('[RL2] the Zero endpoints are limited per person', () => {
  const h = restHarness({rateLimits, zero: true});

  const query = (token: string) =>
    h.app.request('/api/zero/query?schema=chorus_0&appID=chorus', {
      method: 'POST',
      headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
      body: JSON.stringify(['transform', [{id: 'q1', name: 'myServers', args: []}]]),
    });

  it('[RL2] /api/zero/query answers 429 after 30 requests a minute from one person, and serves another', async () => {
    const [ann, bob] = [await h.user(), await h.user()];
    for (let i = 0; i < 30; i++) {
      const res = await query(ann.token);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({kind: 'QueryResponse'});
    }
    const refused = await query(ann.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await query(bob.token)).status).toBe(200);
  });

  it('[RL2] /api/zero/mutate answers 429 after 30 pushes a minute from one person, even empty ones', async () => {
    const [ann, bob] = [await h.user(), await h.user()];
    const client = zeroClient(h, ann);
    for (let i = 0; i < 30; i++) results(await client.push([]));
    expect429(await client.push([]));
    results(await zeroClient(h, bob).push([]));
  });
});
