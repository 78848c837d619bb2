import {useDirectMessageNotifications} from '../hooks/use-direct-message-notifications.ts';

/** Mounted (lazily, by the app shell) only while desktop notifications are on. */
export default function DirectMessageNotifier() {
  useDirectMessageNotifications();
  return null;
}
