import {useState} from 'react';
import {useUpdateStore} from '../stores/update-store.ts';
import {Button} from './ui.tsx';
import {msg} from '../i18n/index.ts';

/**
 * [PWA1] A quiet "Update ready — Reload" when a new version is waiting. It
 * never reloads by itself: the person chooses when, so nothing they are
 * typing is lost. The service worker code loads only when they choose.
 */
export function UpdatePrompt() {
  const needed = useUpdateStore(s => s.needed);
  const [reloading, setReloading] = useState(false);
  if (!needed) return null;
  const reload = async () => {
    setReloading(true);
    const {applyUpdate} = await import('../lib/service-worker.ts');
    await applyUpdate();
  };
  return (
    <div
      role="status"
      className="fixed top-2 left-1/2 z-50 flex -translate-x-1/2 items-center gap-3 rounded-lg bg-surface-3 py-1.5 pr-1.5 pl-4 text-sm text-ink shadow-lg"
    >
      <span>{msg.update.ready}</span>
      <Button disabled={reloading} onClick={() => void reload()}>
        {reloading ? msg.update.reloading : msg.update.reload}
      </Button>
    </div>
  );
}
