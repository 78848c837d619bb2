import {randomUUID} from 'node:crypto';
import net from 'node:net';
import {readFile} from 'node:fs/promises';
import {getPriority, networkInterfaces} from 'node:os';
import {mutators, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {afterAll, describe, expect, it} from 'vitest';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {insertUser} from '../fixtures.ts';
import {stackSuite} from '../suite.ts';
import {zeroCacheTree} from '../zero-cache-process.ts';

// zero-cache as `npm start` runs it, attacked from outside the API: its
// inspector, its admin endpoints and its port. The `/zero` proxy has its own
// test (it forwards no inspect message); these prove the layer behind it.

const suite = stackSuite({serveClient: false}, {freshStackOnRetry: false});
const clients: Zero<typeof schema>[] = [];
afterAll(async () => {
  await Promise.all(clients.map(z => z.close()));
});

/** A signed-in stranger, unverified, connected straight to zero-cache. */
async function stranger() {
  const u = await insertUser(suite.stack.deps.pool);
  const token = await signAccessToken(suite.stack.deps.auth, {
    userID: u.userID,
    sessionID: randomUUID(),
    emailVerified: false,
  });
  const zero = new Zero({
    schema,
    mutators,
    userID: u.userID,
    auth: token,
    context: {userID: u.userID, emailVerified: false} as AuthContext | undefined,
    cacheURL: suite.stack.zeroCacheURL!,
    kvStore: 'mem',
  });
  clients.push(zero);
  return zero;
}

describe('zero-cache behind the API', () => {
  it('[Z3] the inspector refuses an empty or wrong admin password', async () => {
    const zero = await stranger();
    // Development mode took an empty password; Chorus never runs zero-cache in it.
    expect(await zero.inspector.authenticate('')).toBe(false);
    expect(await zero.inspector.authenticate('guess')).toBe(false);
  });

  it('[Z3] /statz and /heapz need the admin password', async () => {
    for (const path of ['/statz', '/heapz']) {
      const anonymous = await fetch(`${suite.stack.zeroCacheURL}${path}`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${suite.stack.zeroCacheURL}${path}`, {
        headers: {authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}`},
      });
      expect(wrong.status).toBe(401);
    }
  });

  it('[Z3] listens on loopback only', async () => {
    const port = Number(new URL(suite.stack.zeroCacheURL!).port);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find(a => a && !a.internal && a.family === 'IPv4')?.address;
    // Some sandboxes have no interface but loopback: then nothing outside can reach it anyway.
    if (!outside) return;
    for (const p of [port, port + 1]) {
      const error = await new Promise<string>(resolve => {
        const socket = net.connect(p, outside, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', err => resolve((err as NodeJS.ErrnoException).code ?? err.message));
      });
      expect(error, `port ${p} on ${outside}`).toBe('ECONNREFUSED');
    }
    expect((await fetch(`${suite.stack.zeroCacheURL}/keepalive`)).ok).toBe(true);
  });

  it('[OP14] zero-cache and every worker it forked yield the CPU to the API (niceness 10 by default)', async () => {
    const tree = await zeroCacheTree(suite.stack.env.CHORUS_DATA_DIR);
    // The main process, its change streamer and at least one sync worker.
    expect(tree.length).toBeGreaterThan(2);
    const niceness = async (pid: number) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after "(comm)": state is field 3, nice field 19.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    for (const pid of tree) expect(await niceness(pid), `pid ${pid}`).toBe(10);
    expect(getPriority()).toBe(0);
  });
});
