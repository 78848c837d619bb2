import * as z from 'zod/mini';
import {ACCESS_CODE_ALPHABET, limits} from './limits.ts';
import {noNul} from './text.ts';

/**
 * Argument schemas for mutators and REST bodies. Each is exported beside its
 * inferred type. Ids are UUIDs made by the client (Zero inserts cannot use
 * database defaults, and a client-made id makes a retried write idempotent).
 */

export const idSchema = z.uuid({message: 'Must be a UUID.'});

/** Epoch milliseconds. */
export const timestampSchema = z.int().check(z.nonnegative());

export const contentSchema = z.string({message: 'Message content is required.'}).check(
  noNul,
  z.maxLength(limits.messageContentMax, {
    message: `A message can be at most ${limits.messageContentMax} characters.`,
  }),
  z.refine(s => s.trim().length > 0, {message: 'A message cannot be empty.'}),
);

const name = (max: number, what: string) =>
  z
    .string({message: `${what} is required.`})
    .check(
      z.trim(),
      noNul,
      z.minLength(1, {message: `${what} cannot be empty.`}),
      z.maxLength(max, {message: `${what} can be at most ${max} characters.`}),
    );

export const createServerArgsSchema = z.object({
  id: idSchema,
  name: name(limits.serverNameMax, 'Server name'),
  isPrivate: z._default(z.boolean(), false),
  generalRoomID: idSchema,
});
export type CreateServerArgs = z.input<typeof createServerArgsSchema>;

export const accessCodeSchema = z.string({message: 'Access code is required.'}).check(
  z.trim(),
  z.toUpperCase(),
  z.length(limits.accessCodeLength, {
    message: `An access code has ${limits.accessCodeLength} characters.`,
  }),
  z.refine(code => [...code].every(c => ACCESS_CODE_ALPHABET.includes(c)), {
    message: 'That is not a valid access code.',
  }),
);

export const joinServerArgsSchema = z.object({accessCode: accessCodeSchema});
export type JoinServerArgs = z.input<typeof joinServerArgsSchema>;

export const createRoomArgsSchema = z.object({
  id: idSchema,
  serverID: idSchema,
  name: name(limits.roomNameMax, 'Room name'),
  isPrivate: z._default(z.boolean(), false),
});
export type CreateRoomArgs = z.input<typeof createRoomArgsSchema>;

export const sendMessageArgsSchema = z.object({
  id: idSchema,
  roomID: idSchema,
  content: contentSchema,
  parentMessageID: z.optional(idSchema),
  // Set by the client for its optimistic row; the server uses its own clock.
  createdAt: z.optional(timestampSchema),
});
export type SendMessageArgs = z.input<typeof sendMessageArgsSchema>;

export const markRoomReadArgsSchema = z.object({
  roomID: idSchema,
  readAt: timestampSchema,
});
export type MarkRoomReadArgs = z.input<typeof markRoomReadArgsSchema>;

const optionalName = (max: number, what: string) => z.optional(name(max, what));

export const serverIDArgsSchema = z.object({serverID: idSchema});
export type ServerIDArgs = z.input<typeof serverIDArgsSchema>;

export const updateServerArgsSchema = z.object({
  serverID: idSchema,
  name: optionalName(limits.serverNameMax, 'Server name'),
  isPrivate: z.optional(z.boolean()),
});
export type UpdateServerArgs = z.input<typeof updateServerArgsSchema>;

export const memberArgsSchema = z.object({serverID: idSchema, userID: idSchema});
export type MemberArgs = z.input<typeof memberArgsSchema>;

export const setRoleArgsSchema = z.object({
  serverID: idSchema,
  userID: idSchema,
  role: z.enum(['admin', 'member'], {message: 'Role must be admin or member.'}),
});
export type SetRoleArgs = z.input<typeof setRoleArgsSchema>;

export const roomIDArgsSchema = z.object({roomID: idSchema});
export type RoomIDArgs = z.input<typeof roomIDArgsSchema>;

export const updateRoomArgsSchema = z.object({
  roomID: idSchema,
  name: optionalName(limits.roomNameMax, 'Room name'),
  isPrivate: z.optional(z.boolean()),
});
export type UpdateRoomArgs = z.input<typeof updateRoomArgsSchema>;

export const roomMemberArgsSchema = z.object({roomID: idSchema, userID: idSchema});
export type RoomMemberArgs = z.input<typeof roomMemberArgsSchema>;

export const editMessageArgsSchema = z.object({
  id: idSchema,
  content: contentSchema,
  editedAt: z.optional(timestampSchema),
});
export type EditMessageArgs = z.input<typeof editMessageArgsSchema>;

export const messageIDArgsSchema = z.object({id: idSchema});
export type MessageIDArgs = z.input<typeof messageIDArgsSchema>;

export const emojiSchema = z
  .string({message: 'Emoji is required.'})
  .check(
    z.trim(),
    noNul,
    z.minLength(1, {message: 'Emoji is required.'}),
    z.maxLength(64, {message: 'That is not an emoji.'}),
  );

export const addReactionArgsSchema = z.object({id: idSchema, messageID: idSchema, emoji: emojiSchema});
export type AddReactionArgs = z.input<typeof addReactionArgsSchema>;

export const removeReactionArgsSchema = z.object({messageID: idSchema, emoji: emojiSchema});
export type RemoveReactionArgs = z.input<typeof removeReactionArgsSchema>;
