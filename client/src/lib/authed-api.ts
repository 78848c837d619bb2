import type * as z from 'zod/mini';
import {useAuthStore} from '../stores/auth-store.ts';
import {api, ApiError} from './api.ts';

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
