import {idSchema} from '@chorus/schema';
import {Hono} from 'hono';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {jsonBody, param} from '../http/validate.ts';
import {PRESIGN_SECONDS} from './storage.ts';
import {fileJSON, fileUploads, uploadCompleteBodySchema, uploadRequestBodySchema} from './uploads.ts';

const FILES_PATH = '/api/v1/files';

/**
 * `/api/v1/files` (FL1–FL5): presigned uploads straight to storage, checked
 * when completed (the object's real size and its real type from its first
 * bytes), attached to the uploader's own message, and downloads only for
 * people who may read that message. The rules live in `uploads.ts`, shared
 * with the agent gateway.
 */
export function fileRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));
  const files = fileUploads(deps);

  app.post('/upload/request', async c => {
    const body = await jsonBody(c, uploadRequestBodySchema);
    return c.json(await files.request(c.get('session'), body), 201);
  });

  app.post('/upload/complete', async c => {
    const body = await jsonBody(c, uploadCompleteBodySchema);
    return c.json(fileJSON(await files.complete(c.get('session').userID, body), FILES_PATH));
  });

  // [FL4] A page asks for JSON (`Accept: application/json`): an <img> or
  // <video> cannot send the bearer token, so the page fetches the URL and shows that.
  app.get('/:id/download', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const thumbnail = c.req.query('thumbnail') === '1';
    const url = await files.downloadURL(c.get('session').userID, id, thumbnail);
    if (c.req.header('accept')?.includes('application/json')) {
      return c.json({url, expiresAt: new Date(Date.now() + PRESIGN_SECONDS * 1000).toISOString()});
    }
    return c.redirect(url, 302);
  });

  return app;
}
