import {liveMessageSchema, type LiveEvent} from '@chorus/schema';
import {useConnectionState} from '@rocicorp/zero/react';
import {useEffect, useMemo} from 'react';
import type {Place} from '../messages/place.ts';
import type {MessageRow} from '../messages/types.ts';
import {useLiveMessageStore} from './live-message-store.ts';
import {liveOverlay, settledIDs} from './live-overlay.ts';
import {usePlaceChannel} from './use-place-channel.ts';
import {useLiveChannel} from './use-live-channel.ts';

const MESSAGE_EVENTS: ReadonlySet<LiveEvent['name']> = new Set([
  'message.created',
  'message.updated',
  'message.deleted',
]);

/**
 * A place's messages (its top level, or one thread's replies) with the fast
 * lane over them (issue 17): while the place is open its channel's message
 * events show at once, and each gives way to the replica's row as soon as
 * Zero has it (see live-overlay.ts). `rows` are the replica's, oldest first.
 */
export function useFastLane(
  rows: readonly MessageRow[],
  place: Place,
  parentMessageID: string | null = null,
): readonly MessageRow[] {
  const channel = usePlaceChannel(place);
  const put = useLiveMessageStore(s => s.put);
  const drop = useLiveMessageStore(s => s.drop);
  const entries = useLiveMessageStore(s => s.entries);
  const setZeroConnected = useLiveMessageStore(s => s.setZeroConnected);
  const zeroConnected = useConnectionState().name === 'connected';
  useEffect(() => setZeroConnected(zeroConnected), [zeroConnected, setZeroConnected]);
  useLiveChannel(channel, event => {
    if (!MESSAGE_EVENTS.has(event.name)) return;
    const parsed = liveMessageSchema.safeParse(event.data);
    if (parsed.success) put(parsed.data);
  });
  const where = useMemo(() => ({...place, parentMessageID}), [place, parentMessageID]);
  const merged = useMemo(
    () => liveOverlay(rows, entries.values(), where, Date.now()),
    [rows, entries, where],
  );
  useEffect(() => {
    const settled = settledIDs(rows, entries.values());
    if (settled.length) drop(settled);
  }, [rows, entries, drop]);
  return merged;
}
