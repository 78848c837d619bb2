import {queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Link, useParams, useSearchParams} from 'react-router';
import {Drawer} from '../components/drawer.tsx';
import {MemberGroups, MemberPane} from '../components/member-pane.tsx';
import {RoomNotifyMenu} from '../components/room-notify-menu.tsx';
import {MessageList} from '../messages/message-list.tsx';
import {ThreadPanel} from '../messages/thread-panel.tsx';
import type {Member} from '../messages/types.ts';
import {EXTRA_WIDE, useMediaQuery} from '../hooks/use-media-query.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {useDrawerStore} from '../stores/drawer-store.ts';
import {useUnreadStore} from '../stores/unread-store.ts';
import {markRead as sendReadMark} from '../lib/read-marks.ts';
import {Icon, type IconName} from '../components/icons.tsx';
import {msg} from '../i18n/index.ts';

const Composer = lazy(() => import('../messages/composer.tsx'));
// Only owners and admins open it, and rarely: loaded on first use, then kept so it closes properly.
const RoomSettingsDialog = lazy(async () => ({
  default: (await import('../components/room-settings-dialog.tsx')).RoomSettingsDialog,
}));

// The composer (TipTap: the largest chunk) is fetched once the room has
// painted, so it never competes with the messages; after that it stays.
let composerRequested = false;
function useComposerWanted(): [boolean, () => void] {
  const [wanted, setWanted] = useState(composerRequested);
  const want = useCallback(() => {
    composerRequested = true;
    setWanted(true);
  }, []);
  useEffect(() => {
    if (wanted) return;
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(want, 100);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(want, {timeout: 500});
    return () => cancelIdleCallback(idle);
  }, [wanted, want]);
  return [wanted, want];
}

const READ_MARK_INTERVAL_MS = 3000;

/** `/servers/:serverId/rooms/:roomId` (`?thread=` opens a thread, `?message=` jumps to one). */
export function RoomPage() {
  const {roomId = '', serverId = ''} = useParams();
  const [search, setSearch] = useSearchParams();
  const zero = useZero();
  const user = useAuthStore(s => s.user);
  const [room, status] = useQuery(queries.room({roomID: roomId}));
  const [server] = useQuery(queries.server({serverID: serverId}));
  const [roomMembers] = useQuery(queries.roomMembers({roomID: roomId}));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsUsed, setSettingsUsed] = useState(false);
  const [editingID, setEditingID] = useState<string>();
  const myRole = server?.members.find(m => m.userID === user?.id)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';
  const me = useMemo(() => (user ? {id: user.id, username: user.username} : undefined), [user]);
  const threadID = search.get('thread') ?? undefined;
  const focusID = search.get('message') ?? undefined;
  const drawer = useDrawerStore(s => s.open);
  const showDrawer = useDrawerStore(s => s.show);
  const closeDrawer = useDrawerStore(s => s.close);
  const memberPaneFits = useMediaQuery(EXTRA_WIDE);
  // Choosing a room (from the drawer, the quick switcher or Alt+↓) or leaving closes a drawer.
  useEffect(() => closeDrawer, [roomId, closeDrawer]);

  const names = useMemo(
    () => new Map((server?.members ?? []).map(m => [m.userID, m.user?.username ?? msg.common.unknownUser])),
    [server?.members],
  );
  const members = useMemo<Member[]>(() => {
    const all = (server?.members ?? []).map(m => ({userID: m.userID, username: m.user?.username ?? ''}));
    if (!room?.isPrivate) return all;
    const inRoom = new Set(roomMembers.map(m => m.userID));
    return all.filter(m => inRoom.has(m.userID));
  }, [server?.members, room?.isPrivate, roomMembers]);

  // My read mark as it was when the room opened, before this visit moves it.
  // The room row can reach the replica before my read state does, and Zero can
  // call a query complete a moment before its rows land: so take the state as
  // soon as it is here, or a beat after "complete" (or after 2 s, offline).
  const [myState, myStateStatus] = useQuery(queries.myRoomState({roomID: roomId}));
  const [settled, setSettled] = useState(false);
  const complete = myStateStatus.type === 'complete';
  useEffect(() => {
    setSettled(false);
    const timer = setTimeout(() => setSettled(true), complete ? 300 : 2000);
    return () => clearTimeout(timer);
  }, [roomId, complete]);
  const opened = useRef<{roomID: string; readAt: number | undefined}>(undefined);
  const readState = myState;
  // A mark this device sent may not have reached the synced row yet (marks are published in batches).
  const localMark = useUnreadStore(s => s.readMarks[roomId]);
  const noteRead = useUnreadStore(s => s.noteRead);
  if (room && opened.current?.roomID !== room.id && (readState || settled)) {
    const synced = readState?.lastReadAt ?? undefined;
    opened.current = {roomID: room.id, readAt: localMark && localMark > (synced ?? 0) ? localMark : synced};
  }
  const openedKnown = opened.current?.roomID === room?.id;

  // At most one read mark every few seconds (and a last one on leaving): in a
  // busy room, a write per incoming message from every reader costs the server
  // a sync per reader per reader (the bench measured 283 ms → 3.2 s at 100 readers).
  const pendingRead = useRef<{readAt: number; timer?: ReturnType<typeof setTimeout>; lastSent: number}>({
    readAt: 0,
    lastSent: 0,
  });
  const flushRead = useCallback(() => {
    const p = pendingRead.current;
    clearTimeout(p.timer);
    p.timer = undefined;
    if (!p.readAt) return;
    // Through the API, not a Zero mutation: each Zero push is a change that
    // zero-cache advances every connected client through (bench: a room of
    // 100 readers kept a core busy). This device shows its mark at once.
    noteRead(roomId, p.readAt);
    sendReadMark(roomId, p.readAt);
    p.readAt = 0;
    p.lastSent = Date.now();
  }, [roomId, noteRead]);
  const markRead = useCallback(
    (readAt: number) => {
      if (!openedKnown || document.visibilityState !== 'visible') return;
      const p = pendingRead.current;
      p.readAt = Math.max(p.readAt, readAt);
      const wait = READ_MARK_INTERVAL_MS - (Date.now() - p.lastSent);
      if (wait <= 0) flushRead();
      else p.timer ??= setTimeout(flushRead, wait);
    },
    [openedKnown, flushRead],
  );
  useEffect(() => flushRead, [flushRead]);
  const roomID = room?.id;
  useEffect(() => {
    if (roomID) markRead(Date.now());
  }, [roomID, markRead]);

  const openThread = useCallback(
    (id: string) => setSearch(p => new URLSearchParams({...Object.fromEntries(p), thread: id})),
    [setSearch],
  );
  const closeThread = useCallback(
    () =>
      setSearch(p => {
        const next = new URLSearchParams(p);
        next.delete('thread');
        return next;
      }),
    [setSearch],
  );

  const composerBox = useRef<HTMLDivElement>(null);
  const [composerWanted, wantComposer] = useComposerWanted();
  const focusComposer = useCallback(
    () => composerBox.current?.querySelector<HTMLElement>('[contenteditable="true"]')?.focus(),
    [],
  );

  const editLast = useCallback(async () => {
    if (!user) return;
    const rows = await zero.run(queries.roomMessages({roomID: roomId, limit: 50}));
    const last = rows.find(m => m.userID === user.id && !m.deletedAt);
    if (last) setEditingID(last.id);
  }, [zero, roomId, user]);

  if (!room) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? msg.rooms.page.unavailable : msg.rooms.page.loading}
      </p>
    );
  }
  return (
    <div className="flex min-h-0 flex-1">
      <main className="flex min-h-0 min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-surface-3 px-4 py-3">
          <DrawerButton
            label={msg.rooms.page.navigation}
            icon="menu"
            open={drawer === 'nav'}
            className="-ml-1 md:hidden"
            onClick={() => showDrawer('nav')}
          />
          <h1 className="flex-1 truncate font-semibold">
            <span aria-hidden className="text-ink-muted">
              <Icon name={room.isPrivate ? 'lock' : 'hash'} size={16} className="mr-1 inline align-[-2px]" />
            </span>
            {room.name}
          </h1>
          <RoomNotifyMenu serverID={serverId} roomID={room.id} />
          <Link
            to={`/servers/${serverId}/search`}
            aria-label={msg.rooms.page.search}
            title={msg.rooms.page.search}
            className="rounded p-1 text-ink-muted hover:bg-surface-3"
          >
            <Icon name="search" />
          </Link>
          {!memberPaneFits ? (
            <DrawerButton
              label={msg.rooms.page.members}
              icon="users"
              open={drawer === 'members'}
              onClick={() => showDrawer('members')}
            />
          ) : null}
          {canManage ? (
            <button
              aria-label={msg.rooms.page.settings}
              title={msg.rooms.page.settings}
              className="rounded p-1 text-ink-muted hover:bg-surface-3"
              onClick={() => {
                setSettingsUsed(true);
                setSettingsOpen(true);
              }}
            >
              <Icon name="settings" />
            </button>
          ) : null}
        </header>
        {!openedKnown ? (
          <div className="flex-1" role="status" aria-label={msg.rooms.page.loadingMessages} />
        ) : (
          <MessageList
            key={room.id}
            roomID={room.id}
            me={me}
            canModerate={canManage}
            names={names}
            openedReadAt={opened.current?.readAt}
            focusMessageID={focusID}
            onOpenThread={openThread}
            onSeen={markRead}
            editingID={editingID}
            onEditingChange={setEditingID}
            onEscape={focusComposer}
          />
        )}
        <div ref={composerBox}>
          {composerWanted ? (
            <Suspense fallback={<div className="h-16 border-t border-surface-3" />}>
              <Composer
                key={room.id}
                roomID={room.id}
                label={msg.rooms.page.composer(room.name)}
                members={members}
                onEditLast={editLast}
              />
            </Suspense>
          ) : (
            <div className="h-16 border-t border-surface-3" onPointerDown={wantComposer} />
          )}
        </div>
      </main>
      {!memberPaneFits ? (
        <Drawer label={msg.members.pane.label} side="right" open={drawer === 'members'} onClose={closeDrawer}>
          <div className="w-64 p-3">
            <MemberGroups members={server?.members ?? []} />
          </div>
        </Drawer>
      ) : threadID ? null : (
        <MemberPane members={server?.members ?? []} />
      )}
      {threadID ? (
        <ThreadPanel
          key={threadID}
          messageID={threadID}
          roomID={room.id}
          me={me}
          canModerate={canManage}
          names={names}
          members={members}
          onClose={closeThread}
        />
      ) : null}
      {canManage && settingsUsed ? (
        <Suspense fallback={null}>
          <RoomSettingsDialog room={room} open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** A header button that opens one of the room's drawers (phones, narrow windows). */
function DrawerButton({
  label,
  icon,
  open,
  className = '',
  onClick,
}: {
  label: string;
  icon: IconName;
  open: boolean;
  className?: string;
  onClick: () => void;
}) {
  return (
    <button
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      aria-expanded={open}
      className={`rounded p-1 text-ink-muted hover:bg-surface-3 ${className}`}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
  );
}
