import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useMemo} from 'react';
import {useAuthStore} from '../stores/auth-store.ts';

export type Friend = {id: string; username: string; pictureUrl?: string | null | undefined};

/** [F1] My accepted friends, by name (the people a group conversation may hold, DM3). */
export function useFriends(): readonly Friend[] {
  const me = useAuthStore(s => s.user?.id);
  const [rows] = useQuery(queries.myFriendships());
  return useMemo(
    () =>
      rows
        .filter(r => r.status === 'accepted')
        .map(r => (r.userID === me ? r.addressee : r.requester))
        .filter((p): p is NonNullable<typeof p> => p !== undefined)
        .map(p => ({id: p.id, username: p.username, pictureUrl: p.pictureUrl}))
        .sort((a, b) => a.username.localeCompare(b.username)),
    [rows, me],
  );
}
