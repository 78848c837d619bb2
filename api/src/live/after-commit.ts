import {AsyncLocalStorage} from 'node:async_hooks';
import type {LiveRecipe} from './types.ts';

/**
 * [LV1] Live events are sent only after their write has committed, never for
 * one that rolled back. A server mutator that succeeds records a recipe in
 * the current write's list (`record`); the code that owns the transaction
 * (the Zero push handler, REST's `inTransaction`) runs the write inside
 * `collect` and hands the list on only once it knows the commit happened.
 */
const current = new AsyncLocalStorage<LiveRecipe[]>();

export function record(recipe: LiveRecipe): void {
  current.getStore()?.push(recipe);
}

/** Runs `fn` with a fresh list; what it recorded is returned beside its result, or lost if it throws. */
export async function collect<T>(fn: () => Promise<T>): Promise<{result: T; recipes: LiveRecipe[]}> {
  const recipes: LiveRecipe[] = [];
  const result = await current.run(recipes, fn);
  return {result, recipes};
}
