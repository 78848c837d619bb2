import {
  ApplicationError,
  isApplicationError,
  type Database,
  type MutateResponse,
  type TransactionProviderHooks,
} from '@rocicorp/zero/server';

type MutationResult = Parameters<TransactionProviderHooks['writeMutationResult']>[0];
type Log = (line: string) => void;

/** What a person is told when a change failed on our side; the details go to the log. */
export const WRITE_FAILED =
  'Something went wrong on our side saving this change. Try again; if it keeps happening, tell us.';
const PUSH_FAILED = 'Something went wrong on our side. Your changes are kept and will be sent again.';

/**
 * [E1] Zero passes a mutator's error message to the client as it is, and
 * stores it in its `mutations` table, from where zero-cache syncs it to the
 * client too: a Postgres error would show the database's own words (table,
 * constraint, the offending value). Only errors written for people pass:
 * application errors (`ChorusError`) and the argument validation of
 * `defineMutator`, whose messages come from our zod schemas. Anything else is
 * logged and becomes {@link WRITE_FAILED}.
 */
export function publicError(err: unknown, log: Log, what: string): Error {
  if (isApplicationError(err) || (err instanceof Error && err.name === 'InputValidationError')) return err;
  log(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return new ApplicationError(WRITE_FAILED);
}

/**
 * The messages a push may show, by mutation: `vet` records an error that
 * went through {@link publicError}; any other application error reaching a
 * result (Zero wraps its own failures, such as a database error while it
 * advances the last mutation id) is replaced.
 */
export class VettedErrors {
  readonly #messages = new Map<string, string>();
  readonly #log: Log;

  constructor(log: Log) {
    this.#log = log;
  }

  vet<E extends Error>(mutation: {clientID: string; id: number}, err: E): E {
    this.#messages.set(`${mutation.clientID}/${mutation.id}`, err.message);
    return err;
  }

  /** A mutation result with an unvetted message replaced (and logged, when `log`). */
  result(result: MutationResult, log = false): MutationResult {
    const r = result.result;
    if (!('error' in r) || r.error !== 'app') return result;
    if (this.#messages.get(`${result.id.clientID}/${result.id.id}`) === r.message) return result;
    if (log)
      this.#log(`zero push: mutation ${result.id.clientID}/${result.id.id} failed: ${r.message ?? '?'}`);
    return {id: result.id, result: {error: 'app', message: WRITE_FAILED}};
  }

  /** The push's answer with every message the client would see vetted. */
  response(response: MutateResponse): MutateResponse {
    if (!('kind' in response)) return response;
    if (response.kind === 'MutateResponse') {
      return {...response, mutations: response.mutations.map(m => this.result(m, true))};
    }
    if (
      response.kind === 'PushFailed' &&
      (response.reason === 'database' || response.reason === 'internal')
    ) {
      this.#log(`zero push failed (${response.reason}): ${response.message}`);
      const {details: _, ...rest} = response;
      return {...rest, message: PUSH_FAILED};
    }
    return response;
  }

  /** `db`, storing only vetted results in Zero's `mutations` table. */
  database<T>(db: Database<T>): Database<T> {
    return {
      transaction: (callback, input) =>
        db.transaction(
          (tx, hooks) =>
            callback(tx, {
              ...hooks,
              writeMutationResult: result => hooks.writeMutationResult(this.result(result)),
            }),
          input,
        ),
    };
  }
}
