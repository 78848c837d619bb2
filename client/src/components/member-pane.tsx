import type {ServerRole} from '@chorus/schema';
import {msg} from '../i18n/index.ts';

type Member = {userID: string; role: ServerRole; user?: {username: string; userType?: string} | undefined};

const GROUPS: ServerRole[] = ['owner', 'admin', 'member'];

/** The members beside the room on wide screens, grouped by role. */
export function MemberPane({members}: {members: readonly Member[]}) {
  return (
    <aside
      aria-label={msg.members.pane.label}
      className="w-56 shrink-0 overflow-y-auto border-l border-surface-3 bg-surface-2 p-3"
    >
      <MemberGroups members={members} />
    </aside>
  );
}

/** The server's members grouped by role (in the pane, or in the drawer on narrower screens). */
export function MemberGroups({members}: {members: readonly Member[]}) {
  return (
    <>
      {GROUPS.map(role => {
        const label = msg.members.pane.groups[role];
        const people = members.filter(m => m.role === role);
        if (!people.length) return null;
        return (
          <section key={role} className="mb-4" aria-label={label}>
            <h2 className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
              {msg.members.pane.group(label, people.length)}
            </h2>
            <ul className="flex flex-col gap-1">
              {people.map(m => (
                <li key={m.userID} className="flex items-center gap-2 text-sm">
                  <span
                    aria-hidden
                    className="flex h-6 w-6 items-center justify-center rounded-full bg-brand/20 text-xs font-semibold"
                  >
                    {(m.user?.username ?? '?').slice(0, 1).toUpperCase()}
                  </span>
                  <span className="truncate">{m.user?.username ?? msg.common.unknownUser}</span>
                  {m.user?.userType === 'ai_agent' ? (
                    <span className="rounded bg-brand/15 px-1 text-[10px] font-semibold text-brand">
                      {msg.members.pane.agent}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
