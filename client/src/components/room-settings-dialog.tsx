import {confirmAction} from './confirm-dialog.tsx';
import {limits, mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useNavigate} from 'react-router';
import {useAct} from '../hooks/use-act.ts';
import {NamePrivacyForm} from './name-privacy-fields.tsx';
import {Button, Dialog} from './ui.tsx';
import {msg} from '../i18n/index.ts';

type Room = {id: string; serverID: string; name: string; isPrivate: boolean};

/** Rename, privacy, who may read a private room, and deletion (owners and admins; SPEC RM2–RM4). */
export function RoomSettingsDialog({room, open, onClose}: {room: Room; open: boolean; onClose: () => void}) {
  const zero = useZero();
  const act = useAct();
  const navigate = useNavigate();
  const [server] = useQuery(queries.server({serverID: room.serverID}));
  const [roomMembers] = useQuery(queries.roomMembers({roomID: room.id}));
  const inRoom = new Set(roomMembers.map(m => m.userID));

  return (
    <Dialog title={msg.rooms.settings.title(room.name)} open={open} onClose={onClose}>
      <NamePrivacyForm
        name={room.name}
        isPrivate={room.isPrivate}
        nameLabel={msg.rooms.name}
        privateLabel={msg.rooms.settings.private}
        maxLength={limits.roomNameMax}
        emptyError={msg.rooms.settings.nameEmpty}
        saveLabel={msg.common.save}
        onSave={values =>
          act(zero.mutate(mutators.room.update({roomID: room.id, ...values})), msg.actions.saveRoom)
        }
      />
      {room.isPrivate ? (
        <section aria-label={msg.rooms.settings.readers} className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">{msg.rooms.settings.readers}</h3>
          <ul className="flex max-h-60 flex-col gap-1 overflow-y-auto">
            {(server?.members ?? []).map(m => {
              const name = m.user?.username ?? msg.common.unknownUser;
              const added = inRoom.has(m.userID);
              return (
                <li key={m.userID} className="flex items-center gap-2 text-sm">
                  <span className="flex-1">{name}</span>
                  <Button
                    variant="ghost"
                    onClick={() =>
                      void act(
                        zero.mutate(
                          added
                            ? mutators.room.removeMember({roomID: room.id, userID: m.userID})
                            : mutators.room.addMember({roomID: room.id, userID: m.userID}),
                        ),
                        added ? msg.actions.removeFromRoom(name) : msg.actions.addToRoom(name),
                      )
                    }
                  >
                    {added ? msg.rooms.settings.remove(name) : msg.rooms.settings.add(name)}
                  </Button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div className="flex justify-between gap-2 border-t border-surface-3 pt-3">
        <Button
          variant="danger"
          onClick={async () => {
            const ok = await confirmAction({
              title: msg.rooms.settings.confirmDelete(room.name),
              body: msg.rooms.settings.deleteBody,
              confirmLabel: msg.rooms.settings.delete,
              destructive: true,
            });
            if (!ok) return;
            if (await act(zero.mutate(mutators.room.delete({roomID: room.id})), msg.actions.deleteRoom)) {
              onClose();
              navigate(`/servers/${room.serverID}`, {replace: true});
            }
          }}
        >
          {msg.rooms.settings.delete}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {msg.common.close}
        </Button>
      </div>
    </Dialog>
  );
}
