import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {NavLink} from 'react-router';
import {useAuthStore} from '../stores/auth-store.ts';
import {conversationTitle, isUnread} from '../lib/conversations.ts';
import {useLocalReadMarks} from '../lib/read-marks.ts';
import {Icon} from './icons.tsx';
import {NewGroupDialog} from './new-group-dialog.tsx';
import {msg} from '../i18n/index.ts';
import {groupsMsg} from '../i18n/groups.ts';

/** Direct conversations, latest activity first, each marked when unread (DM2, DM5); "New group message" (DM3). */
export function ConversationList() {
  const me = useAuthStore(s => s.user?.id);
  const [conversations, status] = useQuery(queries.myConversations());
  const localMarks = useLocalReadMarks(s => s.byConversation);
  const [creating, setCreating] = useState(false);
  return (
    <nav aria-label={msg.conversations.listLabel} className="flex flex-col gap-1 p-2">
      <div className="flex items-center gap-1 px-2 pt-2 pb-1">
        <h2 className="flex-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
          {msg.conversations.heading}
        </h2>
        <button
          type="button"
          aria-label={groupsMsg.new}
          title={groupsMsg.new}
          aria-haspopup="dialog"
          onClick={() => setCreating(true)}
          className="rounded p-1 text-ink-muted hover:bg-surface-3"
        >
          <Icon name="plus" size={16} />
        </button>
      </div>
      <NewGroupDialog open={creating} onClose={() => setCreating(false)} />
      {conversations.length === 0 ? (
        <p className="px-2 text-sm text-ink-muted">
          {status.type === 'complete' ? msg.conversations.empty : msg.common.loading}
        </p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {conversations.map(c => {
            const title = conversationTitle(c, me);
            const unread = isUnread(c, me, localMarks[c.id]);
            return (
              <li key={c.id}>
                <NavLink
                  to={`/dm/${c.id}`}
                  aria-label={unread ? msg.conversations.unread(title) : title}
                  className={({isActive}) =>
                    `flex items-center gap-2 rounded-md px-2 py-1.5 text-sm ${
                      isActive ? 'bg-surface-3 font-semibold' : 'hover:bg-surface-3'
                    } ${unread ? 'font-semibold text-ink' : 'text-ink-muted'}`
                  }
                >
                  <span className="min-w-0 flex-1 truncate">{title}</span>
                  {unread ? <span aria-hidden className="h-2 w-2 shrink-0 rounded-full bg-ink" /> : null}
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
