import {messageToText} from '@chorus/schema';
import {useEffect, useRef} from 'react';
import {notifyLevel, usePrefsStore} from '../stores/prefs-store.ts';
import type {UnreadMessage} from './use-unread.ts';
import {msg} from '../i18n/index.ts';

/**
 * Desktop notifications for messages that arrive while the tab is hidden,
 * honouring each server's and room's level (all / mentions / none).
 */
export function useNotifications(serverID: string, serverName: string, messages: readonly UnreadMessage[]) {
  const enabled = usePrefsStore(s => s.desktopNotifications);
  const notify = usePrefsStore(s => s.notify);
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    // What is unread when we start has been there a while: never notify for it.
    if (!seen.current) {
      seen.current = new Set(messages.map(m => m.id));
      return;
    }
    for (const m of messages) {
      if (seen.current.has(m.id)) continue;
      seen.current.add(m.id);
      if (!enabled || !document.hidden || typeof Notification === 'undefined') continue;
      if (Notification.permission !== 'granted') continue;
      const level = notifyLevel(notify, serverID, m.roomID);
      if (level === 'none' || (level === 'mentions' && !m.mentionsMe)) continue;
      // [MF1] The text without its Markdown, as the stored format's owner reads it.
      const n = new Notification(m.mentionsMe ? msg.notifications.mentioned(serverName) : serverName, {
        body: msg.notifications.body(m.authorName, messageToText(m.content).slice(0, 180)),
        tag: m.id,
      });
      n.onclick = () => {
        window.focus();
        window.location.assign(`/servers/${serverID}/rooms/${m.roomID}?message=${m.id}`);
      };
    }
  }, [messages, enabled, notify, serverID, serverName]);
}
