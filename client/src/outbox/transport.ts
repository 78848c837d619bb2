import {mutators, type LiveMessage} from '@chorus/schema';
import type {MutatorResultDetails, Zero} from '@rocicorp/zero';
import * as z from 'zod/mini';
import {ApiError} from '../lib/api.ts';
import {authedApi} from '../stores/auth-store.ts';
import type {Failure} from './machine.ts';
import type {Transport} from './outbox.ts';
import type {OutboxEntry} from './types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyZero = Zero<any, any, any>;

/** The Zero mutator call an entry stands for. */
function mutationOf(entry: OutboxEntry) {
  switch (entry.kind) {
    case 'message.send':
    case 'dm.send':
      // [OB5] Sends go through REST (machine.ts laneOf).
      throw new Error('sends go through REST');
    case 'message.edit':
      return mutators.message.edit(entry.args);
    case 'message.delete':
      return mutators.message.delete(entry.args);
    case 'reaction.add':
      return mutators.reaction.add(entry.args);
    case 'reaction.remove':
      return mutators.reaction.remove(entry.args);
    case 'read.mark':
    case 'dm.read':
      // [RS1][DM5] Read marks are never a Zero push: the outbox sends them through REST.
      throw new Error('read marks go through REST');
  }
}

/** Zero's answer as the outbox reads it: its own errors mean "not reached"; an app error carries our code. */
export function failureOfResult(result: MutatorResultDetails): Failure | undefined {
  if (result.type === 'success') return undefined;
  if (result.error.type === 'zero') return {type: 'offline', message: result.error.message};
  const details = result.error.details as {code?: unknown} | undefined;
  const code = typeof details?.code === 'string' ? details.code : undefined;
  return {type: 'server', code, message: result.error.message};
}

/** A REST failure as the outbox reads it (status 0: the network failed). */
export function failureOfError(err: unknown): Failure {
  if (err instanceof ApiError && err.status !== 0) {
    return {type: 'server', status: err.status, message: err.message};
  }
  return {type: 'offline', message: err instanceof Error ? err.message : String(err)};
}

const ACCEPTING = new Set(['connected', 'connecting', 'needs-auth']);
const V1 = '/api/v1';

/** What the transport reads of `POST /api/v1/messages`'s answer (api/src/routes/serialize.ts). */
const sentSchema = z.object({
  createdAt: z.string(),
  author: z.nullable(
    z.object({
      id: z.string(),
      username: z.string(),
      pictureUrl: z.optional(z.nullable(z.string())),
      userType: z.string(),
    }),
  ),
});

/**
 * A confirmed send as the fast lane holds it (live-message-store.ts): from
 * the server's answer until the replica has the row, so the message does not
 * blink out between the outbox letting go of it and Zero bringing it.
 */
export function confirmedSend(entry: OutboxEntry, answer: unknown): LiveMessage | undefined {
  if (entry.kind !== 'message.send' && entry.kind !== 'dm.send') return undefined;
  const sent = sentSchema.safeParse(answer);
  if (!sent.success) return undefined;
  const createdAt = Date.parse(sent.data.createdAt);
  if (Number.isNaN(createdAt)) return undefined;
  return {
    id: entry.args.id,
    roomID: entry.kind === 'message.send' ? entry.args.roomID : null,
    conversationID: entry.kind === 'dm.send' ? entry.args.conversationID : null,
    userID: entry.userID,
    content: entry.args.content,
    parentMessageID: entry.args.parentMessageID ?? null,
    replyCount: 0,
    createdAt,
    author: sent.data.author,
  };
}

/**
 * [OB5] REST for sends and read marks ([RS1]: a read mark is not a Zero push
 * each), Zero for edits, deletes and reactions. `onSent` hears each send the
 * server confirmed, with the message as it stored it.
 */
export function zeroTransport(zero: AnyZero, onSent?: (message: LiveMessage) => void): Transport {
  return {
    zeroAccepts: () => ACCEPTING.has(zero.connection.state.current.name),
    zeroConnected: () => zero.connection.state.current.name === 'connected',
    zero: async entry => failureOfResult(await zero.mutate(mutationOf(entry)).server),
    rest: async entry => {
      const path = entry.rest.path.startsWith(V1) ? entry.rest.path.slice(V1.length) : entry.rest.path;
      try {
        const answer = await authedApi(path, z.unknown(), {method: entry.rest.method, body: entry.rest.body});
        const sent = onSent && confirmedSend(entry, answer);
        if (sent) onSent(sent);
        return undefined;
      } catch (err) {
        return failureOfError(err);
      }
    },
  };
}
