import {mutators, queries} from '@chorus/schema';
import {HubSocket} from './hub-socket.ts';
import {serveParent} from './ipc.ts';
import {now} from './stats.ts';
import {sendSteadily, type SendPlan} from './steady-sender.ts';
import {
  closeAllZeros,
  closeZero,
  newZero,
  nextReceiver,
  openLive,
  openReceiver,
  recordArrival,
  takeArrivals,
  timeOpen,
  untilComplete,
  type ChorusZero,
  type ClientSpec,
  type ReceiverProfile,
  type View,
} from './zero-clients.ts';

/**
 * Load-generator child process. It hosts headless Zero clients (in-memory
 * store) as receivers and senders, and plain WebSocket clients for the
 * baseline. Every time is `performance.timeOrigin + performance.now()`, which
 * all processes on one machine share, so the runner can subtract a sender's
 * call time from a receiver's arrival time.
 */

// Clients kept between `openRoom` calls, by storage key, for the warm opens.
const opened = new Map<string, {zero: ChorusZero; view: View}>();

let senders: ChorusZero[] = [];
let senderTokens: string[] = [];
// The typist's hub sockets (one person, two tabs): see `addTypist`.
let typist: {sockets: HubSocket[]; channel: string} | undefined;

// Baseline: plain WebSocket clients of bench/lib/baseline-server.ts.
const sockets: WebSocket[] = [];
let baselineSender: WebSocket | undefined;
const baselineAcks = new Map<string, (ok: boolean) => void>();

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => resolve(ws), {once: true});
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), {once: true});
    sockets.push(ws);
  });
}

serveParent({
  /** Connects receivers (in parallel, `concurrency` at a time); returns ms until each was complete. */
  addReceivers: async (args: {
    clients: ClientSpec[];
    cacheURL: string;
    profile: ReceiverProfile;
    concurrency: number;
  }) => {
    const ready: number[] = [];
    const queue = [...args.clients];
    await Promise.all(
      Array.from({length: Math.min(args.concurrency, queue.length)}, async () => {
        for (let spec = queue.shift(); spec; spec = queue.shift()) {
          ready.push(await openReceiver(newZero(spec, args.cacheURL), spec, args.profile));
        }
      }),
    );
    return ready;
  },

  /** Hub sockets only, for receivers whose Zero clients another process holds: `index` as there. */
  addLiveReceivers: async (args: {clients: {spec: ClientSpec; index: number}[]; concurrency: number}) => {
    const queue = [...args.clients];
    await Promise.all(
      Array.from({length: Math.min(args.concurrency, queue.length)}, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await openLive(c.spec, c.index);
      }),
    );
  },

  addSenders: async (args: {clients: {userID: string; token: string}[]; cacheURL: string}) => {
    senders = args.clients.map(spec => newZero(spec, args.cacheURL));
    senderTokens = args.clients.map(spec => spec.token);
    // One query so the connection is up before the first timed send.
    await Promise.all(senders.map(z => z.run(queries.me(), {type: 'complete'})));
  },

  /**
   * Posts `rate` messages/s for `durationMs` through the real mutator; returns
   * each message's call time. With `restURL`, through the API's
   * `POST /api/v1/messages` as the client's outbox sends (OB5); without it
   * (`--send=zero`), through Zero's push via zero-cache (the same server mutator).
   */
  send: (args: {plan: SendPlan[]; rate: number; durationMs: number; restURL?: string}) =>
    sendSteadily(args.plan, args.rate, args.durationMs, async (p, id) => {
      const content = `bench ${id}`;
      if (args.restURL) {
        const res = await fetch(`${args.restURL}/api/v1/messages`, {
          method: 'POST',
          headers: {authorization: `Bearer ${senderTokens[p.sender]}`, 'content-type': 'application/json'},
          body: JSON.stringify(
            p.conversationID !== undefined
              ? {id, conversationId: p.conversationID, content}
              : {id, roomId: p.roomID, content},
          ),
        });
        await res.body?.cancel();
        return res.ok;
      }
      const result = senders[p.sender]!.mutate(
        p.conversationID !== undefined
          ? mutators.conversation.send({id, conversationID: p.conversationID, content, createdAt: Date.now()})
          : mutators.message.send({id, roomID: p.roomID, content, createdAt: Date.now()}),
      );
      return (await result.server).type === 'success';
    }),

  /**
   * [3] Room open. `cold`: a new client with an empty store. `reopen`: the
   * same running client opens the room again after closing it (its rows are
   * still in memory). `returning`: a new client (new Zero instance, as after
   * a reload) on the store the previous one left, like IndexedDB in a browser.
   */
  openRoom: async (args: {
    userID: string;
    token: string;
    roomID: string;
    cacheURL: string;
    storageKey: string;
    limit: number;
    mode: 'cold' | 'reopen' | 'returning';
  }) => {
    const key = args.storageKey;
    const previous = opened.get(key);
    if (args.mode === 'reopen') {
      if (!previous) throw new Error('reopen before cold');
      previous.view.destroy();
      const timing = await timeOpen(previous.zero, args.roomID, args.limit, now());
      opened.set(key, {zero: previous.zero, view: timing.view});
      return {rowsMs: timing.rowsMs, completeMs: timing.completeMs};
    }
    if (previous) {
      previous.view.destroy();
      await closeZero(previous.zero);
    }
    const start = now();
    const zero = newZero(args, args.cacheURL, key);
    const timing = await timeOpen(zero, args.roomID, args.limit, start);
    opened.set(key, {zero, view: timing.view});
    return {rowsMs: timing.rowsMs, completeMs: timing.completeMs};
  },

  /** [4] Syncs a room's latest `limit` messages, then times `zero.run` (local) of each query `repeat` times. */
  localSpeed: async (args: {
    client: ClientSpec;
    cacheURL: string;
    limit: number;
    repeat: number;
    searches: string[];
  }) => {
    const {client} = args;
    const zero = newZero(client, args.cacheURL);
    // The room page's queries: they bring the room and membership rows that search's permission filter reads.
    await openReceiver(zero, client, 'room-page');
    const all = zero.materialize(
      queries.roomMessages({roomID: client.roomID, limit: args.limit}),
    ) as unknown as View;
    await untilComplete(all);
    const time = async (q: unknown) => {
      const ms: number[] = [];
      let rows = 0;
      for (let i = 0; i < args.repeat; i++) {
        const t = now();
        const result = (await zero.run(q as never)) as unknown;
        ms.push(now() - t);
        rows = Array.isArray(result) ? result.length : result ? 1 : 0;
      }
      return {ms, rows};
    };
    const out: Record<string, {ms: number[]; rows: number}> = {};
    out['roomMessages latest 100'] = await time(queries.roomMessages({roomID: client.roomID, limit: 100}));
    out[`roomMessages all ${args.limit}`] = await time(
      queries.roomMessages({roomID: client.roomID, limit: args.limit}),
    );
    for (const text of args.searches) {
      out[`search "${text}"`] = await time(
        queries.searchMessages({text, serverID: client.serverID, limit: 50}),
      );
    }
    all.destroy();
    return out;
  },

  /**
   * The sender's own hub sockets, attached to the place's channel as its page
   * is. Two, as two tabs: the hub lets one connection publish 20 typing events
   * in 10 s [LV4], and a steady 2/s from one connection sits on that line.
   */
  addTypist: async (args: {apiURL: string; token: string; channel: string; tabs: number}) => {
    const sockets = await Promise.all(
      Array.from({length: args.tabs}, () => HubSocket.connect(args.apiURL, args.token)),
    );
    typist = {sockets, channel: args.channel};
    await Promise.all(sockets.map(s => s.attach(args.channel)));
  },

  /**
   * Publishes `typing.start` `rate` times a second from the typist's tabs in
   * turn; each carries its own tag (as `parentMessageID`, which the hub passes
   * on) so that every receiver's arrival matches its publish.
   */
  typingSend: (args: {rate: number; durationMs: number}) => {
    const t = typist;
    if (!t) throw new Error('typingSend before addTypist');
    let turn = 0;
    return sendSteadily([{sender: 0, roomID: ''}], args.rate, args.durationMs, (_, id) => {
      t.sockets[turn++ % t.sockets.length]!.publish(t.channel, 'typing.start', {parentMessageID: id});
      return Promise.resolve(true);
    });
  },

  /** Arrivals since the last call: [id, receiver index in this worker, time, server time, lane]. */
  collect: takeArrivals,

  closeAll: async () => {
    opened.clear();
    senders = [];
    await closeAllZeros();
    for (const ws of sockets.splice(0)) ws.close();
    for (const socket of typist?.sockets ?? []) socket.close();
    typist = undefined;
    baselineSender = undefined;
  },

  addBaselineReceivers: async (args: {url: string; roomIDs: string[]}) => {
    await Promise.all(
      args.roomIDs.map(async roomID => {
        const index = nextReceiver();
        const ws = await openSocket(`${args.url}/?room=${roomID}`);
        ws.addEventListener('message', event => {
          const at = now();
          const msg = JSON.parse(String(event.data)) as {id: string; createdAt: string};
          recordArrival([msg.id, index, at, Date.parse(msg.createdAt), 'ws']);
        });
      }),
    );
  },

  addBaselineSender: async (args: {url: string}) => {
    baselineSender = await openSocket(`${args.url}/?room=none`);
    baselineSender.addEventListener('message', event => {
      const ack = JSON.parse(String(event.data)) as {ack: string; ok: boolean};
      baselineAcks.get(ack.ack)?.(ack.ok);
      baselineAcks.delete(ack.ack);
    });
  },

  baselineSend: (args: {plan: SendPlan[]; rate: number; durationMs: number; userID: string}) =>
    sendSteadily(
      args.plan,
      args.rate,
      args.durationMs,
      (p, id) =>
        new Promise<boolean>(resolve => {
          baselineAcks.set(id, resolve);
          baselineSender!.send(
            JSON.stringify({id, roomID: p.roomID, userID: args.userID, content: `bench ${id}`}),
          );
        }),
    ),
});
