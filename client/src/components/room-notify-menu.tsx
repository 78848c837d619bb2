import {useEffect, useId, useRef, useState, type KeyboardEvent} from 'react';
import {NOTIFY_LEVELS} from '../settings/notify-levels.ts';
import {notifyLevel, usePrefsStore, type NotifyLevel} from '../stores/prefs-store.ts';
import {Icon, type IconName} from './icons.tsx';
import {msg} from '../i18n/index.ts';

const ICONS: Record<NotifyLevel, IconName> = {all: 'bell', mentions: 'at', none: 'bellOff'};
const labelOf = (level: NotifyLevel) => msg.settings.notifications.levels[level];

/**
 * The bell in the room header: this room's notification level (all, only
 * mentions, nothing, or the server's), as a menu button with radio items
 * (↑/↓ to move, Enter or Space to choose, Esc to close).
 */
export function RoomNotifyMenu({serverID, roomID}: {serverID: string; roomID: string}) {
  const notify = usePrefsStore(s => s.notify);
  const setNotify = usePrefsStore(s => s.setNotify);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuID = useId();
  const level = notifyLevel(notify, serverID, roomID);
  const own = notify[roomID];
  const serverLevel = notify[serverID] ?? 'mentions';
  const choices: {value: NotifyLevel | undefined; label: string}[] = [
    ...NOTIFY_LEVELS,
    {value: undefined, label: msg.rooms.notify.serverDefault(labelOf(serverLevel))},
  ];

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (value: NotifyLevel | undefined) => {
    setNotify(roomID, value);
    close();
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to = {ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1}[e.key];
    if (to !== undefined) {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      // Close the menu only, not the thread or a drawer around it.
      e.stopPropagation();
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <button
        ref={button}
        aria-label={msg.rooms.notify.button(labelOf(level), !own)}
        title={msg.rooms.notify.title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuID : undefined}
        className="rounded p-1 text-ink-muted hover:bg-surface-3"
        onClick={() => setOpen(o => !o)}
        onKeyDown={e => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name={ICONS[level]} />
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuID}
          role="menu"
          aria-label={msg.rooms.notify.menu}
          onKeyDown={onMenuKey}
          className="absolute top-full right-0 z-30 mt-1 flex w-64 flex-col rounded-lg border border-surface-3 bg-surface p-1 text-sm shadow-lg"
        >
          {choices.map(c => (
            <button
              key={c.value ?? 'default'}
              role="menuitemradio"
              aria-checked={own === c.value}
              tabIndex={-1}
              onClick={() => choose(c.value)}
              className="flex items-center gap-2 rounded px-2 py-1.5 text-left hover:bg-surface-2 focus:bg-surface-2"
            >
              <span aria-hidden className="w-4 text-brand">
                {own === c.value ? '✓' : ''}
              </span>
              {c.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
