import type {Context} from 'hono';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import type {AuthConfig} from '../config.ts';

/** The refresh token travels only in this HttpOnly cookie, scoped to the auth routes. */
export const REFRESH_COOKIE = 'chorus_refresh';
const COOKIE_PATH = '/api/v1/auth';
/**
 * A hint, readable by the page, that this browser holds a refresh cookie: it
 * carries no secret (the value is always `1`), and lets a signed-out page load
 * skip a refresh that can only answer 401 (which the browser logs as an error).
 * Set and cleared with the refresh cookie, so it lives exactly as long.
 */
export const SESSION_HINT_COOKIE = 'chorus_session';

export function setRefreshCookie(c: Context, config: AuthConfig, token: string): void {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.secureCookies,
    path: COOKIE_PATH,
    maxAge: config.refreshTokenTTLDays * 86_400,
  });
  setCookie(c, SESSION_HINT_COOKIE, '1', {
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.refreshTokenTTLDays * 86_400,
  });
}

export const getRefreshCookie = (c: Context) => getCookie(c, REFRESH_COOKIE);

export function clearRefreshCookie(c: Context): void {
  deleteCookie(c, REFRESH_COOKIE, {path: COOKIE_PATH});
  deleteCookie(c, SESSION_HINT_COOKIE, {path: '/'});
}
