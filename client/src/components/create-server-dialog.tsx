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

export function CreateServerDialog({open, onClose}: {open: boolean; onClose: () => void}) {
  const zero = useZero();
  const navigate = useNavigate();
  const toast = useToastStore(s => s.show);
  const {busy, error, onSubmit} = useFormAction(async form => {
    const id = newID();
    const generalRoomID = newID();
    const result = zero.mutate(mutators.server.create({id, generalRoomID, ...namePrivacyValues(form)}));
    // Checked locally first, so the new server opens at once.
    await clientResult(result);
    onClose();
    navigate(`/servers/${id}/rooms/${generalRoomID}`);
    // The server picks the access code and has the last word (the 3-server limit).
    void result.server.then(r => {
      if (r.type === 'error') toast(msg.servers.create.failed(r.error.message));
    });
  });

  return (
    <FormDialog
      title={msg.servers.create.title}
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel={busy ? msg.servers.create.submitting : msg.servers.create.submit}
    >
      <NamePrivacyFields
        nameLabel={msg.servers.name}
        privateLabel={msg.servers.create.private}
        maxLength={limits.serverNameMax}
        autoFocus
      />
    </FormDialog>
  );
}
