import * as z from 'zod/mini';
import {create} from 'zustand';
import {api, ApiError, tokenResponseSchema, userSchema, type TokenResponse, type User} from '../lib/api.ts';
import {forgetUser, rememberedUser, rememberUser} from '../lib/last-user.ts';

/**
 * Who is signed in. The access token lives only in memory (never
 * localStorage); the refresh token is an httpOnly cookie the script cannot
 * read. The token is refreshed a minute before it expires, and on demand
 * when Zero reports `needs-auth`.
 *
 * [OF1] [OF2] With no network at boot, the app signs in as the last person
 * signed in on this device, without a token (`offline`), and refreshes the
 * session silently once the network is back (on `online`, and with backoff).
 * Only a refresh the server refuses (401: the session was revoked or
 * expired) signs out, and the sign-in page says why.
 */
type AuthState = {
  status: 'loading' | 'signed-out' | 'signed-in';
  user: User | undefined;
  accessToken: string | undefined;
  /** Signed in from this device's memory: the server could not be reached to refresh the session. */
  offline: boolean;
  /** Why the last session ended without the person signing out, for the sign-in page. */
  endedBecause: 'session-ended' | undefined;
  bootstrap: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<void>;
  /**
   * Creates the account (or, for a taken address, mails its owner: the server
   * answers both alike [AC3]). Signs no one in: the person verifies from the
   * mail, then signs in.
   */
  register: (username: string, email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  refresh: () => Promise<string | undefined>;
  setUser: (user: User) => void;
};

function withRefreshLock(fn: () => Promise<string | undefined>): Promise<string | undefined> {
  if (!navigator.locks) return fn();
  return new Promise((resolve, reject) => {
    navigator.locks.request('chorus-refresh', () => fn().then(resolve, reject)).catch(reject);
  });
}

/** Whether the server said this browser holds a refresh cookie (see `SESSION_HINT_COOKIE` in the API). */
function hasSessionHint(): boolean {
  return typeof document !== 'undefined' && document.cookie.split('; ').includes('chorus_session=1');
}

/**
 * What closes the connections of a session before it is signed out (Zero,
 * the live client): the server ends the session's sockets when it signs out,
 * and a socket still open then reports that as an error in the console.
 */
const beforeSignOut = new Set<() => void>();

/** Registers `close` to run before signing out; returns what unregisters it. */
export function onBeforeSignOut(close: () => void): () => void {
  beforeSignOut.add(close);
  return () => beforeSignOut.delete(close);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string | undefined> | undefined;
/** Retries of a refresh that could not reach the server: 1 s, doubling, at most a minute apart. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;
let retryInMs = RETRY_FIRST_MS;

export const useAuthStore = create<AuthState>((set, get) => {
  function accept(tokens: TokenResponse) {
    rememberUser(tokens.user);
    set({
      status: 'signed-in',
      user: tokens.user,
      accessToken: tokens.accessToken,
      offline: false,
      endedBecause: undefined,
    });
    retryInMs = RETRY_FIRST_MS;
    clearTimeout(refreshTimer);
    const inMs = Math.max(5_000, (tokens.expiresIn - 60) * 1000);
    refreshTimer = setTimeout(() => void get().refresh(), inMs);
  }

  /** Only here is the remembered person forgotten; their outbox stays, under their id. */
  function signedOut(endedBecause?: AuthState['endedBecause']) {
    clearTimeout(refreshTimer);
    forgetUser();
    set({status: 'signed-out', user: undefined, accessToken: undefined, offline: false, endedBecause});
  }

  /** The server could not be reached (or failed): stay, or boot, as the remembered person and try again later. */
  function unreachable() {
    if (get().status === 'loading') {
      const user = rememberedUser();
      if (!user) return signedOut();
      set({status: 'signed-in', user, accessToken: undefined});
    }
    set({offline: true});
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void get().refresh(), retryInMs);
    retryInMs = Math.min(RETRY_MAX_MS, retryInMs * 2);
  }

  async function doRefresh(): Promise<string | undefined> {
    try {
      const tokens = await api('/auth/refresh', tokenResponseSchema, {method: 'POST'});
      accept(tokens);
      return tokens.accessToken;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        // A person the device knew (signed in now, or remembered at boot) is told why.
        const known = get().status === 'signed-in' || rememberedUser() !== undefined;
        signedOut(known ? 'session-ended' : undefined);
      } else unreachable();
      return undefined;
    }
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      if (!get().offline) return;
      retryInMs = RETRY_FIRST_MS;
      void get().refresh();
    });
  }

  return {
    status: 'loading',
    user: undefined,
    accessToken: undefined,
    offline: false,
    endedBecause: undefined,
    bootstrap: async () => {
      await get().refresh();
    },
    signIn: async (email, password) => {
      accept(await api('/auth/login', tokenResponseSchema, {body: {email, password}}));
    },
    // [AC3] Sign-up never signs anyone in: an address that already has an
    // account answers like a new one, and signing in with the password just
    // typed would have made sign-up a second way into that account.
    register: async (username, email, password) => {
      await api('/auth/register', z.object({user: userSchema}), {body: {username, email, password}});
    },
    signOut: async () => {
      for (const close of [...beforeSignOut]) {
        try {
          close();
        } catch {
          // Closing is best effort: signing out goes on.
        }
      }
      await api('/auth/logout', z.unknown(), {method: 'POST'}).catch(() => {});
      signedOut();
    },
    refresh: () => {
      // [A4] Signed out, with neither a session hint (the server's
      // `chorus_session` cookie, beside the HttpOnly refresh cookie) nor a
      // remembered person, a refresh can only answer 401, which the browser
      // logs as an error: skip it. The remembered person keeps offline boot
      // [OF2], and sessions started before the hint existed, working.
      if (get().status !== 'signed-in' && !hasSessionHint() && !rememberedUser()) {
        if (get().status === 'loading') signedOut();
        return Promise.resolve(undefined);
      }
      // One refresh at a time, across tabs too: they share the refresh cookie,
      // and presenting a rotated token twice would look like theft.
      inflight ??= withRefreshLock(doRefresh).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    setUser: user => {
      rememberUser(user);
      set({user});
    },
  };
});

/**
 * `api` with the signed-in user's access token. A 401 gets one silent refresh
 * and a retry; when the refresh fails too, the store signs out and the route
 * guard shows the sign-in page.
 */
export async function authedApi<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  init: {method?: string; body?: unknown} = {},
): Promise<z.output<S>> {
  const {accessToken, refresh} = useAuthStore.getState();
  try {
    return await api(path, schema, {...init, token: accessToken});
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
    const token = await refresh();
    if (!token) throw err;
    return api(path, schema, {...init, token});
  }
}
