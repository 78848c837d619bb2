import {mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useNavigate} from 'react-router';
import {useFormAction} from '../hooks/use-form-action.ts';
import {newID} from '../lib/ids.ts';
import {clientResult} from '../lib/mutate.ts';
import {useToastStore} from '../stores/toast-store.ts';
import {Alert, Button, Dialog, TextField} from './ui.tsx';
import {msg} from '../i18n/index.ts';

export function CreateRoomDialog({
  serverID,
  open,
  onClose,
}: {
  serverID: string;
  open: boolean;
  onClose: () => void;
}) {
  const zero = useZero();
  const navigate = useNavigate();
  const toast = useToastStore(s => s.show);
  const {busy, error, onSubmit} = useFormAction(async form => {
    const id = newID();
    const result = zero.mutate(
      mutators.room.create({
        id,
        serverID,
        name: String(form.get('name')),
        isPrivate: form.get('isPrivate') === 'on',
      }),
    );
    // Permission and name rules run locally first: the room appears at once.
    await clientResult(result);
    onClose();
    navigate(`/servers/${serverID}/rooms/${id}`);
    void result.server.then(r => {
      if (r.type === 'error') toast(msg.rooms.create.failed(r.error.message));
    });
  });

  return (
    <Dialog title={msg.rooms.create.title} open={open} onClose={onClose}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error.message}</Alert> : null}
        <TextField label={msg.rooms.name} name="name" required maxLength={100} autoFocus />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isPrivate" /> {msg.rooms.create.private}
        </label>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {msg.common.cancel}
          </Button>
          <Button type="submit" disabled={busy}>
            {msg.rooms.create.submit}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
