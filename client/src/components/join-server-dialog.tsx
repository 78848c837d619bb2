import {useNavigate} from 'react-router';
import * as z from 'zod/mini';
import {useFormAction} from '../hooks/use-form-action.ts';
import {api} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {Alert, Button, Dialog, TextField} from './ui.tsx';
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
    <Dialog title={msg.servers.join.title} open={open} onClose={onClose}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error.message}</Alert> : null}
        <TextField
          label={msg.servers.join.accessCode}
          name="accessCode"
          required
          maxLength={5}
          autoComplete="off"
          autoCapitalize="characters"
          hint={msg.servers.join.accessCodeHint}
          autoFocus
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {msg.common.cancel}
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? msg.servers.join.submitting : msg.servers.join.submit}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
