import {messageToText, queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useRef} from 'react';
import {useAuthStore} from '../stores/auth-store.ts';
import {conversationTitle} from '../lib/conversations.ts';
import {msg} from '../i18n/index.ts';

/**
 * [DM5] Desktop notifications for new direct messages from others while the
 * tab is hidden, as `useNotifications` does for mentions in rooms. Never for
 * someone I blocked [F5] (a group conversation still carries their
 * messages). The caller mounts it only while notifications are on.
 */
export function useDirectMessageNotifications() {
  const me = useAuthStore(s => s.user?.id);
  const [conversations, status] = useQuery(queries.latestDirectMessages());
  const [blocks] = useQuery(queries.myBlocks());
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    if (status.type !== 'complete' && conversations.length === 0) return;
    const latest = conversations.flatMap(c => (c.lastMessage ? [{c, m: c.lastMessage}] : []));
    // What is there when we start has been there a while: never notify for it.
    if (!seen.current) {
      seen.current = new Set(latest.map(({m}) => m.id));
      return;
    }
    const blocked = new Set(blocks.map(b => b.blockedID));
    for (const {c, m} of latest) {
      if (seen.current.has(m.id)) continue;
      seen.current.add(m.id);
      if (m.userID === me || m.deletedAt || (m.userID && blocked.has(m.userID))) continue;
      if (!document.hidden || typeof Notification === 'undefined') continue;
      if (Notification.permission !== 'granted') continue;
      const author = m.author?.username;
      const title = c.isGroup
        ? msg.notifications.groupMessage(conversationTitle(c, me))
        : msg.notifications.directMessage(author ?? msg.common.unknownUser);
      // [MF1] The text without its Markdown, as the stored format's owner reads it.
      const n = new Notification(title, {
        body: c.isGroup
          ? msg.notifications.body(author, messageToText(m.content).slice(0, 180))
          : messageToText(m.content).slice(0, 180),
        tag: m.id,
      });
      n.onclick = () => {
        window.focus();
        window.location.assign(`/dm/${c.id}?message=${m.id}`);
      };
    }
  }, [conversations, status.type, blocks, me]);
}
