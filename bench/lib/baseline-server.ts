import pg from 'pg';
import {WebSocketServer, type WebSocket} from 'ws';
import {serveParent} from './ipc.ts';

/**
 * Child process: the smallest real-time chat server a team would write by
 * hand, as the yardstick for Chorus's delivery latency. A message arrives
 * over a WebSocket, is inserted into the same `messages` table, and the stored
 * row is broadcast to every socket in the room. No permissions, no local
 * replica, no sync protocol.
 */

const pool = new pg.Pool({connectionString: process.env.BENCH_DATABASE_URL, max: 10});
pool.on('error', () => {});
const rooms = new Map<string, Set<WebSocket>>();

const wss = new WebSocketServer({host: '127.0.0.1', port: 0});
await new Promise<void>(resolve => wss.once('listening', () => resolve()));

wss.on('connection', (ws, req) => {
  const room = new URL(req.url ?? '/', 'http://x').searchParams.get('room') ?? '';
  let members = rooms.get(room);
  if (!members) rooms.set(room, (members = new Set()));
  members.add(ws);
  ws.on('close', () => members.delete(ws));
  ws.on('message', async data => {
    const msg = JSON.parse(String(data)) as {id: string; roomID: string; userID: string; content: string};
    try {
      const {rows} = await pool.query(
        `INSERT INTO messages (id, room_id, user_id, content) VALUES ($1, $2, $3, $4)
         RETURNING id, room_id AS "roomID", user_id AS "userID", content, created_at AS "createdAt"`,
        [msg.id, msg.roomID, msg.userID, msg.content],
      );
      const payload = JSON.stringify(rows[0]);
      for (const peer of rooms.get(msg.roomID) ?? []) peer.send(payload);
      ws.send(JSON.stringify({ack: msg.id, ok: true}));
    } catch {
      ws.send(JSON.stringify({ack: msg.id, ok: false}));
    }
  });
});

const address = wss.address();
const port = typeof address === 'object' && address ? address.port : 0;

serveParent(
  {url: () => `ws://127.0.0.1:${port}`},
  {
    onDisconnect: async () => {
      wss.close();
      await pool.end();
    },
  },
);
