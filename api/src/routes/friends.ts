import {randomUUID} from 'node:crypto';
import {
  acceptFriend,
  cancelFriendRequest,
  idSchema,
  rejectFriend,
  removeFriend,
  requestFriend,
  whereFriendshipVisible,
  zql,
} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
import {normalizedEmailSQL, normalizeEmail} from '../auth/email.ts';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {usernameSchema} from '../auth/schemas.ts';
import {PUBLIC_USER_COLUMNS, toPublicUser, type PublicUser} from '../auth/users.ts';
import type {Deps} from '../deps.ts';
import {ProblemError} from '../http/problem.ts';
import {userKey, type AppLimits} from '../http/app-limits.ts';
import {limitBy} from '../http/rate-limit.ts';
import {jsonBody, param} from '../http/validate.ts';
import {lockPair} from '../zero/social-mutators.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction} from '../zero/run.ts';
import {record} from '../live/after-commit.ts';
import {publicUserJSON} from './serialize.ts';

/** [F2] Ask by username, or by an exact verified address (as user search finds people, AC8). */
export const friendRequestBodySchema = z.union([
  z.strictObject({id: z.optional(idSchema), username: usernameSchema}),
  z.strictObject({id: z.optional(idSchema), email: z.string().trim().min(3).max(255)}),
]);

type PublicUserRow = Parameters<typeof toPublicUser>[0];
const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

const nobodyThere = (how: 'username' | 'email') =>
  new ProblemError(
    404,
    'Not Found',
    how === 'username'
      ? 'No one has that username. Check the spelling, or ask them for theirs.'
      : 'No account has that verified address. Ask them for their username instead.',
    {field: how},
  );

/**
 * The friends endpoints of the seed (`/api/v1/friends`). Every change runs
 * the shared rules of `mutations/friends.ts` in one transaction, as a Zero
 * push of the same mutator would.
 */
export function friendRoutes(deps: Deps, limits: AppLimits) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  // [F2] The limit a `friend.request` pushed through Zero spends too.
  const requestLimit = limitBy<AuthEnv>(limits.friendRequest, c => userKey(c.get('session').userID));

  async function findPerson(body: z.infer<typeof friendRequestBodySchema>): Promise<PublicUser> {
    const {rows} =
      'username' in body
        ? await deps.pool.query(
            `SELECT ${PUBLIC_USER_COLUMNS} FROM users WHERE lower(username) = lower($1)`,
            [body.username],
          )
        : await deps.pool.query(
            `SELECT ${PUBLIC_USER_COLUMNS} FROM users
              WHERE ${normalizedEmailSQL('email')} = $1 AND email_verified_at IS NOT NULL`,
            [normalizeEmail(body.email)],
          );
    if (!rows[0]) throw nobodyThere('username' in body ? 'username' : 'email');
    return toPublicUser(rows[0] as PublicUserRow);
  }

  app.post('/request', requestLimit, async c => {
    const body = await jsonBody(c, friendRequestBodySchema);
    const ctx = contextOf(c.get('session'));
    const user = await findPerson(body);
    const id = body.id ?? randomUUID();
    const outcome = await inTransaction(deps, async tx => {
      await lockPair(tx, ctx.userID, user.id);
      const result = await requestFriend(tx, ctx, {id, userID: user.id}, Date.now());
      // [LV1] The same live events as the `friend.request` mutator's (REST needs its outcome).
      record({name: 'friend.request', args: {id: result.id}, userID: ctx.userID});
      return result;
    });
    return c.json({...outcome, user}, outcome.status === 'pending' ? 201 : 200);
  });

  /** [F1] Every friendship and request I may see, with the other person. */
  async function mine(userID: string) {
    const rows = await deps.zqlDb.run(
      whereFriendshipVisible(zql.friendships, userID).related('requester').related('addressee'),
    );
    return rows.flatMap(row => {
      const incoming = row.friendID === userID;
      const other = incoming ? row.requester : row.addressee;
      if (!other) return [];
      const user = publicUserJSON(other);
      return [
        {
          id: row.id,
          status: row.status,
          incoming,
          user,
          createdAt: row.createdAt,
          acceptedAt: row.acceptedAt,
        },
      ];
    });
  }

  app.get('/', async c => {
    const rows = (await mine(c.get('session').userID)).filter(r => r.status === 'accepted');
    rows.sort((a, b) => a.user.username.localeCompare(b.user.username));
    // [LV8] With presence where the live adapter knows it (the embedded hub).
    const presence = deps.live?.publisher.presenceOf?.bind(deps.live.publisher);
    return c.json({
      friends: rows.map(r => ({
        user: r.user,
        since: iso(r.acceptedAt),
        ...(presence ? {presence: presence(r.user.id)} : {}),
      })),
    });
  });

  app.get('/requests', async c => {
    const rows = (await mine(c.get('session').userID)).filter(r => r.status === 'pending');
    rows.sort((a, b) => b.createdAt - a.createdAt);
    const shape = (r: (typeof rows)[number]) => ({id: r.id, user: r.user, createdAt: iso(r.createdAt)});
    return c.json({
      incoming: rows.filter(r => r.incoming).map(shape),
      outgoing: rows.filter(r => !r.incoming).map(shape),
    });
  });

  const requestID = (c: {req: {param: (name: string) => string | undefined}}) =>
    param('requestId', c.req.param('requestId'), idSchema);

  async function onRequest(
    id: string,
    then: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void>,
  ) {
    await inTransaction(deps, async tx => {
      const row = await tx.run(zql.friendships.where('id', id).one());
      if (row) await lockPair(tx, row.userID, row.friendID);
      await then(tx);
    });
  }

  app.post('/accept/:requestId', async c => {
    const id = requestID(c);
    const ctx = contextOf(c.get('session'));
    await onRequest(id, async tx => {
      await acceptFriend(tx, ctx, {id}, Date.now());
      record({name: 'friend.accept', args: {id}, userID: ctx.userID});
    });
    return c.json({id, status: 'accepted'});
  });

  app.post('/reject/:requestId', async c => {
    const id = requestID(c);
    const ctx = contextOf(c.get('session'));
    await onRequest(id, tx => rejectFriend(tx, ctx, {id}));
    return c.body(null, 204);
  });

  app.delete('/requests/:requestId', async c => {
    const id = requestID(c);
    const ctx = contextOf(c.get('session'));
    await onRequest(id, tx => cancelFriendRequest(tx, ctx, {id}));
    return c.body(null, 204);
  });

  app.delete('/:userId', async c => {
    const userID = param('userId', c.req.param('userId'), idSchema);
    const ctx = contextOf(c.get('session'));
    await inTransaction(deps, async tx => {
      await lockPair(tx, ctx.userID, userID);
      await removeFriend(tx, ctx, {userID});
      record({name: 'friend.remove', args: {userID}, userID: ctx.userID});
    });
    return c.body(null, 204);
  });

  return app;
}
