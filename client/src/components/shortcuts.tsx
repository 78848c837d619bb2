import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {lazy, Suspense, useEffect, useState} from 'react';
import {useMatch, useNavigate} from 'react-router';
import {whenIdle} from '../lib/when-idle.ts';

// Not part of a room's first paint, but warmed once it is idle: a Ctrl+K
// and the name typed right after it must not wait for the network.
const loadSwitcher = () => import('./quick-switcher.tsx');
const loadHelp = () => import('./shortcut-help.tsx');
const QuickSwitcher = lazy(async () => ({default: (await loadSwitcher()).QuickSwitcher}));
const ShortcutHelp = lazy(async () => ({default: (await loadHelp()).ShortcutHelp}));

const NO_SERVER = '00000000-0000-0000-0000-000000000000';

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** `?` asks for help unless it is being typed: in an empty composer it is not text yet. */
const typingText = (el: EventTarget | null) =>
  typing(el) && !(el instanceof HTMLElement && el.isContentEditable && el.textContent?.trim() === '');

type Open = {kind: 'switcher' | 'help'; id: number};
let opened = 0;

/** App-wide keyboard shortcuts, the quick switcher and the shortcut help. */
export function Shortcuts() {
  // Each opening has its own id. A dialog's `close` event arrives a task after
  // Esc: keyed by id, a late close from the previous switcher cannot shut the
  // one a quick Ctrl+K just opened (Ctrl+K → Esc → Ctrl+K used to open nothing).
  const [open, setOpen] = useState<Open>();
  const show = (kind: Open['kind']) => setOpen({kind, id: ++opened});
  const closeIfCurrent = (id: number) => setOpen(o => (o?.id === id ? undefined : o));
  // The shell sits above the server routes, so read the ids from the URL.
  const serverId = useMatch('/servers/:serverId/*')?.params.serverId;
  const roomId = useMatch('/servers/:serverId/rooms/:roomId')?.params.roomId;
  // Query args are validated even when disabled: a placeholder id stands in outside a server.
  const [rooms] = useQuery(queries.serverRooms({serverID: serverId ?? NO_SERVER}), {
    enabled: Boolean(serverId),
  });
  const navigate = useNavigate();

  useEffect(
    () =>
      whenIdle(() => {
        void loadSwitcher();
        void loadHelp();
      }),
    [],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        show('switcher');
      } else if ((e.ctrlKey || e.metaKey) && e.key === '/') {
        // Slack's: from anywhere, even while typing.
        e.preventDefault();
        show('help');
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && serverId && rooms.length) {
        e.preventDefault();
        const i = rooms.findIndex(r => r.id === roomId);
        const next =
          rooms[(i + (e.key === 'ArrowDown' ? 1 : rooms.length - 1) + rooms.length) % rooms.length];
        if (next) navigate(`/servers/${serverId}/rooms/${next.id}`);
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !typingText(e.target)) {
        e.preventDefault();
        show('help');
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rooms, roomId, serverId, navigate]);

  return (
    <Suspense fallback={null}>
      {open?.kind === 'switcher' ? (
        <QuickSwitcher key={open.id} open onClose={() => closeIfCurrent(open.id)} />
      ) : null}
      {open?.kind === 'help' ? <ShortcutHelp key={open.id} onClose={() => closeIfCurrent(open.id)} /> : null}
    </Suspense>
  );
}
