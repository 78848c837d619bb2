import {useEffect, useRef, useState} from 'react';
import type {MessageRow} from './types.ts';
import {useUnreadStore} from '../stores/unread-store.ts';
import {msg} from '../i18n/index.ts';

const MAX_SPOKEN = 3;
const MAX_CHARS = 140;

/**
 * Short text for a polite live region about messages from others that
 * arrive in the open room: "ana: hello". Nothing for the history there when
 * the room opens (counted once the query is complete, so rows still coming
 * from the server are not news) and nothing for older history loaded on
 * scroll-back: only rows newer than everything already seen count.
 * Returns the text and a counter to key the region's content by, so the same
 * words said twice are announced twice.
 */
export function useArrivalAnnouncement(
  messages: readonly MessageRow[],
  complete: boolean,
  myID: string | undefined,
): {text: string; count: number} {
  const [said, setSaid] = useState({text: '', count: 0});
  const seen = useRef<{ids: Set<string>; newest: number}>(undefined);
  useEffect(() => {
    if (!complete) return;
    if (!seen.current) {
      seen.current = {ids: new Set(messages.map(m => m.id)), newest: messages.at(-1)?.createdAt ?? 0};
      return;
    }
    const {ids, newest} = seen.current;
    const arrived = messages.filter(m => !ids.has(m.id));
    for (const m of arrived) ids.add(m.id);
    seen.current.newest = Math.max(newest, messages.at(-1)?.createdAt ?? 0);
    const news = arrived.filter(m => m.createdAt >= newest && m.userID !== myID && !m.deletedAt);
    if (!news.length) return;
    const lines = news
      .slice(-MAX_SPOKEN)
      .map(m => msg.messages.arrivals.line(m.author?.username, plain(m.content)));
    if (news.length > MAX_SPOKEN) lines.unshift(msg.messages.arrivals.more(news.length));
    setSaid(s => ({text: lines.join('\n'), count: s.count + 1}));
  }, [messages, complete, myID]);
  return said;
}

/**
 * Tells the tab title and favicon about messages from others arriving in the
 * open room while the tab is hidden ("• Chorus"), until the tab is seen.
 */
export function useHiddenTabNews(arrivals: number) {
  const setNews = useUnreadStore(s => s.setOpenRoomNews);
  useEffect(() => {
    if (arrivals > 0 && document.visibilityState === 'hidden') setNews(true);
  }, [arrivals, setNews]);
  useEffect(() => {
    const seen = () => {
      if (document.visibilityState === 'visible') setNews(false);
    };
    document.addEventListener('visibilitychange', seen);
    return () => {
      document.removeEventListener('visibilitychange', seen);
      setNews(false);
    };
  }, [setNews]);
}

/** Markdown reduced to what is worth hearing, cut to a sentence's length. */
function plain(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ` ${msg.messages.arrivals.codeBlock} `)
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_~`>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
