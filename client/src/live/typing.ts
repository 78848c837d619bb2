import {TYPING_TTL_MS, TYPING_REPEAT_MS} from '@chorus/schema';

/** Who is typing in one place (a room, a conversation or a thread): each person's indicator expires at a time. */
export type Typists = ReadonlyMap<string, number>;

/** What changes who is typing: their start (or its repeat), their stop, or their message arriving. */
export type TypingSignal = {kind: 'start' | 'stop' | 'sent'; userID: string};

/**
 * [LV7] One signal applied: a start (or its repeat) shows the person until
 * `TYPING_TTL_MS` from now; a stop or their message clears them at once.
 * Unchanged state is returned as it is.
 */
export function applyTyping(typists: Typists, signal: TypingSignal, now: number): Typists {
  if (signal.kind === 'start') return new Map(typists).set(signal.userID, now + TYPING_TTL_MS);
  if (!typists.has(signal.userID)) return typists;
  const next = new Map(typists);
  next.delete(signal.userID);
  return next;
}

/** Who is typing now, in the order they started, and when the next of them expires. */
export function activeTypists(
  typists: Typists,
  now: number,
): {userIDs: string[]; nextExpiry: number | undefined} {
  const userIDs: string[] = [];
  let nextExpiry: number | undefined;
  for (const [userID, until] of typists) {
    if (until <= now) continue;
    userIDs.push(userID);
    nextExpiry = Math.min(nextExpiry ?? until, until);
  }
  return {userIDs, nextExpiry};
}

/**
 * The sender's side: when typing should be told. A start at most every
 * `TYPING_REPEAT_MS` while text is there (receivers keep the indicator for
 * `TYPING_TTL_MS`, longer than the gap), a stop once the text is gone.
 */
export class TypingSender {
  #lastStart: number | undefined;

  /** The text changed: what to publish, if anything. */
  typed(hasText: boolean, now: number): 'start' | 'stop' | undefined {
    if (!hasText) return this.stopped();
    if (this.#lastStart !== undefined && now - this.#lastStart < TYPING_REPEAT_MS) return undefined;
    this.#lastStart = now;
    return 'start';
  }

  /** Sent, cleared or left: a stop if a start went out. */
  stopped(): 'stop' | undefined {
    if (this.#lastStart === undefined) return undefined;
    this.#lastStart = undefined;
    return 'stop';
  }
}
