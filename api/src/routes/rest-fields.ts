import {ChorusError, isChorusError} from '@chorus/schema';

/**
 * Mutator errors name the mutator's argument (`userID`, `roomID`); a REST
 * caller sent `userId` or `roomId`. Renames the field so the problem points at
 * what the caller sent.
 */
export async function withRESTFieldNames<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isChorusError(err) && err.field !== undefined) {
      throw new ChorusError(err.code, err.message, err.field.replace(/ID\b/g, 'Id'));
    }
    throw err;
  }
}
