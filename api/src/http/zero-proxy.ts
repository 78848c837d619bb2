import type {IncomingMessage, Server} from 'node:http';
import net from 'node:net';
import type {Duplex} from 'node:stream';

/**
 * Forwards WebSocket upgrades under `/zero/` to zero-cache, so the whole app is
 * one URL. zero-cache accepts an optional single-segment base path
 * (`/zero/sync/v…/connect`), so the request goes through unchanged; after the
 * handshake the two sockets are simply piped.
 */
export function proxyZeroWebSockets(server: Server, zeroPort: number, zeroHost = '127.0.0.1'): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith('/zero/')) {
      socket.destroy();
      return;
    }
    const upstream = net.connect(zeroPort, zeroHost, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.setNoDelay(true);
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  });
}
