import {presenceChannel, type PresenceStatus, type ServerRole} from '@chorus/schema';
import {PresenceDot} from '../live/presence-dot.tsx';
import {usePresence} from '../live/use-presence.ts';
import {AgentBadge} from './agent-badge.tsx';
import {Avatar} from './avatar.tsx';
import {openProfile} from './profile-card-host.tsx';
import {msg} from '../i18n/index.ts';

type Member = {
  userID: string;
  role: ServerRole;
  user?:
    | {
        username: string;
        userType?: 'human' | 'ai_agent';
        pictureUrl?: string | null | undefined;
        externalLink?: string | null | undefined;
      }
    | undefined;
};

const GROUPS: ServerRole[] = ['owner', 'admin', 'member'];
const presenceRank = (status: PresenceStatus | undefined) => (status === 'online' ? 0 : status ? 1 : 2);

type MemberGroupsProps = {
  /** Whose presence channel tells who is online. */
  serverID: string;
  members: readonly Member[];
};

/** The members beside the room on wide screens, grouped by role. */
export function MemberPane(props: MemberGroupsProps) {
  return (
    <aside
      aria-label={msg.members.pane.label}
      className="w-56 shrink-0 overflow-y-auto border-l border-surface-3 bg-surface-2 p-3"
    >
      <MemberGroups {...props} />
    </aside>
  );
}

/**
 * The server's members grouped by role (in the pane, or in the drawer on
 * narrower screens), each with a presence dot; in each group the online
 * first, then the idle, then the rest, each in the server's order.
 */
export function MemberGroups({serverID, members}: MemberGroupsProps) {
  const presence = usePresence(presenceChannel(serverID));
  return (
    <>
      {GROUPS.map(role => {
        const label = msg.members.pane.groups[role];
        const people = members
          .filter(m => m.role === role)
          .sort((a, b) => presenceRank(presence.get(a.userID)) - presenceRank(presence.get(b.userID)));
        if (!people.length) return null;
        return (
          <section key={role} className="mb-4" aria-label={label}>
            <h2 className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
              {msg.members.pane.group(label, people.length)}
            </h2>
            <ul className="flex flex-col gap-1">
              {people.map(m => (
                <li key={m.userID} className="relative flex items-center gap-2 text-sm">
                  <button
                    type="button"
                    disabled={!m.user}
                    aria-label={msg.profile.open(m.user?.username ?? msg.common.unknownUser)}
                    onClick={() => m.user && openProfile({id: m.userID, ...m.user})}
                    className="flex min-w-0 items-center gap-2 rounded hover:underline"
                  >
                    <Avatar
                      profile={{username: m.user?.username ?? '?', pictureUrl: m.user?.pictureUrl}}
                      size={24}
                    />
                    <span className="truncate">{m.user?.username ?? msg.common.unknownUser}</span>
                  </button>
                  <PresenceDot status={presence.get(m.userID)} className="absolute top-4 left-4" />
                  <AgentBadge userType={m.user?.userType} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
