import {useEffect} from 'react';
import {useUnreadStore} from '../stores/unread-store.ts';
import {msg} from '../i18n/index.ts';

/**
 * Unread mentions in the tab title, "(3) Chorus", or "• Chorus" when there is
 * only news (in other rooms, or in the open one while the tab was hidden);
 * and a dot on the favicon (red for mentions).
 */
export function useDocumentBadge() {
  const byServer = useUnreadStore(s => s.byServer);
  const openRoomNews = useUnreadStore(s => s.openRoomNews);
  let total = openRoomNews ? 1 : 0;
  let mentions = 0;
  for (const v of Object.values(byServer)) {
    total += v.rooms;
    mentions += v.mentions;
  }
  useEffect(() => {
    document.title = msg.app.documentTitle(mentions, total > 0);
    void drawFavicon(total + mentions, mentions > 0);
    return () => {
      document.title = msg.app.documentTitle(0, false);
    };
  }, [total, mentions]);
}

async function drawFavicon(total: number, mention: boolean) {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  if (!total) {
    link.href = '/favicon.svg';
    return;
  }
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = new Image();
  img.src = '/favicon.svg';
  await img.decode().catch(() => {});
  ctx.drawImage(img, 0, 0, size, size);
  ctx.fillStyle = mention ? '#dc2626' : '#f59e0b';
  ctx.beginPath();
  ctx.arc(size - 16, 16, 16, 0, Math.PI * 2);
  ctx.fill();
  link.href = canvas.toDataURL('image/png');
}
