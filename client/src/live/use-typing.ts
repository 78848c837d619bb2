import {typingSchema, type LiveEvent} from '@chorus/schema';
import {useEffect, useState} from 'react';
import {activeTypists, applyTyping, type Typists} from './typing.ts';
import {useLiveChannel} from './use-live-channel.ts';

const nobody: Typists = new Map();
const userOf = (data: unknown) => {
  const parsed = typingSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
};

/**
 * [LV7] Who is typing on a channel, in one thread (or at the top level when
 * `parentMessageID` is undefined), me excepted, in the order they started.
 * Each expires by itself, and goes at once on their stop or their message.
 */
export function useTyping(
  channel: string | undefined,
  parentMessageID: string | undefined,
  me: string | undefined,
): string[] {
  const [typists, setTypists] = useState(nobody);
  const [now, setNow] = useState(Date.now);
  useEffect(() => setTypists(nobody), [channel, parentMessageID]);
  useLiveChannel(channel, (event: LiveEvent) => {
    const kind =
      event.name === 'typing.start'
        ? 'start'
        : event.name === 'typing.stop'
          ? 'stop'
          : event.name === 'message.created'
            ? 'sent'
            : undefined;
    if (!kind) return;
    const who = userOf(event.data);
    if (!who || who.userID === me || (who.parentMessageID ?? undefined) !== parentMessageID) return;
    const at = Date.now();
    setNow(at);
    setTypists(t => applyTyping(t, {kind, userID: who.userID}, at));
  });
  const {userIDs, nextExpiry} = activeTypists(typists, now);
  // Re-render when the next indicator runs out, so it goes without a new event.
  useEffect(() => {
    if (nextExpiry === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextExpiry - Date.now()));
    return () => clearTimeout(timer);
  }, [nextExpiry]);
  return userIDs;
}
