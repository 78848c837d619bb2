import type {Pool} from 'pg';
import {liveEffects} from './effects.ts';
import type {LivePublisher, LiveRecipe} from './types.ts';

/**
 * [LV1] Turns committed writes into live events, in commit order: each
 * write's rows are read at once (in parallel), and its events are published
 * only after the previous write's, so an edit never overtakes its message.
 */
export class Live {
  readonly publisher: LivePublisher;
  readonly #pool: Pool;
  readonly #log: (line: string) => void;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(pool: Pool, publisher: LivePublisher, log: (line: string) => void = () => {}) {
    this.#pool = pool;
    this.publisher = publisher;
    this.#log = log;
  }

  /** Call only once the transaction that recorded `recipes` has committed. */
  afterCommit(recipes: readonly LiveRecipe[]): void {
    for (const recipe of recipes) {
      const effects = liveEffects(this.#pool, recipe);
      this.#tail = Promise.all([this.#tail, effects])
        .then(([, {events, recheck}]) => {
          this.publisher.publish(events, recipe);
          if (recheck) this.publisher.recheck(affectedPeople(recipe));
        })
        .catch((err: unknown) => this.#log(`live: cannot publish ${recipe.name} (${String(err)})`));
    }
  }

  /** Resolves once everything handed over so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.#tail.then(() => {});
  }
}

/** Who a mutation that changes access names: the person it is about, else the one who made it. */
function affectedPeople(recipe: LiveRecipe): string[] {
  const about = (recipe.args as {userID?: unknown} | undefined)?.userID;
  const people = typeof about === 'string' ? [about] : [];
  if (recipe.userID) people.push(recipe.userID);
  return people;
}
