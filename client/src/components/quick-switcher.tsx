import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useMemo, useState} from 'react';
import {useNavigate} from 'react-router';
import {Dialog} from './ui.tsx';
import {msg} from '../i18n/index.ts';

type Item = {key: string; label: string; hint: string; to: string};

/** Ctrl/Cmd+K: jump to any server or room by typing part of its name. */
export function QuickSwitcher({open, onClose}: {open: boolean; onClose: () => void}) {
  const [servers] = useQuery(queries.myServers(), {enabled: open});
  const [rooms] = useQuery(queries.myRooms(), {enabled: open});
  const [text, setText] = useState('');
  const [selected, setSelected] = useState(0);
  const navigate = useNavigate();

  const items = useMemo<Item[]>(() => {
    const q = text.trim().toLowerCase();
    const all: Item[] = [
      ...rooms.map(r => ({
        key: r.id,
        label: `#${r.name}`,
        hint: r.server?.name ?? '',
        to: `/servers/${r.serverID}/rooms/${r.id}`,
      })),
      ...servers.map(s => ({key: s.id, label: s.name, hint: msg.switcher.server, to: `/servers/${s.id}`})),
    ];
    const matches = q ? all.filter(i => `${i.label} ${i.hint}`.toLowerCase().includes(q)) : all;
    return matches.slice(0, 20);
  }, [rooms, servers, text]);

  function go(item: Item | undefined) {
    if (!item) return;
    onClose();
    navigate(item.to);
  }

  return (
    <Dialog title={msg.switcher.title} open={open} onClose={onClose}>
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-results"
        aria-activedescendant={items[selected] ? `switcher-${items[selected].key}` : undefined}
        aria-label={msg.switcher.input}
        placeholder={msg.switcher.placeholder}
        value={text}
        onChange={e => {
          setText(e.target.value);
          setSelected(0);
        }}
        onKeyDown={e => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setSelected(i => Math.min(items.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setSelected(i => Math.max(0, i - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(items[selected]);
          }
        }}
        className="rounded-lg border border-surface-3 bg-surface-2 px-3 py-2"
      />
      <ul
        id="switcher-results"
        role="listbox"
        aria-label={msg.switcher.results}
        className="max-h-72 overflow-y-auto"
      >
        {items.length === 0 ? (
          <li className="px-3 py-2 text-sm text-ink-muted">{msg.switcher.empty}</li>
        ) : null}
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`switcher-${item.key}`}
            role="option"
            aria-selected={i === selected}
            onMouseDown={e => {
              e.preventDefault();
              go(item);
            }}
            className={`flex cursor-pointer justify-between rounded px-3 py-1.5 ${i === selected ? 'bg-brand text-white dark:text-[#111]' : ''}`}
          >
            <span>{item.label}</span>
            <span className="text-xs opacity-75">{item.hint}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
