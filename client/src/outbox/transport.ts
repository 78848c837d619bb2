import {mutators} from '@chorus/schema';
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
      return mutators.message.send(entry.args);
    case 'dm.send':
      return mutators.conversation.send(entry.args);
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

/** Zero for messages and reactions, REST for read marks ([RS1]: not a Zero push each). */
export function zeroTransport(zero: AnyZero): Transport {
  return {
    zeroAccepts: () => ACCEPTING.has(zero.connection.state.current.name),
    zero: async entry => failureOfResult(await zero.mutate(mutationOf(entry)).server),
    rest: async entry => {
      const path = entry.rest.path.startsWith(V1) ? entry.rest.path.slice(V1.length) : entry.rest.path;
      try {
        await authedApi(path, z.unknown(), {method: entry.rest.method, body: entry.rest.body});
        return undefined;
      } catch (err) {
        return failureOfError(err);
      }
    },
  };
}
