import {useToastStore} from '../stores/toast-store.ts';
import {Icon} from './icons.tsx';
import {msg} from '../i18n/index.ts';

export function Toasts() {
  const toasts = useToastStore(s => s.toasts);
  const dismiss = useToastStore(s => s.dismiss);
  return (
    <div
      aria-live="assertive"
      className="pointer-events-none fixed right-4 bottom-12 z-50 flex flex-col gap-2"
    >
      {toasts.map(t => (
        <div
          key={t.id}
          role={t.tone === 'error' ? 'alert' : 'status'}
          className={`pointer-events-auto flex max-w-sm items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ${
            t.tone === 'error' ? 'bg-danger text-white dark:text-[#111]' : 'bg-surface-3 text-ink'
          }`}
        >
          <span className="flex-1">{t.message}</span>
          <button aria-label={msg.common.dismiss} onClick={() => dismiss(t.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
