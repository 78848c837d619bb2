import {z} from 'zod';

/**
 * What the `/zero` proxy reads of Zero's sync protocol (`@rocicorp/zero`
 * 1.9, zero-protocol): the connection's `Sec-WebSocket-Protocol` header and
 * the type of each message. Every message is a JSON array whose first element
 * names its type (`["push", {...}]`).
 */

/** One header value, as the Zero client sends it; a list (`a, b`) is not. */
const SINGLE_PROTOCOL = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

const secProtocolsSchema = z.object({
  authToken: z.string().optional(),
  initConnectionMessage: z.unknown().optional(),
});

export type SecProtocols = z.infer<typeof secProtocolsSchema>;

/**
 * The auth token and first message a Zero client packs into its
 * `Sec-WebSocket-Protocol` header: URI-encoded base64 of UTF-8 JSON, decoded
 * exactly as zero-cache's `decodeSecProtocols` does, so both read the same
 * thing. `undefined` when the header is missing or is anything else.
 */
export function readSecProtocols(header: string | undefined): SecProtocols | undefined {
  if (!header || !SINGLE_PROTOCOL.test(header)) return undefined;
  try {
    const binary = atob(decodeURIComponent(header));
    const json: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, c => c.charCodeAt(0))));
    const parsed = secProtocolsSchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The message types the proxy acts on; everything else is passed on unread. */
export type MessageType = 'inspect' | 'updateAuth' | 'other';

const OPEN_BRACKET = 0x5b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const INSPECT = Buffer.from('inspect');
const UPDATE_AUTH = Buffer.from('updateAuth');
/** Longer than any type name: a first string that runs on is read in full. */
const MAX_FAST_TYPE = 32;

/**
 * The type of one message, as zero-cache will read it: it decodes every
 * message, text or binary, with `data.toString()` and `JSON.parse`.
 *
 * The Zero client writes `["type",…`, so the fast path reads only those
 * bytes: with no backslash before the closing quote, the bytes between the
 * quotes are the decoded string, so comparing bytes is exact and costs no
 * allocation. Anything else (whitespace, escapes such as `"\u0069nspect"`, a
 * BOM, a binary frame of other bytes) is parsed the way zero-cache parses it.
 * Only on a message zero-cache cannot parse (and so refuses) may the two
 * differ: `["inspect" junk` is still taken for an inspect.
 */
export function messageType(data: Buffer): MessageType {
  if (data[0] === OPEN_BRACKET && data[1] === QUOTE) {
    const limit = Math.min(data.length, 2 + MAX_FAST_TYPE);
    for (let i = 2; i < limit; i++) {
      const byte = data[i];
      if (byte === BACKSLASH) break;
      if (byte === QUOTE) {
        if (data.compare(INSPECT, 0, INSPECT.length, 2, i) === 0) return 'inspect';
        if (data.compare(UPDATE_AUTH, 0, UPDATE_AUTH.length, 2, i) === 0) return 'updateAuth';
        return 'other';
      }
    }
  }
  return typeOf(parseJSON(data.toString()));
}

function typeOf(message: unknown): MessageType {
  const type: unknown = Array.isArray(message) ? message[0] : undefined;
  return type === 'inspect' ? 'inspect' : type === 'updateAuth' ? 'updateAuth' : 'other';
}

/**
 * Whether the message a client packed into its protocol header may go to
 * zero-cache. zero-cache handles it like any message, of any type, so an
 * `inspect` could ride in there too; the Zero client only ever puts its
 * `initConnection` there, or nothing.
 */
export function isAllowedHeaderMessage(message: unknown): boolean {
  return message === undefined || (Array.isArray(message) && message[0] === 'initConnection');
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The token of an `["updateAuth", {auth}]` message. */
export function updatedAuth(data: Buffer): string | undefined {
  const message = z
    .tuple([z.literal('updateAuth'), z.object({auth: z.string()})])
    .safeParse(parseJSON(data.toString()));
  return message.success ? message.data[1].auth : undefined;
}

/**
 * A Zero `error` message of an auth kind: the client stops, goes to
 * `needs-auth` (Chorus then refreshes its token, or shows sign-in when that
 * fails) and does not reconnect by itself. `origin: 'server'` because the
 * client reads only server and zero-cache errors as such.
 */
export function authErrorMessage(kind: 'AuthInvalidated' | 'Unauthorized', message: string): string {
  return JSON.stringify(['error', {kind, message, origin: 'server'}]);
}
