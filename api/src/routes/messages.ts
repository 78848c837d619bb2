import {randomUUID} from 'node:crypto';
import {
  emojiSchema,
  idSchema,
  limits,
  sendMessageArgsSchema,
  type Schema,
  whereMessageReadable,
  whereRoomReadable,
  zql,
} from '@chorus/schema';
import type {Query} from '@rocicorp/zero';
import {Hono} from 'hono';
import {z} from 'zod';
import {requireAuth, type AuthEnv} from '../auth/middleware.ts';
import type {Deps} from '../deps.ts';
import {writeBudget} from '../http/app-limits.ts';
import {ProblemError} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {contextOf} from '../zero/routes.ts';
import {inTransaction, runMutator} from '../zero/run.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import {messageJSON} from './serialize.ts';

/** [MS1][DM4] A message for a room or, with `conversationId` instead, a direct conversation. */
export const sendBodySchema = z
  .object({
    id: z.optional(idSchema),
    roomId: z.optional(idSchema),
    conversationId: z.optional(idSchema),
    content: sendMessageArgsSchema.shape.content,
    parentMessageId: z.optional(idSchema),
  })
  .refine(b => (b.roomId === undefined) !== (b.conversationId === undefined), {
    message: 'Give either roomId or conversationId.',
    path: ['roomId'],
  });

export const editBodySchema = z.object({content: sendMessageArgsSchema.shape.content});
export const reactBodySchema = z.object({emoji: emojiSchema});

/**
 * Cursor for history pages: the (createdAt, id) of the last message returned.
 * createdAt need not be whole: rows written in SQL carry microseconds, which
 * Zero reads as fractional milliseconds.
 */
const cursorSchema = z.string().transform((s, ctx) => {
  try {
    const parsed = z
      .object({createdAt: z.number(), id: idSchema})
      .parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return parsed;
  } catch {
    ctx.addIssue({code: 'custom', message: 'Not a valid cursor; use nextCursor from a previous page.'});
    return z.NEVER;
  }
});

export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(limits.messagePageMax).default(50),
  before: cursorSchema.optional(),
});

const encodeCursor = (m: {createdAt: number; id: string}) =>
  Buffer.from(JSON.stringify({createdAt: m.createdAt, id: m.id})).toString('base64url');

// messageJSON groups reactions by emoji in the order the emoji were first used.
const inFirstUseOrder = (q: Query<'messageReactions', Schema>) =>
  q.orderBy('createdAt', 'asc').orderBy('id', 'asc');

/**
 * One page of top-level messages of `q` (a room's or a conversation's, whose
 * access the caller checked), newest first, with the cursor of the next.
 */
export async function messagePage(
  deps: Deps,
  q: Query<'messages', Schema>,
  page: z.infer<typeof historyQuerySchema>,
) {
  let pageQuery = q
    .where('parentMessageID', 'IS', null)
    .related('author')
    .related('reactions', inFirstUseOrder)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.before) pageQuery = pageQuery.start(page.before, {inclusive: false});
  const rows = await deps.zqlDb.run(pageQuery);
  const messages = rows.slice(0, page.limit);
  const last = messages.at(-1);
  return {
    messages: messages.map(messageJSON),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}

export function messageRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireAuth(deps));

  async function readableMessage(userID: string, id: string) {
    return deps.zqlDb.run(
      whereMessageReadable(zql.messages.where('id', id), userID)
        .related('author')
        .related('reactions', inFirstUseOrder)
        .one(),
    );
  }

  app.post('/', async c => {
    const body = await jsonBody(c, sendBodySchema);
    const ctx = contextOf(c.get('session'));
    const id = body.id ?? randomUUID();
    // [MS3] a retried POST with the same id answers 200 with the stored message.
    // One indexed row by key, not a readable-message query: this is the send
    // path every client takes (OB5), and the fast lane waits for its commit.
    // [RL1] The write budget is counted meanwhile, and settled before anything is written.
    const [, {rows: prior}] = await Promise.all([
      writeBudget(c),
      deps.pool.query<{
        user_id: string;
        room_id: string | null;
        conversation_id: string | null;
      }>('SELECT user_id, room_id, conversation_id FROM public.messages WHERE id = $1', [id]),
    ]);
    const mine = prior[0]?.user_id === ctx.userID;
    const same = body.roomId
      ? prior[0]?.room_id === body.roomId
      : prior[0]?.conversation_id === body.conversationId;
    if (mine && same) {
      const before = await readableMessage(ctx.userID, id);
      if (before) return c.json(messageJSON(before), 200);
    }
    const parentMessageID = body.parentMessageId;
    await inTransaction(deps, tx =>
      body.roomId
        ? serverMutators.message.send.fn({
            tx,
            ctx,
            args: {id, roomID: body.roomId, content: body.content, parentMessageID},
          })
        : serverMutators.conversation.send.fn({
            tx,
            ctx,
            args: {id, conversationID: body.conversationId!, content: body.content, parentMessageID},
          }),
    );
    const message = await readableMessage(ctx.userID, id);
    if (!message) throw new Error(`message ${id} missing after insert`);
    return c.json(messageJSON(message), 201);
  });

  app.get('/room/:roomId', async c => {
    const roomID = param('roomId', c.req.param('roomId'), idSchema);
    const query = historyQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      const issue = query.error.issues[0];
      throw new ProblemError(400, 'Invalid input', `${issue?.path.join('.')}: ${issue?.message}`, {
        field: String(issue?.path[0] ?? 'query'),
      });
    }
    const {userID} = c.get('session');
    const room = await deps.zqlDb.run(whereRoomReadable(zql.rooms.where('id', roomID), userID).one());
    if (!room) throw new ProblemError(404, 'Not Found', 'That room does not exist or you cannot read it.');
    return c.json(await messagePage(deps, zql.messages.where('roomID', roomID), query.data));
  });

  app.patch('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    const {content} = await jsonBody(c, editBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.message.edit, ctx, {id, content});
    const message = await readableMessage(ctx.userID, id);
    if (!message) throw new Error(`message ${id} missing after edit`);
    return c.json(messageJSON(message));
  });

  app.delete('/:id', async c => {
    const id = param('id', c.req.param('id'), idSchema);
    await runMutator(deps, serverMutators.message.delete, contextOf(c.get('session')), {id});
    return c.body(null, 204);
  });

  app.post('/:id/react', async c => {
    const messageID = param('id', c.req.param('id'), idSchema);
    const {emoji} = await jsonBody(c, reactBodySchema);
    const ctx = contextOf(c.get('session'));
    await runMutator(deps, serverMutators.reaction.add, ctx, {id: randomUUID(), messageID, emoji});
    return c.json({messageId: messageID, emoji, userId: ctx.userID}, 201);
  });

  app.delete('/:id/react', async c => {
    const messageID = param('id', c.req.param('id'), idSchema);
    // The emoji may come as ?emoji= (DELETE bodies are often dropped by proxies) or in a JSON body.
    const fromQuery = c.req.query('emoji');
    const emoji =
      fromQuery !== undefined
        ? param('emoji', fromQuery, emojiSchema)
        : (await jsonBody(c, z.object({emoji: emojiSchema}))).emoji;
    const ctx = contextOf(c.get('session'));
    // Reading the message first keeps "not found" the same for strangers as for missing messages.
    if (!(await readableMessage(ctx.userID, messageID))) {
      throw new ProblemError(404, 'Not Found', 'That message does not exist or you cannot read it.');
    }
    await runMutator(deps, serverMutators.reaction.remove, ctx, {messageID, emoji});
    return c.body(null, 204);
  });

  return app;
}
