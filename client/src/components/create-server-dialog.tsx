import {mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {useNavigate} from 'react-router';
import {newID} from '../lib/ids.ts';
import {clientResult, serverResult} from '../lib/mutate.ts';
import {Alert, Button, Dialog, TextField} from './ui.tsx';

export function CreateServerDialog({open, onClose}: {open: boolean; onClose: () => void}) {
  const zero = useZero();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const id = newID();
    const generalRoomID = newID();
    setBusy(true);
    setError(undefined);
    try {
      const result = zero.mutate(
        mutators.server.create({
          id,
          generalRoomID,
          name: String(form.get('name')),
          isPrivate: form.get('isPrivate') === 'on',
        }),
      );
      await clientResult(result);
      // The server picks the access code and may still refuse (the 3-server limit).
      await serverResult(result);
      onClose();
      navigate(`/servers/${id}/rooms/${generalRoomID}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Create a server" open={open} onClose={onClose}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        {error ? <Alert>{error}</Alert> : null}
        <TextField label="Server name" name="name" required maxLength={100} autoFocus />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isPrivate" /> Private (hidden from the server directory)
        </label>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create server'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
