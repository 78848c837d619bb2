import {mutators, schema, type AuthContext} from '@chorus/schema';
import {ZeroProvider, useConnectionState, useZero} from '@rocicorp/zero/react';
import {useEffect, useMemo, useRef, type ReactNode} from 'react';
import {FilesSetup} from '../files/files-setup.tsx';
import {LiveProvider} from '../live/live-provider.tsx';
import {PresenceReporter} from '../live/presence-reporter.tsx';
import {OutboxSetup} from '../outbox/outbox-setup.tsx';
import {onBeforeSignOut, useAuthStore} from '../stores/auth-store.ts';
import {useUpdateStore} from '../stores/update-store.ts';
import {liveProvider} from './client-config.ts';
import {useClientConfig} from './use-client-config.ts';

/**
 * No blind reload: the update prompt offers it, and the outbox keeps unsent
 * writes through the reload. Defined once, not inline: ZeroProvider rebuilds
 * Zero whenever a prop other than `auth` changes identity, so a new function
 * on each render (a token refresh, a profile edit) closed Zero and failed the
 * mutations it was still waiting on.
 */
const onUpdateNeeded = (reason: {type: string}) => useUpdateStore.getState().setNeeded(`zero:${reason.type}`);

/**
 * Zero for the signed-in user: the local replica lives in IndexedDB per user,
 * and zero-cache is reached through the API's `/zero` path (one origin).
 */
export function ZeroSetup({children}: {children: ReactNode}) {
  const user = useAuthStore(s => s.user);
  const token = useAuthStore(s => s.accessToken);
  const userID = user?.id;
  const emailVerified = user?.emailVerified ?? false;
  // Only identity changes recreate Zero; a new token just reconnects.
  const context = useMemo<AuthContext | undefined>(
    () => (userID ? {userID, emailVerified, replica: true} : undefined),
    [userID, emailVerified],
  );
  const config = useClientConfig();
  if (!userID || !context || !config) return null;
  return (
    <ZeroProvider
      schema={schema}
      mutators={mutators}
      userID={userID}
      // '' rather than undefined while offline: ZeroProvider rebuilds Zero
      // when auth appears, which remounted the whole page once the token
      // came back; with '' the new token is a plain reconnect.
      auth={token ?? ''}
      context={context}
      cacheURL={`${window.location.origin}/zero`}
      kvStore="idb"
      // Zero's default (1 min) unless the server says otherwise; past it the
      // outbox keeps writes, so any length of outage is fine.
      disconnectTimeoutMs={config.zeroDisconnectTimeoutMs ?? undefined}
      onUpdateNeeded={onUpdateNeeded}
    >
      <OutboxSetup userID={userID} />
      <FilesSetup userID={userID} />
      <CloseOnSignOut />
      <ReauthOnDemand />
      <RecoverFromError />
      <LiveProvider userID={userID} provider={liveProvider(config)}>
        <PresenceReporter />
        {children}
      </LiveProvider>
    </ZeroProvider>
  );
}

/** Zero closes before the session is signed out, so the server's end of it is not an error here. */
function CloseOnSignOut() {
  const zero = useZero();
  useEffect(() => onBeforeSignOut(() => void zero.close()), [zero]);
  return null;
}

/** When zero-cache says the token is no longer good, get a new one and reconnect. */
function ReauthOnDemand() {
  const zero = useZero();
  const state = useConnectionState();
  const refresh = useAuthStore(s => s.refresh);
  useEffect(() => {
    if (state.name !== 'needs-auth') return;
    let cancelled = false;
    void refresh().then(token => {
      if (!cancelled && token) void zero.connection.connect({auth: token});
    });
    return () => {
      cancelled = true;
    };
  }, [state.name, refresh, zero]);
  return null;
}

/**
 * Zero stops for good on an `error` (a push or query the API refused, e.g.
 * 429 over a rate limit) until the app calls `connect()`. Its unconfirmed
 * mutations stay queued, so reconnecting after a pause loses nothing; the
 * pause grows so a lasting error does not hammer the server.
 */
function RecoverFromError() {
  const zero = useZero();
  const state = useConnectionState();
  const streak = useRef(0);
  useEffect(() => {
    if (state.name !== 'error') {
      if (state.name === 'connected') streak.current = 0;
      return;
    }
    const delay = Math.min(5_000 * 2 ** streak.current++, 120_000);
    const timer = setTimeout(() => void zero.connection.connect(), delay);
    return () => clearTimeout(timer);
  }, [state.name, zero]);
  return null;
}
