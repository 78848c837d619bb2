import {liveEventNames} from '@chorus/schema';
import * as z from 'zod/mini';

const member = z.object({userID: z.string(), status: z.enum(['online', 'idle'])});

/**
 * The hub's frames (`HubServerMessage` in @chorus/schema), checked at the
 * client's edge. A plain union, not `z.discriminatedUnion`: zod's code for
 * each schema kind sits in the one zod chunk the room route loads, even when
 * only this lazy module uses it (0.4 kB gzipped), and the frames are few and small.
 */
export const hubServerMessageSchema = z.union([
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

/** The part of the browser's WebSocket the hub client uses (the `ws` package's fits too, for tests). */
export type HubSocket = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: {data: unknown}) => void) | null;
  onclose: ((event: {code: number}) => void) | null;
  onerror: ((event: unknown) => void) | null;
};

/** Opens the browser's own WebSocket. */
export const browserSocket = (url: string) => new WebSocket(url) as unknown as HubSocket;
