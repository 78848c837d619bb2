import {HUB_CLOSE, type HubClientMessage, type HubServerMessage, type PresenceMember} from '@chorus/schema';
import type {AddressInfo} from 'node:net';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {WebSocket, WebSocketServer} from 'ws';
import {HubLiveClient} from './hub-client.ts';
import type {HubSocket} from './hub-protocol.ts';

/**
 * The hub client against a real WebSocket server that speaks the hub's
 * protocol (schema/src/live.ts) and records what it is told, so each test
 * can drop, refuse or end a connection the way the real hub does.
 */
type Peer = {socket: WebSocket; received: HubClientMessage[]};
let server: WebSocketServer;
let url: string;
let peers: Peer[];
let client: HubLiveClient | undefined;

beforeEach(async () => {
  peers = [];
  server = new WebSocketServer({port: 0});
  server.on('connection', socket => {
    const peer: Peer = {socket, received: []};
    peers.push(peer);
    socket.on('message', raw => {
      const message = JSON.parse(String(raw)) as HubClientMessage;
      peer.received.push(message);
      if (message.type === 'auth' && message.token.startsWith('good'))
        send(peer, {type: 'ready', userID: 'me'});
      if (message.type === 'auth' && message.token === 'expired') socket.close(HUB_CLOSE.unauthorized);
      if (message.type !== 'attach') return;
      // A channel named `late:` is refused the first time, as one is before the write that allows it commits.
      if (message.channel.startsWith('late:') && of(peer, 'attach').length === 1) {
        send(peer, {type: 'detached', channel: message.channel, reason: 'forbidden'});
      } else send(peer, {type: 'attached', channel: message.channel, presence: []});
    });
  });
  await new Promise(resolve => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await new Promise(resolve => server.close(resolve));
});

const send = (peer: Peer, message: HubServerMessage) => peer.socket.send(JSON.stringify(message));
const socket = (u: string) => new WebSocket(u) as unknown as HubSocket;
const connect = (
  token: () => string | undefined,
  refresh: () => Promise<string | undefined> = async () => 'good-2',
) => (client = new HubLiveClient({url, auth: {token, refresh}, socket, firstRetryMs: 20, pingMs: 60_000}));
const of = (peer: Peer | undefined, type: HubClientMessage['type']) =>
  (peer?.received ?? []).filter(m => m.type === type);

describe('the hub client', () => {
  it('authenticates, attaches a channel once for all its listeners, and detaches after the last', async () => {
    const live = connect(() => 'good-1');
    const a = vi.fn();
    const b = vi.fn();
    const offA = live.subscribe('s:r', a);
    const offB = live.subscribe('s:r', b);
    await vi.waitFor(() => expect(of(peers[0], 'attach')).toHaveLength(1));
    expect(peers[0]!.received[0]).toEqual({type: 'auth', token: 'good-1'});
    expect(live.state).toBe('connected');
    send(peers[0]!, {type: 'event', channel: 's:r', name: 'typing.start', data: {userID: 'ana'}, at: 5});
    await vi.waitFor(() => expect(b).toHaveBeenCalledOnce());
    expect(a).toHaveBeenCalledWith({
      type: 'event',
      channel: 's:r',
      name: 'typing.start',
      data: {userID: 'ana'},
      at: 5,
    });
    offA();
    live.publish('s:r', 'typing.stop');
    offB();
    await vi.waitFor(() => expect(of(peers[0], 'detach')).toEqual([{type: 'detach', channel: 's:r'}]));
    expect(of(peers[0], 'publish')).toEqual([{type: 'publish', channel: 's:r', name: 'typing.stop'}]);
  });

  it('tells who is present: the set on attach, then each change', async () => {
    const live = connect(() => 'good-1');
    let seen: readonly PresenceMember[] = [];
    live.onPresence('presence:s', members => (seen = members));
    live.enterPresence('presence:s', 'online');
    await vi.waitFor(() => expect(of(peers[0], 'presence')).toHaveLength(1));
    expect(of(peers[0], 'presence')).toEqual([
      {type: 'presence', channel: 'presence:s', action: 'enter', status: 'online'},
    ]);
    send(peers[0]!, {
      type: 'presence',
      channel: 'presence:s',
      action: 'enter',
      member: {userID: 'ana', status: 'online'},
    });
    send(peers[0]!, {
      type: 'presence',
      channel: 'presence:s',
      action: 'update',
      member: {userID: 'ana', status: 'idle'},
    });
    await vi.waitFor(() => expect(seen).toEqual([{userID: 'ana', status: 'idle'}]));
    send(peers[0]!, {
      type: 'presence',
      channel: 'presence:s',
      action: 'leave',
      member: {userID: 'ana', status: 'idle'},
    });
    await vi.waitFor(() => expect(seen).toEqual([]));
    live.enterPresence('presence:s', 'idle');
    live.leavePresence('presence:s');
    await vi.waitFor(() => expect(of(peers[0], 'presence')).toHaveLength(3));
    expect(of(peers[0], 'presence').slice(1)).toEqual([
      {type: 'presence', channel: 'presence:s', action: 'update', status: 'idle'},
      {type: 'presence', channel: 'presence:s', action: 'leave'},
    ]);
  });

  it('asks again for a channel it was refused, as the write allowing it may not have landed yet', async () => {
    const live = connect(() => 'good-1');
    let seen: readonly PresenceMember[] | undefined;
    live.onPresence('late:s', members => (seen = members));
    await vi.waitFor(() => expect(seen).toEqual([]));
    expect(of(peers[0], 'attach')).toHaveLength(2);
  });

  it('after a drop, connects again, attaches again and enters presence again', async () => {
    const live = connect(() => 'good-1');
    live.subscribe('s:r', () => {});
    live.enterPresence('presence:s', 'online');
    await vi.waitFor(() => expect(of(peers[0], 'presence')).toHaveLength(1));
    peers[0]!.socket.terminate();
    await vi.waitFor(() => expect(of(peers[1], 'presence')).toHaveLength(1));
    expect(of(peers[1], 'attach').map(m => 'channel' in m && m.channel)).toEqual(['s:r', 'presence:s']);
    expect(live.state).toBe('connected');
  });

  it('a refused token (4401) is renewed and tried again; an ended session (4403) is not retried', async () => {
    let token = 'expired';
    const live = connect(
      () => token,
      async () => (token = 'good-2'),
    );
    await vi.waitFor(() => expect(live.state).toBe('connected'));
    expect(peers.map(p => p.received[0])).toEqual([
      {type: 'auth', token: 'expired'},
      {type: 'auth', token: 'good-2'},
    ]);
    peers[1]!.socket.close(HUB_CLOSE.sessionEnded);
    await vi.waitFor(() => expect(live.state).toBe('closed'));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(peers).toHaveLength(2);
  });

  it('waits for a token when there is none yet (offline start), retrying', async () => {
    const session: {token?: string} = {};
    const live = connect(
      () => session.token,
      async () => session.token,
    );
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(peers).toHaveLength(0);
    session.token = 'good-3';
    await vi.waitFor(() => expect(live.state).toBe('connected'));
  });
});
