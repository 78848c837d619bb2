/// <reference lib="webworker" />
import * as z from 'zod/mini';

const tokenSchema = z.object({accessToken: z.string(), user: z.object({id: z.string()})});

/** Who the refresh cookie answers for, with a fresh access token; `undefined`: signed out for good. */
export type Session = {userID: string; accessToken: string};

/**
 * Gets an access token through the HttpOnly refresh cookie, as a tab does.
 * Under the tabs' `chorus-refresh` lock: the cookie rotates on every refresh,
 * and presenting a rotated one twice would end the session as stolen.
 * Throws when the server cannot be reached or fails (try again later).
 */
export async function refreshSession(): Promise<Session | undefined> {
  return self.navigator.locks.request('chorus-refresh', async () => {
    const res = await fetch('/api/v1/auth/refresh', {method: 'POST', credentials: 'same-origin'});
    if (res.status === 401) return undefined;
    if (!res.ok) throw new Error(`refresh answered ${res.status}`);
    const tokens = tokenSchema.parse(await res.json());
    return {userID: tokens.user.id, accessToken: tokens.accessToken};
  });
}
