import type {OutboxEntry} from '../outbox/types.ts';

/** A message row as the room and thread queries return it (with my unconfirmed writes on it, see overlay.ts). */
export type MessageRow = {
  readonly id: string;
  readonly roomID: string | null;
  readonly userID: string | null;
  readonly content: string;
  readonly parentMessageID: string | null;
  readonly replyCount: number;
  readonly lastReplyAt: number | null;
  readonly createdAt: number;
  readonly editedAt: number | null;
  readonly deletedAt: number | null;
  readonly author?: {readonly id: string; readonly username: string} | undefined;
  readonly reactions: readonly {readonly id: string; readonly emoji: string; readonly userID: string}[];
  /** My writes to this message the server has not confirmed yet (pending or failed), by seq. */
  readonly outbox?: readonly OutboxEntry[] | undefined;
};

export type Member = {userID: string; username: string};
