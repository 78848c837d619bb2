import {z} from 'zod';
import {ACCESS_CODE_ALPHABET, limits} from './limits.ts';

/**
 * Argument schemas for mutators and REST bodies. Each is exported beside its
 * inferred type. Ids are UUIDs made by the client (Zero inserts cannot use
 * database defaults, and a client-made id makes a retried write idempotent).
 */

export const idSchema = z.uuid({message: 'Must be a UUID.'});

const name = (max: number, what: string) =>
  z
    .string({message: `${what} is required.`})
    .trim()
    .min(1, {message: `${what} cannot be empty.`})
    .max(max, {message: `${what} can be at most ${max} characters.`});

export const createServerArgsSchema = z.object({
  id: idSchema,
  name: name(limits.serverNameMax, 'Server name'),
  isPrivate: z.boolean().default(false),
  generalRoomID: idSchema,
});
export type CreateServerArgs = z.input<typeof createServerArgsSchema>;

export const accessCodeSchema = z
  .string({message: 'Access code is required.'})
  .trim()
  .toUpperCase()
  .length(limits.accessCodeLength, {
    message: `An access code has ${limits.accessCodeLength} characters.`,
  })
  .refine(code => [...code].every(c => ACCESS_CODE_ALPHABET.includes(c)), {
    message: 'That is not a valid access code.',
  });

export const joinServerArgsSchema = z.object({accessCode: accessCodeSchema});
export type JoinServerArgs = z.input<typeof joinServerArgsSchema>;

export const createRoomArgsSchema = z.object({
  id: idSchema,
  serverID: idSchema,
  name: name(limits.roomNameMax, 'Room name'),
  isPrivate: z.boolean().default(false),
});
export type CreateRoomArgs = z.input<typeof createRoomArgsSchema>;

export const sendMessageArgsSchema = z.object({
  id: idSchema,
  roomID: idSchema,
  content: z
    .string({message: 'Message content is required.'})
    .max(limits.messageContentMax, {
      message: `A message can be at most ${limits.messageContentMax} characters.`,
    })
    .refine(s => s.trim().length > 0, {message: 'A message cannot be empty.'}),
  parentMessageID: idSchema.optional(),
  // Set by the client for its optimistic row; the server uses its own clock.
  createdAt: z.number().int().nonnegative().optional(),
});
export type SendMessageArgs = z.input<typeof sendMessageArgsSchema>;

export const markRoomReadArgsSchema = z.object({
  roomID: idSchema,
  readAt: z.number().int().nonnegative(),
});
export type MarkRoomReadArgs = z.input<typeof markRoomReadArgsSchema>;

const optionalName = (max: number, what: string) => name(max, what).optional();

export const serverIDArgsSchema = z.object({serverID: idSchema});
export type ServerIDArgs = z.input<typeof serverIDArgsSchema>;

export const updateServerArgsSchema = z.object({
  serverID: idSchema,
  name: optionalName(limits.serverNameMax, 'Server name'),
  isPrivate: z.boolean().optional(),
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
  isPrivate: z.boolean().optional(),
});
export type UpdateRoomArgs = z.input<typeof updateRoomArgsSchema>;

export const roomMemberArgsSchema = z.object({roomID: idSchema, userID: idSchema});
export type RoomMemberArgs = z.input<typeof roomMemberArgsSchema>;

const contentSchema = z
  .string({message: 'Message content is required.'})
  .max(limits.messageContentMax, {
    message: `A message can be at most ${limits.messageContentMax} characters.`,
  })
  .refine(s => s.trim().length > 0, {message: 'A message cannot be empty.'});

export const editMessageArgsSchema = z.object({
  id: idSchema,
  content: contentSchema,
  editedAt: z.number().int().nonnegative().optional(),
});
export type EditMessageArgs = z.input<typeof editMessageArgsSchema>;

export const messageIDArgsSchema = z.object({id: idSchema});
export type MessageIDArgs = z.input<typeof messageIDArgsSchema>;

export const emojiSchema = z
  .string({message: 'Emoji is required.'})
  .trim()
  .min(1, {message: 'Emoji is required.'})
  .max(64, {message: 'That is not an emoji.'});

export const addReactionArgsSchema = z.object({id: idSchema, messageID: idSchema, emoji: emojiSchema});
export type AddReactionArgs = z.input<typeof addReactionArgsSchema>;

export const removeReactionArgsSchema = z.object({messageID: idSchema, emoji: emojiSchema});
export type RemoveReactionArgs = z.input<typeof removeReactionArgsSchema>;
