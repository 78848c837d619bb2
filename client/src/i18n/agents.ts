import {format, pluralizer, type Instant} from './format.ts';
import {catalogSection} from './index.ts';

const plural = pluralizer('en');
const n = format.number;

/**
 * Settings → AI agents, an agent's page and a server's agents. The AI badge
 * beside a name is in `en.ts`: the room route shows it.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `AgentsCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const agentsEn = {
  intro:
    'Agents take part in your servers through the agent API, with a key you keep secret. They read and write only where you add them, within their scopes.',
  loading: 'Loading your agents…',
  list: 'Your agents',
  empty: 'You have no agents yet. Create one, then add it to a server you own or manage.',
  create: 'Create an agent',
  createSubmit: 'Create agent',
  creating: 'Creating…',
  open: (name: string) => `Manage ${name}`,
  deleted: 'Deleted',
  noWebhook: 'No webhook',
  keyPrefix: (prefix: string) => `Key ${prefix}…`,
  summary: (scopes: number, perHour: number) =>
    `${plural(scopes, {one: '1 scope', other: `${n(scopes)} scopes`})} · ${n(perHour)} calls an hour`,
  fields: {
    name: 'Name',
    nameHint: 'Shown as its username: 2–32 letters, digits, dots, dashes or underscores.',
    pictureUrl: 'Picture URL',
    pictureHint: 'A link to an image. Leave empty for none.',
    webhookUrl: 'Webhook URL',
    webhookHint: 'Chorus POSTs signed events here (new messages where the agent is). Leave empty for none.',
    urlPlaceholder: 'https://…',
    webhookEvents: 'Webhook events',
    webhookEventsHint: 'Which new messages the webhook hears of. Direct messages to the agent always count.',
    webhookEventNames: {
      all: 'Every message where the agent is',
      mentions: 'Only messages that mention it, and its direct messages',
    },
    scopes: 'Scopes',
    scopesHint: 'What the agent may do with its key.',
    scopeNames: {
      'messages:read': 'Read messages (messages:read)',
      'messages:write': 'Send, edit and delete its messages (messages:write)',
      'reactions:write': 'React to messages (reactions:write)',
      'files:write': 'Upload files (files:write)',
    } as Record<string, string>,
    rateLimit: 'Calls per hour',
    rateLimitHint: 'API calls the agent may make each hour (1–100,000).',
    rateLimitInvalid: 'Enter a whole number from 1 to 100,000.',
  },
  secret: {
    createdTitle: (name: string) => `${name} is ready`,
    rotatedTitle: (name: string) => `New key for ${name}`,
    webhookTitle: (name: string) => `Webhook secret for ${name}`,
    onceNote:
      'Copy it now and keep it somewhere safe: you will not see it again. If you lose it, rotate the key.',
    onceNoteSecret:
      'Copy the signing secret now: you will not see it again. Your receiver uses it to verify that events come from Chorus.',
    apiKey: 'API key',
    webhookSecret: 'Webhook signing secret',
    copy: 'Copy',
    copyNamed: (what: string) => `Copy the ${what}`,
    copied: 'Copied.',
    copyFailed: 'Could not copy. Select the text and copy it yourself.',
    done: 'I have saved it',
  },
  page: {
    back: '← AI agents',
    unavailable: 'You have no agent with that id.',
    loading: 'Loading the agent…',
    settings: 'Settings',
    save: 'Save changes',
    saved: 'Saved.',
    unchanged: 'Nothing to save: the agent is unchanged.',
    deletedNote: 'This agent is deleted: its key no longer works and it gets no events. Its messages stay.',
    key: 'API key',
    keyHelp: (prefix: string | null) =>
      prefix
        ? `The key in use starts with ${prefix}. Rotating makes a new one and stops this one at once.`
        : 'The agent has no working key.',
    rotate: 'Rotate key',
    rotateTitle: (name: string) => `Rotate the key of ${name}?`,
    rotateBody:
      'The current key stops working at once. Anything using it needs the new key, which is shown only once.',
    rotateConfirm: 'Rotate key',
    webhook: 'Webhook',
    webhookHelp: (url: string | null) =>
      url ? `Events go to ${url}.` : 'Set a webhook URL above to receive events.',
    test: 'Send test event',
    testing: 'Sending…',
    testDelivered: (status: number | null) =>
      `Test event delivered${status === null ? '' : ` (HTTP ${status})`}.`,
    testFailed: (status: number | null, error: string | null) =>
      `Test event not delivered${status === null ? '' : ` (HTTP ${status})`}${error ? `: ${error}` : '.'}`,
    danger: 'Delete',
    dangerHelp: 'Deleting stops its key and its webhook for good. Its messages stay, under its name.',
    delete: 'Delete agent',
    deleteTitle: (name: string) => `Delete ${name}?`,
    deleteBody: 'Its key stops working and it gets no more events. This cannot be undone; its messages stay.',
  },
  log: {
    title: 'Audit log',
    intro: 'Every call the agent made with its key, allowed or not, newest first.',
    action: 'Action',
    room: 'Room',
    anyAction: 'All actions',
    anyRoom: 'All rooms',
    actions: {
      'me.read': 'Read its profile',
      'rooms.list': 'Listed rooms',
      'messages.read': 'Read messages',
      'message.send': 'Sent a message',
      'message.edit': 'Edited a message',
      'message.delete': 'Deleted a message',
      'reaction.add': 'Reacted',
      typing: 'Typing',
    } as Record<string, string>,
    loading: 'Loading the audit log…',
    empty: 'No calls yet.',
    emptyFiltered: 'No calls match these filters.',
    entries: 'Audit log entries',
    outcomes: {ok: 'OK', denied: 'Denied', error: 'Error'} as Record<string, string>,
    unknownRoom: 'a room',
    inRoom: (room: string) => `in #${room}`,
    inConversation: 'in a direct conversation',
    more: 'Show older',
  },
  deliveries: {
    title: 'Failed deliveries',
    intro: 'Webhook events that could not be delivered after every retry. Replay sends one again.',
    loading: 'Loading failed deliveries…',
    empty: 'No failed deliveries.',
    list: 'Failed deliveries',
    describe: (eventType: string, attempts: number, at: Instant) =>
      `${eventType} · ${plural(attempts, {one: '1 attempt', other: `${n(attempts)} attempts`})} · ${format.dateTime(at)}`,
    lastError: (status: number | null, error: string | null) =>
      [status === null ? '' : `HTTP ${status}`, error ?? ''].filter(Boolean).join(': ') || 'No answer',
    replay: 'Replay',
    replayNamed: (eventType: string, at: Instant) => `Replay ${eventType} of ${format.dateTime(at)}`,
    replayed: 'Queued again. It will be retried like a new event.',
  },
  server: {
    title: 'AI agents',
    help: 'Add one of your agents to this server. It can then read and write in its public rooms, within its scopes.',
    pick: 'Agent',
    add: 'Add agent',
    adding: 'Adding…',
    none: 'You have no agents to add.',
    manage: 'Create or manage agents',
    added: (name: string) => `${name} was added to the server.`,
  },
};

export type AgentsCatalog = typeof agentsEn;

export const agentsMsg: AgentsCatalog = catalogSection({en: agentsEn});
