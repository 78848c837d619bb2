import type {Context} from 'hono';
import {deleteCookie, getCookie, setCookie} from 'hono/cookie';
import type {AuthConfig} from '../config.ts';

/** The refresh token travels only in this HttpOnly cookie, scoped to the auth routes. */
export const REFRESH_COOKIE = 'chorus_refresh';
const COOKIE_PATH = '/api/v1/auth';

export function setRefreshCookie(c: Context, config: AuthConfig, token: string): void {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.secureCookies,
    path: COOKIE_PATH,
    maxAge: config.refreshTokenTTLDays * 86_400,
  });
}

export const getRefreshCookie = (c: Context) => getCookie(c, REFRESH_COOKIE);

export function clearRefreshCookie(c: Context): void {
  deleteCookie(c, REFRESH_COOKIE, {path: COOKIE_PATH});
}
