import type {queries} from '@chorus/schema';
import type {Row} from '@rocicorp/zero';
import {lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentProps} from 'react';
import {Link} from 'react-router';
import {Drawer} from '../components/drawer.tsx';
import {MemberGroups, MemberPane} from '../components/member-pane.tsx';
import {RoomNotifyMenu} from '../components/room-notify-menu.tsx';
import {Icon, type IconName} from '../components/icons.tsx';
import {KnownNames} from '../messages/known-names.tsx';
import {MessageList} from '../messages/message-list.tsx';
import type {Place} from '../messages/place.ts';
import {ThreadPanel} from '../messages/thread-panel.tsx';
import type {Member} from '../messages/types.ts';
import {useComposerWanted} from '../hooks/use-composer-wanted.ts';
import {EXTRA_WIDE, useMediaQuery} from '../hooks/use-media-query.ts';
import type {ReadMark} from '../hooks/use-read-mark.ts';
import {useDrawerStore} from '../stores/drawer-store.ts';
import {msg} from '../i18n/index.ts';
import {DropArea} from '../files/drop-area.tsx';

const Composer = lazy(() => import('../messages/composer.tsx'));
// Only owners and admins open it, and rarely: loaded on first use, then kept so it closes properly.
const RoomSettingsDialog = lazy(async () => ({
  default: (await import('../components/room-settings-dialog.tsx')).RoomSettingsDialog,
}));

/** What the room page hands its layout: the room's data and what changes it. */
export type RoomLayoutProps = {
  room: NonNullable<Row<typeof queries.room>>;
  serverID: string;
  serverMembers: ComponentProps<typeof MemberPane>['members'];
  /** Who may be mentioned here (a private room's members). */
  members: readonly Member[];
  names: ReadonlyMap<string, string>;
  me: {id: string; username: string} | undefined;
  canManage: boolean;
  readMark: ReadMark;
  threadID: string | undefined;
  focusMessageID: string | undefined;
  onOpenThread: (messageID: string) => void;
  onCloseThread: () => void;
  /** My latest message here, for ↑ in an empty composer. */
  findLastOwnMessage: () => Promise<string | undefined>;
};

/** A room: header, messages, composer, and the member and thread panes beside them. */
export function RoomLayout(props: RoomLayoutProps) {
  // [MF1] Messages here draw `@name` as a mention only for someone who may be mentioned here.
  return (
    <KnownNames members={props.members}>
      <RoomLayoutBody {...props} />
    </KnownNames>
  );
}

function RoomLayoutBody(props: RoomLayoutProps) {
  const {room, serverID, serverMembers, members, names, me, canManage, readMark, threadID} = props;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsUsed, setSettingsUsed] = useState(false);
  const [editingID, setEditingID] = useState<string>();
  const drawer = useDrawerStore(s => s.open);
  const showDrawer = useDrawerStore(s => s.show);
  const closeDrawer = useDrawerStore(s => s.close);
  const memberPaneFits = useMediaQuery(EXTRA_WIDE);
  // Choosing a room (from the drawer, the quick switcher or Alt+↓) or leaving closes a drawer.
  useEffect(() => closeDrawer, [room.id, closeDrawer]);

  const composerBox = useRef<HTMLDivElement>(null);
  const [composerWanted, wantComposer] = useComposerWanted();
  const place = useMemo<Place>(() => ({roomID: room.id}), [room.id]);
  const focusComposer = useCallback(
    () => composerBox.current?.querySelector<HTMLElement>('[contenteditable="true"]')?.focus(),
    [],
  );
  const {findLastOwnMessage} = props;
  const editLast = useCallback(async () => {
    const id = await findLastOwnMessage();
    if (id) setEditingID(id);
  }, [findLastOwnMessage]);

  return (
    <div className="flex min-h-0 flex-1">
      <DropArea
        as="main"
        trayKey={room.id}
        place={place}
        onDropped={wantComposer}
        className="flex min-h-0 min-w-0 flex-1 flex-col"
      >
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
          <RoomNotifyMenu serverID={serverID} roomID={room.id} />
          <Link
            to={`/servers/${serverID}/search`}
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
        {!readMark.opened ? (
          <div className="flex-1" role="status" aria-label={msg.rooms.page.loadingMessages} />
        ) : (
          <MessageList
            key={room.id}
            place={place}
            me={me}
            canModerate={canManage}
            names={names}
            openedReadAt={readMark.opened.readAt}
            focusMessageID={props.focusMessageID}
            onOpenThread={props.onOpenThread}
            onSeen={readMark.markRead}
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
                place={place}
                label={msg.rooms.page.composer(room.name)}
                members={members}
                onEditLast={editLast}
              />
            </Suspense>
          ) : (
            <div className="h-16 border-t border-surface-3" onPointerDown={wantComposer} />
          )}
        </div>
      </DropArea>
      {!memberPaneFits ? (
        <Drawer label={msg.members.pane.label} side="right" open={drawer === 'members'} onClose={closeDrawer}>
          <div className="w-64 p-3">
            <MemberGroups serverID={serverID} members={serverMembers} />
          </div>
        </Drawer>
      ) : threadID ? null : (
        <MemberPane serverID={serverID} members={serverMembers} />
      )}
      {threadID ? (
        <ThreadPanel
          key={threadID}
          messageID={threadID}
          place={place}
          me={me}
          canModerate={canManage}
          names={names}
          members={members}
          onClose={props.onCloseThread}
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
