import {mutators, queries, schema, type AuthContext} from '@chorus/schema';
import {Zero} from '@rocicorp/zero';
import {HubSocket} from './hub-socket.ts';
import {now, sleep} from './stats.ts';

/**
 * Headless Zero clients (in-memory store) inside a load-generator process,
 * and what they saw: each receiver records when each new message appeared in
 * its `roomMessages` view and, with a live channel, when the hub's
 * `message.created` (and `typing.start`) for it arrived.
 */

/** Which queries a receiver keeps open. */
export type ReceiverProfile =
  /** Only the room's messages (latest 50). */
  | 'messages'
  /** What the room page keeps open: rail, sidebar with unread counts, room header, members, read state, latest 100 messages. */
  | 'room-page'
  /** The room page in a visible tab scrolled to the bottom: it also marks the room read as messages arrive, at most every 3 s, as RoomPage does. */
  | 'room-page-reading';

export type ClientSpec = {
  userID: string;
  token: string;
  serverID: string;
  roomID: string;
  /** The API's URL, where `room-page-reading` receivers send read marks (as RoomPage does). */
  apiURL?: string;
  /** Receive a direct conversation's messages instead of the room's (the DM page's queries). */
  conversationID?: string;
  /** The place's live channel: the receiver also holds a hub socket attached to it, as the page does. */
  liveChannel?: string;
};

/**
 * How an arrival came: `zero`, the receiver's query listed the row; `live`,
 * the hub's `message.created`; `typing`, the hub's `typing.start` (its id is
 * the tag the typist sent); `ws`, the baseline's broadcast.
 */
export type Lane = 'zero' | 'live' | 'typing' | 'ws';

/**
 * `serverAt` is the API's clock (the row's `createdAt`, a typing event's
 * `at`): it splits the path in two. `publishedAt`, on the `live` lane, is the
 * hub event's `at` (stamped after commit, as the API publishes it).
 */
export type Arrival = [
  id: string,
  receiver: number,
  at: number,
  serverAt: number,
  lane: Lane,
  publishedAt?: number,
];

export type ChorusZero = Zero<typeof schema>;

/** The client's read-mark throttle (client/src/pages/room-page.tsx). */
const READ_MARK_INTERVAL_MS = 3000;

const zeros: ChorusZero[] = [];
const hubSockets: HubSocket[] = [];
const unsubscribe: (() => void)[] = [];
let arrivals: Arrival[] = [];
let receiverCount = 0;
// Receivers' own writes (read marks) still on their way: closing a client drops them with an error.
const pendingWrites = new Set<Promise<void>>();

export function newZero(spec: {userID: string; token: string}, cacheURL: string, storageKey?: string) {
  const zero = new Zero({
    schema,
    mutators,
    userID: spec.userID,
    auth: spec.token,
    context: {userID: spec.userID, emailVerified: true, replica: true} as AuthContext | undefined,
    cacheURL,
    kvStore: 'mem',
    logLevel: 'error',
    ...(storageKey ? {storageKey} : {}),
  });
  zeros.push(zero);
  return zero;
}

export type View = {destroy(): void; addListener(fn: (data: unknown, type: string) => void): () => void};

export function untilComplete(view: View): Promise<void> {
  return new Promise(resolve => {
    const off = view.addListener((_, type) => {
      if (type === 'complete') {
        resolve();
        queueMicrotask(() => off());
      }
    });
  });
}

/** Opens the receiver's queries; resolves with the ms until all of them were complete. */
export async function openReceiver(
  zero: ChorusZero,
  spec: ClientSpec,
  profile: ReceiverProfile,
): Promise<number> {
  const start = now();
  const index = receiverCount++;
  const roomPage = profile !== 'messages';
  const limit = roomPage ? 100 : 50;
  const conversationID = spec.conversationID;
  const messages = (conversationID
    ? zero.materialize(queries.conversationMessages({conversationID, limit}))
    : zero.materialize(queries.roomMessages({roomID: spec.roomID, limit}))) as unknown as View;
  const views: View[] = [messages];
  if (roomPage && conversationID) {
    for (const q of [queries.myConversations(), queries.conversation({conversationID})] as unknown[]) {
      views.push(zero.materialize(q as never) as unknown as View);
    }
  } else if (roomPage) {
    const {serverID, roomID} = spec;
    for (const q of [
      queries.myServers(),
      queries.server({serverID}),
      queries.serverRooms({serverID}),
      queries.serverActivity({serverID, exceptRoomID: roomID}),
      queries.myMentions(),
      queries.room({roomID}),
      queries.roomMembers({roomID}),
      queries.myRoomState({roomID}),
    ] as unknown[]) {
      // The queries differ in type; each is only watched, never read.
      views.push(zero.materialize(q as never) as unknown as View);
    }
  }
  // As RoomPage does: at most one read mark every READ_MARK_INTERVAL_MS, the latest one.
  let pendingReadAt = 0;
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flushRead = () => {
    timer = undefined;
    lastSent = Date.now();
    // As RoomPage does: through the API's batch, not a Zero mutation.
    const marked = fetch(`${spec.apiURL}/api/v1/rooms/${spec.roomID}/read`, {
      method: 'POST',
      headers: {authorization: `Bearer ${spec.token}`, 'content-type': 'application/json'},
      body: JSON.stringify({readAt: pendingReadAt}),
    }).then(
      res => void res.body?.cancel(),
      () => {},
    );
    pendingWrites.add(marked);
    void marked.finally(() => pendingWrites.delete(marked));
  };
  const markRead = (readAt: number) => {
    pendingReadAt = Math.max(pendingReadAt, readAt);
    const wait = READ_MARK_INTERVAL_MS - (Date.now() - lastSent);
    if (wait <= 0) flushRead();
    else timer ??= setTimeout(flushRead, wait);
  };
  unsubscribe.push(() => clearTimeout(timer));
  let seen: Set<string> | undefined;
  unsubscribe.push(
    messages.addListener((data, type) => {
      const at = now();
      const rows = data as readonly {id: string; createdAt: number}[];
      if (!seen) {
        // The first complete answer is history; anything after it is new.
        if (type !== 'complete') return;
        seen = new Set(rows.map(r => r.id));
        return;
      }
      let newest = 0;
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        recordArrival([row.id, index, at, row.createdAt, 'zero']);
        newest = Math.max(newest, row.createdAt);
      }
      if (newest && profile === 'room-page-reading') markRead(newest);
    }),
  );
  await Promise.all([...views.map(untilComplete), spec.liveChannel && openLive(spec, index)]);
  return now() - start;
}

/**
 * The receiver's hub socket: authenticated and attached to its place's
 * channel, as the page's live client. `index` is the receiver's number in
 * the process that holds its Zero client (load.ts pairs the two).
 */
export async function openLive(spec: ClientSpec, index: number) {
  if (!spec.apiURL || !spec.liveChannel) throw new Error('a live receiver needs apiURL and liveChannel');
  const socket = await HubSocket.connect(spec.apiURL, spec.token);
  hubSockets.push(socket);
  socket.onEvent((event, at) => {
    if (event.name === 'message.created') {
      const row = event.data as {id: string; createdAt: number};
      recordArrival([row.id, index, at, row.createdAt, 'live', event.at]);
    } else if (event.name === 'typing.start') {
      const tag = (event.data as {parentMessageID?: string | null}).parentMessageID;
      if (tag) recordArrival([tag, index, at, event.at, 'typing']);
    }
  });
  await socket.attach(spec.liveChannel);
}

/**
 * Times one open of a room's latest `limit` messages: ms from `start` to the
 * first answer holding `limit` rows (from whatever the client already has)
 * and to the server's `complete` answer.
 */
export function timeOpen(zero: ChorusZero, roomID: string, limit: number, start: number) {
  const view = zero.materialize(queries.roomMessages({roomID, limit})) as unknown as View;
  return new Promise<{view: View; rowsMs: number; completeMs: number}>(resolve => {
    let rowsMs: number | undefined;
    view.addListener((data, type) => {
      const t = now() - start;
      if (rowsMs === undefined && (data as unknown[]).length >= limit) rowsMs = t;
      if (type === 'complete' && (data as unknown[]).length >= limit)
        resolve({view, rowsMs: rowsMs ?? t, completeMs: t});
    });
  });
}

/** A new receiver number, for arrivals recorded outside Zero (the baseline's sockets). */
export const nextReceiver = () => receiverCount++;

export function recordArrival(arrival: Arrival) {
  arrivals.push(arrival);
}

/** Arrivals since the last call. */
export function takeArrivals(): Arrival[] {
  const out = arrivals;
  arrivals = [];
  return out;
}

/** Closes one client (and forgets it). */
export async function closeZero(zero: ChorusZero) {
  const i = zeros.indexOf(zero);
  if (i >= 0) zeros.splice(i, 1);
  await zero.close();
}

/** Closes every client once their read marks are sent, and forgets all arrivals. */
export async function closeAllZeros() {
  await Promise.race([Promise.allSettled([...pendingWrites]), sleep(10_000)]);
  for (const off of unsubscribe.splice(0)) off();
  for (const socket of hubSockets.splice(0)) socket.close();
  await Promise.all(zeros.splice(0).map(z => z.close()));
  receiverCount = 0;
  arrivals = [];
}
