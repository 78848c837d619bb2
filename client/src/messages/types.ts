import type {queries} from '@chorus/schema';
import type {Row} from '@rocicorp/zero';
import type {OutboxEntry} from '../outbox/types.ts';

/** A top-level message as the room query returns it (with its author, reactions and files). */
export type RoomMessageRow = Row<typeof queries.roomMessages>;
/** A thread as the thread query returns it: the parent with its replies. */
export type ThreadRow = NonNullable<Row<typeof queries.thread>>;
/** A reply as the thread query returns it (with its author and reactions). */
type ReplyRow = ThreadRow['replies'][number];

/**
 * A message as the list and the thread draw it: what both queries load (a
 * room's row or a thread's, as they are), with my unconfirmed writes on it
 * (see overlay.ts). Of the author and the reactions only what the screen
 * shows, so an optimistic row can be built from a write alone.
 */
export type MessageRow = Omit<ReplyRow, 'author' | 'reactions' | 'files'> & {
  readonly author?:
    | (Pick<NonNullable<ReplyRow['author']>, 'id' | 'username'> &
        Partial<Pick<NonNullable<ReplyRow['author']>, 'pictureUrl' | 'externalLink' | 'userType'>>)
    | undefined;
  readonly reactions: readonly Pick<ReplyRow['reactions'][number], 'id' | 'emoji' | 'userID'>[];
  /** Its attached files (FL3); none on a row made from an unconfirmed write. */
  readonly files?: readonly FileRow[] | undefined;
  /** My writes to this message the server has not confirmed yet (pending or failed), by seq. */
  readonly outbox?: readonly OutboxEntry[] | undefined;
};

/** A file attached to a message, as synced (FL3, FL5). */
export type FileRow = ReplyRow['files'][number];

/** Someone who can be @mentioned (and typing) in a place; `isAgent` shows the AI badge. */
export type Member = {userID: string; username: string; isAgent?: boolean};
