import {randomUUID} from 'node:crypto';
import {mutators, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {signAccessToken} from '@chorus/api/auth/tokens';
import {insertUser} from './fixtures.ts';
import type {TestStack} from './stack.ts';

export type ZeroPerson = Awaited<ReturnType<typeof zeroPerson>>;

/**
 * A new verified person with a REST caller (setup calls must succeed: they
 * throw on any error) and a headless Zero client in Node with an in-memory
 * store, connected to the stack's real zero-cache. `clients` collects the
 * clients so the file can close them before the stack stops.
 */
export async function zeroPerson(stack: TestStack, clients: {close(): Promise<void>}[]) {
  const u = await insertUser(stack.deps.pool);
  const token = await signAccessToken(stack.deps.auth, {
    userID: u.userID,
    sessionID: randomUUID(),
    emailVerified: true,
  });
  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.url}/api/v1${path}`, {
      method,
      headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // Setup calls are expected to succeed: fail here, not in a confusing poll later.
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (text ? JSON.parse(text) : undefined) as any;
  };
  const zero = new Zero({
    schema,
    mutators,
    userID: u.userID,
    auth: token,
    context: {userID: u.userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL: stack.zeroCacheURL!,
    kvStore: 'mem',
  });
  clients.push(zero);
  return {...u, token, rest, zero};
}
