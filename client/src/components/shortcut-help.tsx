import {Dialog} from './ui.tsx';
import {shortcutsMsg} from '../i18n/shortcuts.ts';

/** Ctrl/Cmd+/ or `?`: the keyboard shortcuts, listed. */
export function ShortcutHelp({onClose}: {onClose: () => void}) {
  return (
    <Dialog title={shortcutsMsg.title} open onClose={onClose}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcutsMsg.list.map(({keys, action}) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-surface-3 bg-surface-2 px-1.5 py-0.5 font-mono text-xs">
                {keys}
              </kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
