import {limits, mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useNavigate} from 'react-router';
import {useFormAction} from '../hooks/use-form-action.ts';
import {newID} from '../lib/ids.ts';
import {clientResult} from '../lib/mutate.ts';
import {useToastStore} from '../stores/toast-store.ts';
import {FormDialog} from './form-dialog.tsx';
import {NamePrivacyFields, namePrivacyValues} from './name-privacy-fields.tsx';
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
    const result = zero.mutate(mutators.room.create({id, serverID, ...namePrivacyValues(form)}));
    // Permission and name rules run locally first: the room appears at once.
    await clientResult(result);
    onClose();
    navigate(`/servers/${serverID}/rooms/${id}`);
    void result.server.then(r => {
      if (r.type === 'error') toast(msg.rooms.create.failed(r.error.message));
    });
  });

  return (
    <FormDialog
      title={msg.rooms.create.title}
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel={msg.rooms.create.submit}
    >
      <NamePrivacyFields
        nameLabel={msg.rooms.name}
        privateLabel={msg.rooms.create.private}
        maxLength={limits.roomNameMax}
        autoFocus
      />
    </FormDialog>
  );
}
