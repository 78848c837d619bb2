import {clientEventNames, presenceStatuses, type HubClientMessage} from '@chorus/schema';
import {z} from 'zod';

const channelName = z.string().min(1).max(200);

/** [LV4][LV5] What the hub accepts from a client: one of these frames, nothing else. */
export const hubClientMessageSchema: z.ZodType<HubClientMessage> = z.discriminatedUnion('type', [
  z.strictObject({type: z.literal('auth'), token: z.string().min(1).max(4096)}),
  z.strictObject({type: z.literal('attach'), channel: channelName}),
  z.strictObject({type: z.literal('detach'), channel: channelName}),
  z.strictObject({
    type: z.literal('publish'),
    channel: channelName,
    name: z.enum(clientEventNames),
    // Only a thread to type in: who typed is the socket's person [LV4].
    data: z.object({parentMessageID: z.string().max(64).nullable().optional()}).optional(),
  }),
  z.strictObject({
    type: z.literal('presence'),
    channel: channelName,
    action: z.enum(['enter', 'update', 'leave']),
    status: z.enum(presenceStatuses).optional(),
  }),
  z.strictObject({type: z.literal('ping')}),
]);
