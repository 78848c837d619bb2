import * as z from 'zod/mini';
import {authedApi} from '../stores/auth-store.ts';

/** What an agent may do with its key (AG5), in the order the form lists them. */
export const AGENT_SCOPES = ['messages:read', 'messages:write', 'reactions:write', 'files:write'] as const;

/** What an agent's webhook hears of (AG8): every new message where it is, or only mentions and its DMs. */
export const WEBHOOK_EVENTS = ['all', 'mentions'] as const;
export type WebhookEvents = (typeof WEBHOOK_EVENTS)[number];

/** An agent as its owner sees it (AG1): never its key, only the prefix that recognises it. */
export const agentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  pictureUrl: z.nullable(z.string()),
  webhookUrl: z.nullable(z.string()),
  webhookEvents: z.enum(WEBHOOK_EVENTS),
  scopes: z.array(z.string()),
  rateLimitPerHour: z.number(),
  keyPrefix: z.nullable(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

/** The secrets the server shows once (AG2, AG8): a new key, a first webhook's signing secret. */
export type AgentSecrets = {apiKey?: string | undefined; webhookSecret?: string | undefined};

/** What the create form and the edit form send. */
export type AgentFields = {
  name: string;
  pictureUrl: string | null;
  webhookUrl: string | null;
  webhookEvents: WebhookEvents;
  scopes: string[];
  rateLimitPerHour: number;
};

const createdAgentSchema = z.extend(agentSchema, {
  apiKey: z.string(),
  webhookSecret: z.optional(z.string()),
});
const updatedAgentSchema = z.extend(agentSchema, {webhookSecret: z.optional(z.string())});

export const agentLogSchema = z.object({
  id: z.string(),
  action: z.string(),
  roomId: z.nullable(z.string()),
  conversationId: z.nullable(z.string()),
  details: z.nullable(z.unknown()),
  outcome: z.string(),
  status: z.nullable(z.number()),
  at: z.string(),
});
export type AgentLog = z.infer<typeof agentLogSchema>;

export const deliverySchema = z.object({
  id: z.string(),
  eventType: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastStatus: z.nullable(z.number()),
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  deliveredAt: z.nullable(z.string()),
});
export type Delivery = z.infer<typeof deliverySchema>;

const testResultSchema = z.object({
  id: z.string(),
  delivered: z.boolean(),
  status: z.nullable(z.number()),
  error: z.nullable(z.string()),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const listAgents = async () =>
  (await authedApi('/agents', z.object({agents: z.array(agentSchema)}))).agents;

export const getAgent = (id: string) => authedApi(`/agents/${id}`, agentSchema);

export const createAgent = (fields: AgentFields) => authedApi('/agents', createdAgentSchema, {body: fields});

export const updateAgent = (id: string, changes: Partial<AgentFields>) =>
  authedApi(`/agents/${id}`, updatedAgentSchema, {method: 'PATCH', body: changes});

export const rotateKey = (id: string) =>
  authedApi(`/agents/${id}/keys`, z.object({apiKey: z.string(), keyPrefix: z.string()}), {
    method: 'POST',
  });

export const deleteAgent = (id: string) => authedApi(`/agents/${id}`, z.unknown(), {method: 'DELETE'});

export const sendTestEvent = (id: string) =>
  authedApi(`/agents/${id}/webhook`, testResultSchema, {method: 'POST'});

export type LogFilters = {action?: string | undefined; roomId?: string | undefined; before?: string};

export async function agentLogs(id: string, filters: LogFilters, limit: number) {
  const query = new URLSearchParams({limit: String(limit)});
  for (const key of ['action', 'roomId', 'before'] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  return (await authedApi(`/agents/${id}/logs?${query}`, z.object({logs: z.array(agentLogSchema)}))).logs;
}

export const failedDeliveries = async (id: string) =>
  (await authedApi(`/agents/${id}/deliveries?status=failed`, z.object({deliveries: z.array(deliverySchema)})))
    .deliveries;

export const replayDelivery = (id: string, deliveryID: string) =>
  authedApi(`/agents/${id}/deliveries/${deliveryID}/replay`, z.unknown(), {method: 'POST'});

/** [AG4] Adds one of my agents to a server I own or manage (a no-op when it is there already). */
export async function addAgentToServer(serverID: string, agentID: string): Promise<void> {
  await authedApi(`/servers/${serverID}/agents`, z.unknown(), {body: {agentId: agentID}});
}
