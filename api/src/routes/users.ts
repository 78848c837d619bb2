import {likeLiteral, noNul} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
import {normalizedEmailSQL, normalizeEmail} from '../auth/email.ts';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import {usernameSchema} from '../auth/schemas.ts';
import {
  findUserByID,
  PUBLIC_USER_COLUMNS,
  toPublicUser,
  toSelfUser,
  USER_COLUMNS,
  type PublicUser,
} from '../auth/users.ts';
import type {Deps} from '../deps.ts';
import {ProblemError, validationProblem} from '../http/problem.ts';
import {ipKey, rateLimit} from '../http/rate-limit.ts';
import {jsonBody, param} from '../http/validate.ts';

// [V1] A URL parser takes a NUL in the path (it would be sent percent-encoded), Postgres does not.
export const httpURLSchema = z
  .string()
  .trim()
  .check(noNul)
  .max(2048, {message: 'Use a link of at most 2048 characters.'})
  .pipe(z.url({protocol: /^https?$/, message: 'Use a full http:// or https:// link.'}));

/** [AC7] `PATCH /users/me`: any of the fields; `null` clears a link. */
export const updateProfileBodySchema = z.strictObject({
  username: usernameSchema.optional(),
  pictureUrl: httpURLSchema.nullable().optional(),
  externalLink: httpURLSchema.nullable().optional(),
});
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;

const NOT_A_CURSOR = 'Pass back the nextCursor of the previous page.';

export const searchUsersQuerySchema = z.object({
  q: z
    .string({message: 'Say what to search for.'})
    .trim()
    .min(1, {message: 'Say what to search for.'})
    .max(255)
    .check(noNul),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  // The last username of the previous page, in base64url; [V1] one made up to hold a NUL is refused.
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, {message: NOT_A_CURSOR})
    .transform(cursor => Buffer.from(cursor, 'base64url').toString('utf8'))
    .refine(after => !after.includes('\u0000'), {message: NOT_A_CURSOR})
    .optional(),
});

const COLUMN_OF = {username: 'username', pictureUrl: 'picture_url', externalLink: 'external_link'} as const;

// `_` is a LIKE wildcard and a username character; `\` is the escape itself.
const likePrefix = (s: string) => `${likeLiteral(s.toLowerCase())}%`;

export function userRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  app.get('/me', async c => {
    const user = await findUserByID(deps.pool, c.get('session').userID);
    if (!user) throw new ProblemError(404, 'Not Found', 'Your account no longer exists.');
    return c.json({user});
  });

  app.patch('/me', async c => {
    const body = await jsonBody(c, updateProfileBodySchema);
    const values: unknown[] = [c.get('session').userID];
    const sets = Object.entries(COLUMN_OF)
      .filter(([field]) => body[field as keyof UpdateProfileBody] !== undefined)
      .map(([field, column]) => {
        values.push(body[field as keyof UpdateProfileBody]);
        return `${column} = $${values.length}`;
      });
    try {
      const {rows} = await deps.pool.query(
        `UPDATE users SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        values,
      );
      if (!rows[0]) throw new ProblemError(404, 'Not Found', 'Your account no longer exists.');
      return c.json({user: toSelfUser(rows[0])});
    } catch (err) {
      if ((err as {constraint?: string}).constraint === 'users_username_lower_key') {
        throw new ProblemError(409, 'Conflict', 'That username is taken. Choose another.', {
          field: 'username',
        });
      }
      throw err;
    }
  });

  // [AC8] Searching by exact address tells whether it has an account, so it is rate-limited.
  const searchLimit = rateLimit<AuthEnv>(deps, {
    name: 'users.search',
    limit: 60,
    windowSeconds: 60,
    key: c => [ipKey(c, deps), `user:${c.get('session').userID}`],
  });

  app.get('/search', searchLimit, async c => {
    const parsed = searchUsersQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw validationProblem(parsed.error);
    const query = parsed.data;
    const after = query.cursor ?? null;
    // [AC8] A username prefix, or a verified address exactly ([AC11]: in its
    // normalised form): an address someone registered without owning it finds nothing.
    const {rows} = await deps.pool.query(
      `SELECT ${PUBLIC_USER_COLUMNS} FROM users
        WHERE (lower(username) LIKE $1 ESCAPE '\\' OR (${normalizedEmailSQL('email')} = $2 AND email_verified_at IS NOT NULL))
          AND ($3::text IS NULL OR lower(username) > $3)
        ORDER BY lower(username)
        LIMIT $4`,
      [likePrefix(query.q), normalizeEmail(query.q), after, query.limit + 1],
    );
    const users: PublicUser[] = rows.slice(0, query.limit).map(toPublicUser);
    const last = users.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? Buffer.from(last.username.toLowerCase()).toString('base64url')
        : null;
    return c.json({users, nextCursor});
  });

  app.get('/:id', async c => {
    const id = param('id', c.req.param('id'), z.uuid({message: 'Not a user id.'}));
    const {rows} = await deps.pool.query(`SELECT ${PUBLIC_USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    if (!rows[0]) throw new ProblemError(404, 'Not Found', 'There is no user with that id.');
    return c.json({user: toPublicUser(rows[0])});
  });

  return app;
}
