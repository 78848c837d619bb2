import type {MutatorResult} from '@rocicorp/zero';
import {useCallback} from 'react';
import {useToastStore} from '../stores/toast-store.ts';
import {msg} from '../i18n/index.ts';

/**
 * Runs a mutation for a settings control: it applies locally at once; a
 * refusal (locally or later by the server) becomes a toast saying why.
 * Resolves true when the local run succeeded.
 */
export function useAct() {
  const toast = useToastStore(s => s.show);
  return useCallback(
    async (result: MutatorResult, what: string): Promise<boolean> => {
      const local = await result.client;
      if (local.type === 'error') {
        toast(msg.common.failed(what, local.error.message));
        return false;
      }
      void result.server.then(r => {
        if (r.type === 'error') toast(msg.common.failed(what, r.error.message));
      });
      return true;
    },
    [toast],
  );
}
