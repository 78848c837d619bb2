import {randomUUID} from 'node:crypto';
import {
  dmChannel,
  emojiSchema,
  idSchema,
  roomChannel,
  sendMessageArgsSchema,
  whereConversationMember,
  whereMessageReadable,
  whereRoomReadable,
  zql,
  type AuthContext,
} from '@chorus/schema';
import {Hono} from 'hono';
import {z} from 'zod';
import type {Deps} from '../deps.ts';
import {onError, ProblemError, validationProblem} from '../http/problem.ts';
import {jsonBody, param} from '../http/validate.ts';
import {fileJSON, fileUploads, uploadCompleteBodySchema, uploadRequestBodySchema} from '../files/uploads.ts';
import {mayUseChannel} from '../live/authorize.ts';
import {historyQuerySchema, messagePage} from '../routes/messages.ts';
import {messageJSON, roomJSON} from '../routes/serialize.ts';
import {inTransaction, runMutator} from '../zero/run.ts';
import {
  agentRateLimit,
  audit,
  keyAuth,
  note,
  requireScope,
  type AgentEnv,
  type Audit,
} from './gateway-chain.ts';
import {serverMutators} from '../zero/server-mutators.ts';
import type {Agent} from './store.ts';

export const gatewaySendBodySchema = z
  .strictObject({
    id: z.optional(idSchema),
    roomId: z.optional(idSchema),
    conversationId: z.optional(idSchema),
    content: sendMessageArgsSchema.shape.content,
    parentId: z.optional(idSchema),
  })
  .refine(b => (b.roomId === undefined) !== (b.conversationId === undefined), {
    message: 'Give either roomId or conversationId.',
    path: ['roomId'],
  });

export const gatewayEditBodySchema = z.strictObject({content: sendMessageArgsSchema.shape.content});
export const gatewayReactBodySchema = z.strictObject({emoji: emojiSchema});
export const gatewayTypingBodySchema = z
  .strictObject({roomId: z.optional(idSchema), conversationId: z.optional(idSchema)})
  .refine(b => (b.roomId === undefined) !== (b.conversationId === undefined), {
    message: 'Give either roomId or conversationId.',
    path: ['roomId'],
  });

const FILES_PATH = '/api/agent/v1/files';

/**
 * [AG5] The agent gateway, `/api/agent/v1`: what AI agents call, with their
 * own chain: key → rate limit → audit → scope. Writes run the same server
 * mutators as people's (so the same rules, and the same live events and
 * webhooks); reads use the same read rules.
 */
export function agentGateway(deps: Deps) {
  const app = new Hono<AgentEnv>();
  app.onError(onError);
  app.use('*', keyAuth(deps));
  app.use('*', agentRateLimit(deps));
  app.use('*', audit(deps));

  const ctxOf = (agent: Agent): AuthContext => ({userID: agent.id, emailVerified: true});

  async function readableMessage(agent: Agent, id: string) {
    return deps.zqlDb.run(
      whereMessageReadable(zql.messages.where('id', id), agent.id)
        .related('author')
        .related('reactions')
        .one(),
    );
  }

  app.get('/me', c => {
    const agent = c.get('agent');
    note(c, {action: 'me.read'});
    return c.json({
      id: agent.id,
      name: agent.name,
      pictureUrl: agent.pictureUrl,
      userType: 'ai_agent',
      scopes: agent.scopes,
      rateLimitPerHour: agent.rateLimitPerHour,
    });
  });

  app.get('/rooms', requireScope('messages:read'), async c => {
    const agent = c.get('agent');
    note(c, {action: 'rooms.list'});
    const rooms = await deps.zqlDb.run(whereRoomReadable(zql.rooms, agent.id).orderBy('createdAt', 'asc'));
    const conversations = await deps.zqlDb.run(
      whereConversationMember(zql.directConversations, agent.id).related('members'),
    );
    return c.json({
      rooms: rooms.map(roomJSON),
      conversations: conversations.map(conv => ({
        id: conv.id,
        isGroup: conv.isGroup,
        memberIds: conv.members.map(m => m.userID),
      })),
    });
  });

  app.get('/rooms/:roomId/messages', requireScope('messages:read'), async c => {
    const agent = c.get('agent');
    const roomID = param('roomId', c.req.param('roomId'), idSchema);
    note(c, {action: 'messages.read', roomID});
    const query = historyQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationProblem(query.error);
    // [AG4] Only rooms the agent was added to, by the read rules.
    const room = await deps.zqlDb.run(whereRoomReadable(zql.rooms.where('id', roomID), agent.id).one());
    if (!room)
      throw new ProblemError(404, 'Not Found', 'That room does not exist or this agent is not in it.');
    return c.json(await messagePage(deps, zql.messages.where('roomID', roomID), query.data));
  });

  app.get('/conversations/:id/messages', requireScope('messages:read'), async c => {
    const agent = c.get('agent');
    const conversationID = param('id', c.req.param('id'), idSchema);
    note(c, {action: 'messages.read', conversationID});
    const query = historyQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationProblem(query.error);
    const conversation = await deps.zqlDb.run(
      whereConversationMember(zql.directConversations.where('id', conversationID), agent.id).one(),
    );
    if (!conversation) {
      throw new ProblemError(
        404,
        'Not Found',
        'That conversation does not exist or this agent is not in it.',
      );
    }
    return c.json(await messagePage(deps, zql.messages.where('conversationID', conversationID), query.data));
  });

  app.post('/messages', requireScope('messages:write'), async c => {
    const agent = c.get('agent');
    const body = await jsonBody(c, gatewaySendBodySchema);
    const id = body.id ?? randomUUID();
    note(c, {
      action: 'message.send',
      roomID: body.roomId,
      conversationID: body.conversationId,
      details: {messageId: id},
    });
    const before = await readableMessage(agent, id);
    if (before && before.userID === agent.id) return c.json(messageJSON(before), 200);
    const ctx = ctxOf(agent);
    await inTransaction(deps, tx =>
      body.roomId
        ? serverMutators.message.send.fn({
            tx,
            ctx,
            args: {id, roomID: body.roomId, content: body.content, parentMessageID: body.parentId},
          })
        : serverMutators.conversation.send.fn({
            tx,
            ctx,
            args: {
              id,
              conversationID: body.conversationId!,
              content: body.content,
              parentMessageID: body.parentId,
            },
          }),
    );
    const message = await readableMessage(agent, id);
    if (!message) throw new Error(`message ${id} missing after insert`);
    return c.json(messageJSON(message), 201);
  });

  app.patch('/messages/:id', requireScope('messages:write'), async c => {
    const agent = c.get('agent');
    const id = param('id', c.req.param('id'), idSchema);
    note(c, {action: 'message.edit', details: {messageId: id}});
    const {content} = await jsonBody(c, gatewayEditBodySchema);
    await placeOf(c, await readableMessage(agent, id));
    await runMutator(deps, serverMutators.message.edit, ctxOf(agent), {id, content});
    return c.json(messageJSON((await readableMessage(agent, id))!));
  });

  app.delete('/messages/:id', requireScope('messages:write'), async c => {
    const agent = c.get('agent');
    const id = param('id', c.req.param('id'), idSchema);
    note(c, {action: 'message.delete', details: {messageId: id}});
    const message = await placeOf(c, await readableMessage(agent, id));
    // [AG5] Its own messages only, even where it might moderate.
    if (message.userID !== agent.id) {
      throw new ProblemError(403, 'Forbidden', 'An agent deletes only its own messages.');
    }
    await runMutator(deps, serverMutators.message.delete, ctxOf(agent), {id});
    return c.body(null, 204);
  });

  app.post('/messages/:id/reactions', requireScope('reactions:write'), async c => {
    const agent = c.get('agent');
    const messageID = param('id', c.req.param('id'), idSchema);
    const {emoji} = await jsonBody(c, gatewayReactBodySchema);
    note(c, {action: 'reaction.add', details: {messageId: messageID, emoji}});
    await placeOf(c, await readableMessage(agent, messageID));
    await runMutator(deps, serverMutators.reaction.add, ctxOf(agent), {id: randomUUID(), messageID, emoji});
    return c.json({messageId: messageID, emoji, userId: agent.id}, 201);
  });

  app.post('/typing', requireScope('messages:write'), async c => {
    const agent = c.get('agent');
    const body = await jsonBody(c, gatewayTypingBodySchema);
    note(c, {action: 'typing', roomID: body.roomId, conversationID: body.conversationId});
    let channel: string | undefined;
    if (body.roomId) {
      const room = await deps.zqlDb.run(zql.rooms.where('id', body.roomId).one());
      if (room) channel = roomChannel(room.serverID, room.id);
    } else {
      channel = dmChannel(body.conversationId!);
    }
    if (!channel || !(await mayUseChannel(deps, agent.id, channel))) {
      throw new ProblemError(404, 'Not Found', 'That place does not exist or this agent is not in it.');
    }
    deps.live?.publisher.publish([
      {channel, name: 'typing.start', data: {userID: agent.id, parentMessageID: null}, at: Date.now()},
    ]);
    return c.body(null, 204);
  });

  // [AG5][FL1]–[FL4] Files on its own messages: the same rules, limits and quota as people's uploads.
  const files = fileUploads(deps);

  app.post('/files/upload/request', requireScope('files:write'), async c => {
    const body = await jsonBody(c, uploadRequestBodySchema);
    note(c, {
      action: 'file.request',
      roomID: body.roomId,
      conversationID: body.conversationId,
      details: {fileName: body.fileName, fileSize: body.fileSize, mimeType: body.mimeType},
    });
    return c.json(await files.request(ctxOf(c.get('agent')), body), 201);
  });

  app.post('/files/upload/complete', requireScope('files:write'), async c => {
    const body = await jsonBody(c, uploadCompleteBodySchema);
    note(c, {action: 'file.complete', details: {uploadId: body.uploadId, messageId: body.messageId}});
    const file = await files.complete(c.get('agent').id, body);
    note(c, {roomID: file.room_id ?? undefined, conversationID: file.conversation_id ?? undefined});
    return c.json(fileJSON(file, FILES_PATH));
  });

  app.get('/files/:id/download', requireScope('messages:read'), async c => {
    const id = param('id', c.req.param('id'), idSchema);
    note(c, {action: 'file.download', details: {fileId: id}});
    const thumbnail = c.req.query('thumbnail') === '1';
    return c.redirect(await files.downloadURL(c.get('agent').id, id, thumbnail), 302);
  });

  return app;
}

/** The message's room or conversation goes into the audit row; a message the agent cannot read is 404. */
async function placeOf<M extends {roomID?: string | null; conversationID?: string | null}>(
  c: {get: (k: 'audit') => Audit},
  message: M | undefined,
): Promise<M> {
  if (!message)
    throw new ProblemError(404, 'Not Found', 'That message does not exist or this agent cannot read it.');
  Object.assign(c.get('audit'), {
    roomID: message.roomID ?? undefined,
    conversationID: message.conversationID ?? undefined,
  });
  return message;
}
