import {limits} from '@chorus/schema';
import {useNavigate} from 'react-router';
import * as z from 'zod/mini';
import {useFormAction} from '../hooks/use-form-action.ts';
import {api} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {FormDialog} from './form-dialog.tsx';
import {TextField} from './ui.tsx';
import {msg} from '../i18n/index.ts';

/** Joining is a server-side lookup of a secret code, so it goes through REST (rate-limited there). */
export function JoinServerDialog({open, onClose}: {open: boolean; onClose: () => void}) {
  const token = useAuthStore(s => s.accessToken);
  const navigate = useNavigate();
  const {busy, error, onSubmit} = useFormAction(async form => {
    const server = await api('/servers/join', z.object({id: z.string()}), {
      body: {accessCode: String(form.get('accessCode'))},
      token,
    });
    onClose();
    navigate(`/servers/${server.id}`);
  });

  return (
    <FormDialog
      title={msg.servers.join.title}
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel={busy ? msg.servers.join.submitting : msg.servers.join.submit}
    >
      <TextField
        label={msg.servers.join.accessCode}
        name="accessCode"
        required
        maxLength={limits.accessCodeLength}
        autoComplete="off"
        autoCapitalize="characters"
        hint={msg.servers.join.accessCodeHint}
        autoFocus
      />
    </FormDialog>
  );
}
