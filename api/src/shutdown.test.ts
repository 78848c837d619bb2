import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {startAPIProcess, tokenFor} from '../../test/api-process.ts';
import {insertUser} from '../../test/fixtures.ts';
import {restHarness} from '../../test/rest-harness.ts';

// [OP9] SIGTERM during a burst of posts: the API stops taking new requests,
// finishes those in flight, and exits within 10 s; every post it
// acknowledged is in Postgres.

const h = restHarness();

describe('[OP9] graceful shutdown', () => {
  it('keeps every acknowledged post and exits within 10 s of SIGTERM', async () => {
    const api = await startAPIProcess(h.databaseURL);
    const base = `${api.url}/api/v1`;
    const who = await insertUser(h.pool);
    const token = await tokenFor(h.pool, who.userID);
    const headers = {authorization: `Bearer ${token}`, 'content-type': 'application/json'};
    const created = await fetch(`${base}/servers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({name: 'Burst'}),
    });
    expect(created.status).toBe(201);
    const {rows} = await h.pool.query<{id: string}>('SELECT id FROM rooms WHERE server_id = $1', [
      ((await created.json()) as {id: string}).id,
    ]);
    const roomId = rows[0]!.id;

    const acknowledged: string[] = [];
    let refused = 0;
    let stopping = false;
    const post = async () => {
      const id = randomUUID();
      try {
        const res = await fetch(`${base}/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({id, roomId, content: `burst ${id}`}),
        });
        if (res.status === 201 || res.status === 200) acknowledged.push(id);
        else refused++;
        await res.body?.cancel();
      } catch {
        refused++;
      }
    };
    // Eight posters until the API is gone; SIGTERM once some posts are in.
    const posters = Array.from({length: 8}, async () => {
      for (let i = 0; i < 400 && !(stopping && refused > 20); i++) await post();
    });
    while (acknowledged.length < 40) await new Promise(r => setTimeout(r, 10));
    const termAt = Date.now();
    api.child.kill('SIGTERM');
    stopping = true;
    const code = await api.exited;
    const tookMs = Date.now() - termAt;
    await Promise.all(posters);

    await api.stop();
    expect(code, api.output()).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    const stored = await h.pool.query<{id: string}>('SELECT id FROM messages WHERE id = ANY($1::uuid[])', [
      acknowledged,
    ]);
    expect(stored.rowCount).toBe(acknowledged.length);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
