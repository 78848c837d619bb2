import {createContext, useContext, useEffect, useState, type ReactNode} from 'react';
import {onBeforeSignOut, useAuthStore} from '../stores/auth-store.ts';
import type {LiveAuth, LiveClient} from './live-client.ts';

/** The embedded hub's address: the API's own origin (and the page's). */
const hubURL = () => `${location.origin.replace(/^http/, 'ws')}/api/live`;

const LiveContext = createContext<LiveClient | undefined>(undefined);

/** The session's tokens, read when the adapter asks (the store refreshes them on its own schedule). */
const auth: LiveAuth = {
  token: () => useAuthStore.getState().accessToken,
  refresh: () => useAuthStore.getState().refresh(),
};

/**
 * The live client for the signed-in person (issue 17): made when someone is
 * signed in, closed when they sign out or another person signs in. The
 * server's client config says which adapter; the embedded hub by default.
 */
export function LiveProvider({
  userID,
  provider = 'hub',
  children,
}: {
  userID: string;
  provider: 'hub' | 'ably' | undefined;
  children: ReactNode;
}) {
  const [client, setClient] = useState<LiveClient>();
  useEffect(() => {
    // Loaded after the first paint, not with the room route: the adapters
    // and their protocol parsing are not needed to show the messages.
    let live: LiveClient | undefined;
    let gone = false;
    const made =
      provider === 'ably'
        ? import('./ably-client.ts').then(m => new m.AblyLiveClient(auth))
        : import('./hub-client.ts').then(m => new m.HubLiveClient({url: hubURL(), auth}));
    void made.then(adapter => {
      if (gone) return adapter.close();
      live = adapter;
      setClient(adapter);
    });
    // Closed before signing out: the hub ends a signed-out session's socket.
    const off = onBeforeSignOut(() => live?.close());
    return () => {
      gone = true;
      off();
      live?.close();
      setClient(undefined);
    };
  }, [userID, provider]);
  return <LiveContext value={client}>{children}</LiveContext>;
}

/** The live client, or undefined outside a signed-in session (and for the first render of one). */
export function useLiveClient(): LiveClient | undefined {
  return useContext(LiveContext);
}
