import {liveEventNames} from '@chorus/schema';
import * as z from 'zod/mini';

const member = z.object({userID: z.string(), status: z.enum(['online', 'idle'])});

/** The hub's frames (`HubServerMessage` in @chorus/schema), checked at the client's edge. */
export const hubServerMessageSchema = z.discriminatedUnion('type', [
  z.object({type: z.literal('ready'), userID: z.string()}),
  z.object({type: z.literal('attached'), channel: z.string(), presence: z.optional(z.array(member))}),
  z.object({type: z.literal('detached'), channel: z.string(), reason: z.string()}),
  z.object({
    type: z.literal('event'),
    channel: z.string(),
    name: z.enum(liveEventNames),
    data: z.unknown(),
    at: z.number(),
  }),
  z.object({
    type: z.literal('presence'),
    channel: z.string(),
    action: z.enum(['enter', 'update', 'leave']),
    member,
  }),
  z.object({type: z.literal('pong')}),
  z.object({type: z.literal('error'), message: z.string()}),
]);
