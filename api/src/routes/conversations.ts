import {randomUUID} from 'node:crypto';
import {
  createConversation,
  idSchema,
  limits,
  whereConversationMember,
  zql,
  type AuthContext,
} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {ProblemError, validationProblem} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {lockPair} from '../zero/social-mutators.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction, runMutator} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import {historyQuerySchema, messagePage} from './messages.ts';
import {publicUserJSON} from './serialize.ts';

export const addMemberBodySchema = z.strictObject({userId: idSchema});
export const readBodySchema = z.strictObject({readAt: z.optional(z.iso.datetime({offset: true}))});
export const createBodySchema = z.strictObject({
  id: z.optional(idSchema),
  userIds: z
    .array(idSchema)
    .min(1, {message: 'Choose at least one person.'})
    .max(limits.conversationMembersMax - 1, {
      message: `A group can have at most ${limits.conversationMembersMax} people.`,
    }),
});

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

const notFound = () =>
  new ProblemError(404, 'Not Found', 'That conversation does not exist or you are not in it.');

/**
 * [DM1]–[DM5] Direct conversations (`/api/v1/conversations`). Changes run
 * the shared rules of `mutations/conversations.ts`, as a Zero push does.
 */
export function conversationRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  /** [DM2][DM5] My conversations with their people and my unread count, latest activity first. */
  async function list(userID: string, conversationID?: string) {
    const rows = await deps.zqlDb.run(
      whereConversationMember(
        conversationID ? zql.directConversations.where('id', conversationID) : zql.directConversations,
        userID,
      )
        .related('members', m => m.related('user').orderBy('joinedAt', 'asc').orderBy('userID', 'asc'))
        .orderBy('lastMessageAt', 'desc')
        .orderBy('createdAt', 'desc')
        .limit(500),
    );
    const unread = await unreadCounts(
      userID,
      rows.map(r => r.id),
    );
    return rows.map(c => ({
      id: c.id,
      isGroup: c.isGroup,
      createdBy: c.createdBy ?? null,
      createdAt: iso(c.createdAt),
      lastMessageAt: iso(c.lastMessageAt),
      members: c.members.flatMap(m => (m.user ? [publicUserJSON(m.user)] : [])),
      unreadCount: unread.get(c.id) ?? 0,
    }));
  }

  /** [DM5] Others' top-level messages after my read mark, per conversation (one query). */
  async function unreadCounts(userID: string, ids: string[]) {
    if (ids.length === 0) return new Map<string, number>();
    const {rows} = await deps.pool.query<{conversation_id: string; unread: number}>(
      `SELECT m.conversation_id, count(*)::int AS unread
         FROM messages m
         JOIN direct_conversation_members dm ON dm.conversation_id = m.conversation_id AND dm.user_id = $1
        WHERE m.conversation_id = ANY($2) AND m.parent_message_id IS NULL AND m.deleted_at IS NULL
          AND m.user_id IS DISTINCT FROM $1
          AND (dm.last_read_at IS NULL OR m.created_at > dm.last_read_at)
        GROUP BY m.conversation_id`,
      [userID, ids],
    );
    return new Map(rows.map(r => [r.conversation_id, r.unread]));
  }

  async function one(userID: string, id: string) {
    const [conversation] = await list(userID, id);
    if (!conversation) throw notFound();
    return conversation;
  }

  app.post('/', async c => {
    const body = await jsonBody(c, createBodySchema);
    const ctx: AuthContext = contextOf(c.get('session'));
    const others = [...new Set(body.userIds)].filter(id => id !== ctx.userID);
    const outcome = await inTransaction(deps, async tx => {
      if (others.length === 1) await lockPair(tx, ctx.userID, others[0]!);
      return createConversation(tx, ctx, {id: body.id ?? randomUUID(), userIDs: body.userIds}, Date.now());
    });
    return c.json(await one(ctx.userID, outcome.id), outcome.created ? 201 : 200);
  });

  app.get('/', async c => c.json({conversations: await list(c.get('session').userID)}));

  app.get('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    return c.json(await one(c.get('session').userID, id));
  });

  app.get('/:id/messages', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const query = historyQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationProblem(query.error);
    await one(c.get('session').userID, id);
    return c.json(await messagePage(deps, zql.messages.where('conversationID', id), query.data));
  });

  app.post('/:id/members', async c => {
    const conversationID = param('id', c.req.param('id'), idSchema);
    const {userId} = await jsonBody(c, addMemberBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.conversation.addMember, ctx, {conversationID, userID: userId});
    return c.json(await one(ctx.userID, conversationID));
  });

  app.delete('/:id/members/me', async c => {
    const conversationID = param('id', c.req.param('id'), idSchema);
    await runMutator(deps, serverMutators.conversation.leave, contextOf(c.get('session')), {conversationID});
    return c.body(null, 204);
  });

  /** [DM5] Marks the conversation read up to `readAt` (default: now). */
  app.post('/:id/read', async c => {
    const conversationID = param('id', c.req.param('id'), idSchema);
    const hasBody = (c.req.header('content-type') ?? '').includes('application/json');
    const body = hasBody ? await jsonBody(c, readBodySchema) : {};
    const readAt = body.readAt ? Date.parse(body.readAt) : Date.now();
    await runMutator(deps, serverMutators.conversation.markRead, contextOf(c.get('session')), {
      conversationID,
      readAt,
    });
    return c.body(null, 204);
  });

  return app;
}
