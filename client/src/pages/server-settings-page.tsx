import {mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {Link, useNavigate, useParams} from 'react-router';
import {MemberList} from '../components/member-list.tsx';
import {Button, TextField} from '../components/ui.tsx';
import {useAct} from '../hooks/use-act.ts';
import {useAuthStore} from '../stores/auth-store.ts';

/** `/servers/:serverId/settings`: name, code, members and roles, leaving and deleting. */
export function ServerSettingsPage() {
  const {serverId = ''} = useParams();
  const zero = useZero();
  const act = useAct();
  const navigate = useNavigate();
  const userID = useAuthStore(s => s.user?.id);
  const [server, status] = useQuery(queries.server({serverID: serverId}));
  const [nameError, setNameError] = useState<string>();

  if (!server) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? 'This server is not available.' : 'Loading…'}
      </p>
    );
  }
  const myRole = server.members.find(m => m.userID === userID)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';

  async function onSave(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get('name')).trim();
    if (!name) return setNameError('Server name cannot be empty.');
    if (name.length > 100) return setNameError('Server name can be at most 100 characters.');
    setNameError(undefined);
    await act(
      zero.mutate(
        mutators.server.update({serverID: serverId, name, isPrivate: form.get('isPrivate') === 'on'}),
      ),
      'Saving the server',
    );
  }

  return (
    <main className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-8 p-6">
        <header className="flex items-center gap-3">
          <Link to={`/servers/${serverId}`} className="text-sm text-ink-muted underline">
            ← Back
          </Link>
          <h1 className="text-xl font-bold">{server.name} settings</h1>
        </header>

        {canManage ? (
          <section aria-labelledby="overview" className="flex flex-col gap-3">
            <h2 id="overview" className="font-semibold">
              Overview
            </h2>
            <form onSubmit={onSave} className="flex flex-col gap-3" key={server.name + server.isPrivate}>
              <TextField
                label="Server name"
                name="name"
                defaultValue={server.name}
                maxLength={100}
                error={nameError}
              />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="isPrivate" defaultChecked={server.isPrivate} /> Private (hidden
                from the directory; joining needs the code)
              </label>
              <div>
                <Button type="submit">Save changes</Button>
              </div>
            </form>
          </section>
        ) : null}

        <section aria-labelledby="invite" className="flex flex-col gap-2">
          <h2 id="invite" className="font-semibold">
            Invite code
          </h2>
          <p className="text-sm text-ink-muted">
            People join with this code. A new code makes the old one stop working.
          </p>
          <div className="flex items-center gap-3">
            <code
              data-testid="settings-access-code"
              className="rounded bg-surface-2 px-3 py-1.5 font-mono text-lg"
            >
              {server.accessCode}
            </code>
            <Button variant="ghost" onClick={() => void navigator.clipboard?.writeText(server.accessCode)}>
              Copy
            </Button>
            {canManage ? (
              <Button
                variant="ghost"
                onClick={() =>
                  void act(zero.mutate(mutators.server.regenerateCode({serverID: serverId})), 'New code')
                }
              >
                New code
              </Button>
            ) : null}
          </div>
        </section>

        <MemberList serverID={serverId} members={server.members} myRole={myRole} />

        <section
          aria-labelledby="danger"
          className="flex flex-col gap-3 rounded-card border border-danger/40 p-4"
        >
          <h2 id="danger" className="font-semibold text-danger">
            Leave or delete
          </h2>
          {myRole === 'owner' ? (
            <>
              <p className="text-sm text-ink-muted">
                You own this server. To leave, transfer ownership to another member first. Deleting removes
                every room and message for everyone.
              </p>
              <div>
                <Button
                  variant="danger"
                  onClick={async () => {
                    if (!window.confirm(`Delete ${server.name} and all its messages for everyone?`)) return;
                    if (
                      await act(
                        zero.mutate(mutators.server.delete({serverID: serverId})),
                        'Deleting the server',
                      )
                    ) {
                      navigate('/', {replace: true});
                    }
                  }}
                >
                  Delete server
                </Button>
              </div>
            </>
          ) : (
            <div>
              <Button
                variant="danger"
                onClick={async () => {
                  if (
                    await act(zero.mutate(mutators.server.leave({serverID: serverId})), 'Leaving the server')
                  ) {
                    navigate('/', {replace: true});
                  }
                }}
              >
                Leave server
              </Button>
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
