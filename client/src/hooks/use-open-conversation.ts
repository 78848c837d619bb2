import {useCallback} from 'react';
import {useNavigate} from 'react-router';
import * as z from 'zod/mini';
import {authedApi} from '../stores/auth-store.ts';
import {useToastStore} from '../stores/toast-store.ts';

/**
 * [DM1] Opens the 1:1 conversation with someone: the server answers the
 * pair's one conversation (new or existing), and the app goes there. A
 * refusal (not a friend, no shared server, a block) becomes a toast saying why.
 */
export function useOpenConversation() {
  const navigate = useNavigate();
  const toast = useToastStore(s => s.show);
  return useCallback(
    async (userID: string) => {
      try {
        const {id} = await authedApi('/conversations', z.object({id: z.string()}), {
          method: 'POST',
          body: {userIds: [userID]},
        });
        navigate(`/dm/${id}`);
      } catch (err) {
        toast(err instanceof Error ? err.message : String(err));
      }
    },
    [navigate, toast],
  );
}
