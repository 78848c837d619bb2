import type {Schema} from '@chorus/schema';
import type {Transaction} from '@rocicorp/zero';

/**
 * Row locks the shared message mutators need on the server. Zero runs each
 * push in a READ COMMITTED transaction and writes inserts as
 * `ON CONFLICT (id) DO NOTHING`, so a mutator's read-then-write checks race
 * with a concurrent transaction unless the rows they depend on are locked
 * first. Once a lock is granted, every later statement reads a fresh snapshot.
 */

/**
 * [MS3][MS4] Serialises sends of one message id, so a second sender sees the
 * first one's row (a retry is a no-op, someone else's id a CONFLICT) instead
 * of an insert that silently does nothing; and locks a reply's parent, so
 * concurrent replies each count.
 */
export async function lockForSend(tx: Transaction<Schema>, id: string, parentID: string | undefined) {
  if (tx.location !== 'server') return;
  await tx.dbTransaction.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`message:${id}`]);
  if (parentID !== undefined) await lockMessage(tx, parentID);
}

/**
 * [ME1][ME2][RE1] Locks a message against a concurrent edit, delete or
 * reaction: otherwise an edit can refill a message just deleted, a reaction
 * can land on one, and two equal reactions both pass the once-per-emoji check.
 */
export async function lockMessage(tx: Transaction<Schema>, id: string) {
  if (tx.location !== 'server') return;
  await tx.dbTransaction.query('SELECT 1 FROM messages WHERE id = $1 FOR NO KEY UPDATE', [id]);
}
