import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useRef} from 'react';
import {msg} from '../i18n/index.ts';
import {useAuthStore} from '../stores/auth-store.ts';

/**
 * [F2][F3] Desktop notifications, while the tab is hidden, when someone asks
 * me to be friends and when someone accepts my request: the Zero rows that
 * bring the badge bring these too. Requests from people I blocked never
 * reach my replica [F5]. The caller mounts it only while notifications are on.
 */
export function useFriendNotifications() {
  const me = useAuthStore(s => s.user?.id);
  const [rows, status] = useQuery(queries.myFriendships());
  const seen = useRef<Map<string, string> | undefined>(undefined);
  useEffect(() => {
    if (!me || (status.type !== 'complete' && rows.length === 0)) return;
    // What is there when we start is not news.
    if (!seen.current) {
      seen.current = new Map(rows.map(r => [r.id, r.status]));
      return;
    }
    for (const r of rows) {
      const before = seen.current.get(r.id);
      seen.current.set(r.id, r.status);
      if (before === r.status) continue;
      const incoming = r.status === 'pending' && r.friendID === me && before === undefined;
      // A request accepted at once may reach this replica as accepted, never having been seen pending.
      const accepted = r.status === 'accepted' && r.userID === me && before !== 'accepted';
      if (!incoming && !accepted) continue;
      if (!document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted')
        continue;
      const name = (incoming ? r.requester?.username : r.addressee?.username) ?? msg.common.unknownUser;
      const n = new Notification(
        incoming ? msg.notifications.friendRequest(name) : msg.notifications.friendAccepted(name),
        {
          body: incoming ? msg.notifications.friendsBody : msg.notifications.friendAcceptedBody,
          tag: `friend:${r.id}:${r.status}`,
        },
      );
      n.onclick = () => {
        window.focus();
        window.location.assign('/friends');
      };
    }
  }, [rows, status.type, me]);
}
