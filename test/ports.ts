import net from 'node:net';

// Ports are picked below Linux's ephemeral range (32768–60999). A port the OS
// hands out for `listen(0)` comes from that range, and after the probe closes
// it the kernel may give it to an outgoing connection before the server that
// was meant to have it binds: zero-cache then died with EADDRINUSE.
const LOW = 20_000;
const HIGH = 32_000;

/** Whether `port` can be listened on now, on every address (as servers here listen). */
function listenable(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  return freeRun(1);
}

/** A free port whose next port is free too: zero-cache listens on both (port and port+1). */
export async function freePortPair(): Promise<number> {
  return freeRun(2);
}

// Ports handed out by this process, so two picks in a row never coincide.
const given = new Set<number>();

async function freeRun(length: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW - length));
    let free = true;
    for (let p = port; free && p < port + length; p++) free = !given.has(p) && (await listenable(p));
    if (!free) continue;
    for (let p = port; p < port + length; p++) given.add(p);
    return port;
  }
  throw new Error(`no ${length} adjacent free ports between ${LOW} and ${HIGH}`);
}
