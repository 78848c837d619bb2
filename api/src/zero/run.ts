import type {AuthContext, Schema} from '@chorus/schema';
import type {Transaction} from '@rocicorp/zero';
import type {Deps} from '../deps.ts';
import {collect} from '../live/after-commit.ts';

/**
 * Runs server mutators for a REST route inside one Postgres transaction, the
 * same way the Zero push endpoint does: REST and Zero share every rule, and
 * the live events of what committed.
 */
export async function inTransaction<T>(deps: Deps, fn: (tx: Transaction<Schema>) => Promise<T>): Promise<T> {
  // [LV1] Live events only once the transaction has committed.
  const {result, recipes} = await collect(() => deps.zqlDb.transaction(tx => fn(tx)));
  deps.live?.afterCommit(recipes);
  return result;
}

type RunnableMutator<A> = {
  fn: (options: {tx: Transaction<Schema>; ctx: AuthContext; args: A}) => Promise<void>;
};

/** One server mutator in its own transaction, validated by the mutator's own argument schema. */
export function runMutator<A>(
  deps: Deps,
  mutator: RunnableMutator<A>,
  ctx: AuthContext,
  args: A,
): Promise<void> {
  return inTransaction(deps, tx => mutator.fn({tx, ctx, args}));
}
