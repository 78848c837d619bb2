import {randomUUID} from 'node:crypto';
import {replyOf, type RestHarness, type Reply, type Who} from './rest-harness.ts';
import {ZERO_SHARD} from './zero-shard.ts';

export type Call = {name: string; args: unknown};

/**
 * One Zero client (a client group with one client) pushing to the app's
 * `/api/zero/mutate` the way zero-cache forwards a client's pushes: the body
 * is zero-protocol's push (version 1), the client's token is the bearer.
 * Like the real client, it numbers mutations after the last one the server
 * took, so a push the server left unprocessed is numbered the same again.
 */
export function zeroClient(h: RestHarness, who: Who, ids: {clientGroupID?: string; clientID?: string} = {}) {
  const clientGroupID = ids.clientGroupID ?? randomUUID();
  const clientID = ids.clientID ?? randomUUID();

  /** The client's last mutation id as Zero recorded it (0 before its first). */
  async function lastMutationID(): Promise<number> {
    const {rows} = await h.pool.query<{lmid: string}>(
      `SELECT "lastMutationID" AS lmid FROM ${ZERO_SHARD}.clients WHERE "clientGroupID" = $1 AND "clientID" = $2`,
      [clientGroupID, clientID],
    );
    return Number(rows[0]?.lmid ?? 0);
  }

  /** Pushes `calls` as mutations numbered from the next the server expects; `as` sends another person's token. */
  async function push(calls: Call[], options: {as?: Who; firstID?: number} = {}): Promise<Reply> {
    const first = options.firstID ?? (await lastMutationID()) + 1;
    const now = Date.now();
    const body = {
      clientGroupID,
      pushVersion: 1,
      schemaVersion: 1,
      timestamp: now,
      requestID: randomUUID(),
      mutations: calls.map((call, i) => ({
        type: 'custom',
        id: first + i,
        clientID,
        name: call.name,
        args: [call.args],
        timestamp: now,
      })),
    };
    return send(options.as ?? who, body);
  }

  async function send(as: Who, body: unknown): Promise<Reply> {
    const res = await h.app.request(`/api/zero/mutate?schema=${ZERO_SHARD}&appID=chorus`, {
      method: 'POST',
      headers: {authorization: `Bearer ${as.token}`, 'content-type': 'application/json'},
      body: JSON.stringify(body),
    });
    return replyOf(res);
  }

  /** The results Zero stored for this client's failed mutations, by mutation id. */
  async function storedResults(): Promise<Map<number, unknown>> {
    const {rows} = await h.pool.query<{id: string; result: unknown}>(
      `SELECT "mutationID" AS id, result FROM ${ZERO_SHARD}.mutations WHERE "clientGroupID" = $1 AND "clientID" = $2`,
      [clientGroupID, clientID],
    );
    return new Map(rows.map(r => [Number(r.id), r.result]));
  }

  return {clientGroupID, clientID, push, send, lastMutationID, storedResults};
}

/** The mutation results of a 200 answer: `{id, result}` per mutation the server ran. */
export function results(
  reply: Reply,
): {id: {id: number; clientID: string}; result: Record<string, unknown>}[] {
  if (reply.status !== 200 || reply.json?.kind !== 'MutateResponse') {
    throw new Error(`expected a MutateResponse, got ${reply.status} ${JSON.stringify(reply.json)}`);
  }
  return reply.json.mutations;
}
