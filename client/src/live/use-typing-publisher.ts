import type {ClientEventName} from '@chorus/schema';
import {useEffect, useRef, useState} from 'react';
import type {LiveClient} from './live-client.ts';
import {useLiveClient} from './live-provider.tsx';
import {TypingSender} from './typing.ts';

type Target = {
  live: LiveClient | undefined;
  channel: string | undefined;
  parentMessageID: string | undefined;
};

function tell({live, channel, parentMessageID}: Target, what: 'start' | 'stop' | undefined) {
  if (!what || !live || !channel) return;
  const name: ClientEventName = what === 'start' ? 'typing.start' : 'typing.stop';
  live.publish(channel, name, {parentMessageID: parentMessageID ?? null});
}

/**
 * The composer's side of [LV7]: `typed` after every change of the text
 * (a start at most every TYPING_REPEAT_MS, a stop once it is empty, which
 * includes sending), and a stop when the composer leaves the place. The
 * returned object is the same on every render.
 */
export function useTypingPublisher(channel: string | undefined, parentMessageID: string | undefined) {
  const live = useLiveClient();
  const target = useRef<Target>({live, channel, parentMessageID});
  const [sender] = useState(() => new TypingSender());
  const [publisher] = useState(() => ({
    typed: (hasText: boolean) => tell(target.current, sender.typed(hasText, Date.now())),
  }));
  // Leaving the place (another room, another thread, or away): whoever saw me typing there stops seeing it.
  useEffect(() => {
    const here = {live, channel, parentMessageID};
    target.current = here;
    return () => tell(here, sender.stopped());
  }, [live, channel, parentMessageID, sender]);
  return publisher;
}
