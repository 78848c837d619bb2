import {Outlet, useMatch} from 'react-router';
import {ConversationList} from '../components/conversation-list.tsx';
import {useMediaQuery, WIDE} from '../hooks/use-media-query.ts';

/**
 * `/friends` and `/dm/:conversationId`, as Discord's home: direct
 * conversations on the left, the friends list or the open conversation
 * beside them. On phones the friends page lists the conversations under
 * itself, and a conversation takes the whole width.
 */
export function HomeLayout() {
  const wide = useMediaQuery(WIDE);
  const inConversation = useMatch('/dm/:conversationId') !== null;
  return (
    <div className={`flex min-h-0 flex-1 ${wide ? '' : 'flex-col overflow-y-auto'}`}>
      {wide ? (
        <aside className="flex w-60 shrink-0 flex-col overflow-y-auto border-r border-surface-3 bg-surface-2">
          <ConversationList />
        </aside>
      ) : null}
      <div className={`flex min-w-0 flex-1 flex-col ${wide ? '' : 'flex-none'}`}>
        <Outlet />
      </div>
      {!wide && !inConversation ? <ConversationList /> : null}
    </div>
  );
}
