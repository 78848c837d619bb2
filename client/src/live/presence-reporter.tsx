import {presenceChannel, queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useMemo} from 'react';
import {useActivityStatus} from './use-activity-status.ts';
import {useLiveClient} from './live-provider.tsx';

/**
 * Shows me as present, online or idle, on each of my servers' presence
 * channels while I am signed in. Closing the page ends the connection, and
 * the hub (or Ably) tells the others I left.
 */
export function PresenceReporter() {
  const live = useLiveClient();
  const status = useActivityStatus();
  const [servers] = useQuery(queries.myServers());
  const channels = useMemo(
    () =>
      servers
        .map(s => presenceChannel(s.id))
        .sort()
        .join(' '),
    [servers],
  );
  useEffect(() => {
    if (!live || !channels) return;
    const list = channels.split(' ');
    for (const channel of list) live.enterPresence(channel, status);
  }, [live, channels, status]);
  useEffect(() => {
    if (!live || !channels) return;
    const list = channels.split(' ');
    return () => {
      for (const channel of list) live.leavePresence(channel);
    };
  }, [live, channels]);
  return null;
}
