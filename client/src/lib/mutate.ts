import type {MutatorResult} from '@rocicorp/zero';

/**
 * Waits for the server's verdict on a mutation and turns a rejection into an
 * Error carrying the server's message (written for the user).
 */
export async function serverResult(result: MutatorResult): Promise<void> {
  const outcome = await result.server;
  if (outcome.type === 'error') throw new Error(outcome.error.message);
}

/** The local (optimistic) result: fails fast on rules the client can check itself. */
export async function clientResult(result: MutatorResult): Promise<void> {
  const outcome = await result.client;
  if (outcome.type === 'error') throw new Error(outcome.error.message);
}
