import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {insertUser} from '../../test/fixtures.ts';
import {testAuthConfig} from '../../test/auth-config.ts';
import {freePort, freePortPair} from '../../test/ports.ts';
import {restHarness} from '../../test/rest-harness.ts';
import {signAccessToken} from './auth/tokens.ts';

// [OP9] SIGTERM during a burst of posts: the API stops taking new requests,
// finishes those in flight, and exits within 10 s; every post it
// acknowledged is in Postgres.

const h = restHarness();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, {recursive: true, force: true});
});

describe('[OP9] graceful shutdown', () => {
  it('keeps every acknowledged post and exits within 10 s of SIGTERM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chorus-shutdown-'));
    dirs.push(dir);
    const secret = 'x'.repeat(48);
    const port = await freePort();
    const api = spawn(process.execPath, [fileURLToPath(new URL('./main.ts', import.meta.url))], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: h.databaseURL,
        CHORUS_DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        JWT_SECRET: secret,
        SES_LOCAL_PORT: String(await freePort()),
        S3_LOCAL_PORT: String(await freePort()),
        ZERO_PORT: String(await freePortPair()),
        RATE_LIMIT_MULTIPLIER: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    api.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    api.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>(resolve => api.once('exit', code => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!output.join('').includes('Chorus API listening')) {
      if (Date.now() > deadline) throw new Error(`the API did not start:\n${output.join('')}`);
      await new Promise(r => setTimeout(r, 100));
    }

    const base = `http://127.0.0.1:${port}/api/v1`;
    const who = await insertUser(h.pool);
    const token = await signAccessToken(testAuthConfig({jwtSecret: new TextEncoder().encode(secret)}), {
      userID: who.userID,
      sessionID: randomUUID(),
      emailVerified: true,
    });
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
    api.kill('SIGTERM');
    stopping = true;
    const code = await exited;
    const tookMs = Date.now() - termAt;
    await Promise.all(posters);

    expect(code, output.join('')).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    const stored = await h.pool.query<{id: string}>('SELECT id FROM messages WHERE id = ANY($1::uuid[])', [
      acknowledged,
    ]);
    expect(stored.rowCount).toBe(acknowledged.length);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
