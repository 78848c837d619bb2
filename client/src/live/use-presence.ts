import type {PresenceStatus} from '@chorus/schema';
import {useEffect, useState} from 'react';
import {useLiveClient} from './live-provider.tsx';

const nobody: ReadonlyMap<string, PresenceStatus> = new Map();

/** Who is present on a presence channel, by user id; someone absent is offline. */
export function usePresence(channel: string | undefined): ReadonlyMap<string, PresenceStatus> {
  const live = useLiveClient();
  const [members, setMembers] = useState(nobody);
  useEffect(() => {
    if (!live || !channel) return;
    const off = live.onPresence(channel, list => setMembers(new Map(list.map(m => [m.userID, m.status]))));
    return () => {
      off();
      setMembers(nobody);
    };
  }, [live, channel]);
  return members;
}
