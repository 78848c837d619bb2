import {useDirectMessageNotifications} from '../hooks/use-direct-message-notifications.ts';
import {useFriendNotifications} from '../hooks/use-friend-notifications.ts';

/** Mounted (lazily, by the app shell) only while desktop notifications are on: direct messages and friend requests. */
export default function DirectMessageNotifier() {
  useDirectMessageNotifications();
  useFriendNotifications();
  return null;
}
