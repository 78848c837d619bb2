import {confirmAction} from '../components/confirm-dialog.tsx';
import {limits, mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {Link, useNavigate, useParams} from 'react-router';
import {ServerAgents} from '../agents/server-agents.tsx';
import {MemberList} from '../components/member-list.tsx';
import {NamePrivacyForm} from '../components/name-privacy-fields.tsx';
import {Button} from '../components/ui.tsx';
import {useAct} from '../hooks/use-act.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';

/** `/servers/:serverId/settings`: name, code, members and roles, leaving and deleting. */
export function ServerSettingsPage() {
  const {serverId = ''} = useParams();
  const zero = useZero();
  const act = useAct();
  const navigate = useNavigate();
  const userID = useAuthStore(s => s.user?.id);
  const [server, status] = useQuery(queries.server({serverID: serverId}));

  if (!server) {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {status.type === 'complete' ? msg.servers.settings.unavailable : msg.common.loading}
      </p>
    );
  }
  const myRole = server.members.find(m => m.userID === userID)?.role;
  const canManage = myRole === 'owner' || myRole === 'admin';

  return (
    <main className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-8 p-6">
        <header className="flex items-center gap-3">
          <Link to={`/servers/${serverId}`} className="text-sm text-ink-muted underline">
            {msg.common.back}
          </Link>
          <h1 className="text-xl font-bold">{msg.servers.settings.title(server.name)}</h1>
        </header>

        {canManage ? (
          <section aria-labelledby="overview" className="flex flex-col gap-3">
            <h2 id="overview" className="font-semibold">
              {msg.servers.settings.overview}
            </h2>
            <NamePrivacyForm
              name={server.name}
              isPrivate={server.isPrivate}
              nameLabel={msg.servers.name}
              privateLabel={msg.servers.settings.private}
              maxLength={limits.serverNameMax}
              emptyError={msg.servers.settings.nameEmpty}
              tooLongError={msg.servers.settings.nameTooLong(limits.serverNameMax)}
              saveLabel={msg.servers.settings.save}
              onSave={values =>
                act(
                  zero.mutate(mutators.server.update({serverID: serverId, ...values})),
                  msg.actions.saveServer,
                )
              }
            />
          </section>
        ) : null}

        <section aria-labelledby="invite" className="flex flex-col gap-2">
          <h2 id="invite" className="font-semibold">
            {msg.servers.settings.invite}
          </h2>
          <p className="text-sm text-ink-muted">{msg.servers.settings.inviteHelp}</p>
          <div className="flex items-center gap-3">
            <code
              data-testid="settings-access-code"
              className="rounded bg-surface-2 px-3 py-1.5 font-mono text-lg"
            >
              {server.accessCode}
            </code>
            <Button variant="ghost" onClick={() => void navigator.clipboard?.writeText(server.accessCode)}>
              {msg.servers.settings.copy}
            </Button>
            {canManage ? (
              <Button
                variant="ghost"
                onClick={() =>
                  void act(
                    zero.mutate(mutators.server.regenerateCode({serverID: serverId})),
                    msg.actions.newCode,
                  )
                }
              >
                {msg.servers.settings.newCode}
              </Button>
            ) : null}
          </div>
        </section>

        <MemberList serverID={serverId} serverName={server.name} members={server.members} myRole={myRole} />

        {canManage ? (
          <ServerAgents serverID={serverId} memberIDs={new Set(server.members.map(m => m.userID))} />
        ) : null}

        <section
          aria-labelledby="danger"
          className="flex flex-col gap-3 rounded-card border border-danger/40 p-4"
        >
          <h2 id="danger" className="font-semibold text-danger">
            {msg.servers.settings.danger}
          </h2>
          {myRole === 'owner' ? (
            <>
              <p className="text-sm text-ink-muted">{msg.servers.settings.ownerHelp}</p>
              <div>
                <Button
                  variant="danger"
                  onClick={async () => {
                    const ok = await confirmAction({
                      title: msg.servers.settings.confirmDelete(server.name),
                      body: msg.servers.settings.deleteBody,
                      confirmLabel: msg.servers.settings.delete,
                      destructive: true,
                    });
                    if (!ok) return;
                    if (
                      await act(
                        zero.mutate(mutators.server.delete({serverID: serverId})),
                        msg.actions.deleteServer,
                      )
                    ) {
                      navigate('/', {replace: true});
                    }
                  }}
                >
                  {msg.servers.settings.delete}
                </Button>
              </div>
            </>
          ) : (
            <div>
              <Button
                variant="danger"
                onClick={async () => {
                  if (
                    await act(
                      zero.mutate(mutators.server.leave({serverID: serverId})),
                      msg.actions.leaveServer,
                    )
                  ) {
                    navigate('/', {replace: true});
                  }
                }}
              >
                {msg.servers.settings.leave}
              </Button>
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
