import {create} from 'zustand';

/**
 * A newer version of the client is waiting: the service worker found one, or
 * Zero's `onUpdateNeeded` says this build no longer speaks the server's
 * protocol. The update prompt shows while `needed`; reloading picks it up.
 */
type UpdateState = {
  needed: boolean;
  /** Why, for logs and tests: `'service-worker'` or Zero's update reason. */
  reason?: string;
  setNeeded: (reason: string) => void;
};

export const useUpdateStore = create<UpdateState>(set => ({
  needed: false,
  reason: undefined,
  setNeeded: reason => set({needed: true, reason}),
}));
