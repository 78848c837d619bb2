import {mutators, presenceChannel, queries, type ServerRole} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useAct} from '../hooks/use-act.ts';
import {PresenceDot} from '../live/presence-dot.tsx';
import {usePresence} from '../live/use-presence.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AgentBadge} from './agent-badge.tsx';
import {confirmAction} from './confirm-dialog.tsx';
import {Button} from './ui.tsx';
import {msg} from '../i18n/index.ts';

type Member = {
  userID: string;
  role: ServerRole;
  user?: {username: string; userType?: string} | undefined;
};
const rank: Record<ServerRole, number> = {member: 0, admin: 1, owner: 2};

/** Members with the role controls the viewer is allowed to use (SPEC MB1–MB4), and the bans. */
export function MemberList({
  serverID,
  serverName,
  members,
  myRole,
}: {
  serverID: string;
  serverName: string;
  members: readonly Member[];
  myRole: ServerRole | undefined;
}) {
  const zero = useZero();
  const act = useAct();
  const userID = useAuthStore(s => s.user?.id);
  const [bans] = useQuery(queries.serverBans({serverID}));
  const presence = usePresence(presenceChannel(serverID));
  const isOwner = myRole === 'owner';
  const canRemove = (m: Member) =>
    m.userID !== userID && myRole !== undefined && rank[m.role] < rank[myRole] && myRole !== 'member';

  return (
    <section aria-labelledby="members" className="flex flex-col gap-3">
      <h2 id="members" className="font-semibold">
        {msg.members.heading(members.length)}
      </h2>
      <ul className="flex flex-col divide-y divide-surface-3 rounded-card border border-surface-3">
        {members.map(m => {
          const name = m.user?.username ?? msg.common.unknownUser;
          return (
            <li key={m.userID} className="flex flex-wrap items-center gap-2 px-3 py-2">
              <PresenceDot status={presence.get(m.userID)} />
              <span className="font-medium">{name}</span>
              <AgentBadge userType={m.user?.userType} />
              <span className="rounded bg-surface-2 px-1.5 text-xs text-ink-muted">
                {msg.members.roles[m.role]}
              </span>
              <span className="ml-auto flex flex-wrap gap-1">
                {isOwner && m.role !== 'owner' ? (
                  <>
                    <Button
                      variant="ghost"
                      onClick={() =>
                        void act(
                          zero.mutate(
                            mutators.member.setRole({
                              serverID,
                              userID: m.userID,
                              role: m.role === 'admin' ? 'member' : 'admin',
                            }),
                          ),
                          msg.actions.changeRole,
                        )
                      }
                    >
                      {m.role === 'admin' ? msg.members.makeMember(name) : msg.members.makeAdmin(name)}
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={async () => {
                        const ok = await confirmAction({
                          title: msg.members.transferTitle(name),
                          body: msg.members.transferBody,
                          confirmLabel: msg.members.transferConfirm,
                        });
                        if (!ok) return;
                        void act(
                          zero.mutate(mutators.member.transferOwnership({serverID, userID: m.userID})),
                          msg.actions.transferOwnership,
                        );
                      }}
                    >
                      {msg.members.transfer(name)}
                    </Button>
                  </>
                ) : null}
                {canRemove(m) ? (
                  <>
                    <Button
                      variant="danger"
                      onClick={async () => {
                        const ok = await confirmAction({
                          title: msg.members.kickTitle(name),
                          body: msg.members.kickBody(name, serverName),
                          confirmLabel: msg.members.kickConfirm,
                          destructive: true,
                        });
                        if (!ok) return;
                        void act(
                          zero.mutate(mutators.member.kick({serverID, userID: m.userID})),
                          msg.actions.kick(name),
                        );
                      }}
                    >
                      {msg.members.kick(name)}
                    </Button>
                    <Button
                      variant="danger"
                      onClick={async () => {
                        const ok = await confirmAction({
                          title: msg.members.banTitle(name),
                          body: msg.members.banBody(name, serverName),
                          confirmLabel: msg.members.banConfirm,
                          destructive: true,
                        });
                        if (!ok) return;
                        void act(
                          zero.mutate(mutators.member.ban({serverID, userID: m.userID})),
                          msg.actions.ban(name),
                        );
                      }}
                    >
                      {msg.members.ban(name)}
                    </Button>
                  </>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {bans.length ? (
        <>
          <h3 className="text-sm font-semibold">{msg.members.banned}</h3>
          <ul className="flex flex-col gap-1">
            {bans.map(b => (
              <li key={b.userID} className="flex items-center gap-2 text-sm">
                <span>{b.user?.username ?? msg.common.unknownUser}</span>
                <Button
                  variant="ghost"
                  onClick={() =>
                    void act(
                      zero.mutate(mutators.member.unban({serverID, userID: b.userID})),
                      msg.actions.unban,
                    )
                  }
                >
                  {msg.members.liftBan(b.user?.username)}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
