import {userSchema, type User} from './api.ts';

const KEY = 'chorus-last-user';

/**
 * [OF2] The last person signed in on this device: their id and profile, so
 * the app can boot as them with no network and open their local replica.
 * Never a token: the access token lives in memory, the refresh token in an
 * HttpOnly cookie.
 */
export function rememberUser(user: User): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(userSchema.parse(user)));
  } catch {
    // Storage full or off (private mode): the app works online all the same.
  }
}

/** The remembered person, if any (and if what is stored still parses). */
export function rememberedUser(): User | undefined {
  try {
    const parsed = userSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function forgetUser(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
