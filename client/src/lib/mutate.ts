import type {MutatorResult} from '@rocicorp/zero';

/** The local (optimistic) result: fails fast on rules the client can check itself. */
export async function clientResult(result: MutatorResult): Promise<void> {
  const outcome = await result.client;
  if (outcome.type === 'error') throw new Error(outcome.error.message);
}
