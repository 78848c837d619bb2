import http from 'node:http';
import type {AddressInfo} from 'node:net';

/**
 * An HTTP front for a running stack that can pretend a new version was
 * deployed: once `deploy()` is called, `/sw.js` differs by a comment, which
 * is all a browser needs to install the new service worker. Plain HTTP only
 * (no WebSocket): enough for pages that do not sync.
 */
export async function deployProxy(
  target: string,
): Promise<{url: string; deploy(): void; close(): Promise<void>}> {
  let version = 1;
  const server = http.createServer(async (req, res) => {
    try {
      const body = ['GET', 'HEAD'].includes(req.method ?? 'GET')
        ? undefined
        : await new Response(req as unknown as ReadableStream).arrayBuffer();
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([name, value]) =>
          name === 'host' || value === undefined ? [] : [[name, String(value)] as [string, string]],
        ),
        body,
        redirect: 'manual',
      });
      let payload = Buffer.from(await upstream.arrayBuffer());
      if (req.url?.split('?')[0] === '/sw.js' && version > 1) {
        payload = Buffer.concat([payload, Buffer.from(`\n// deploy ${version}\n`)]);
      }
      const headers: Record<string, string | string[]> = {};
      upstream.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie'].includes(name)) {
          headers[name] = value;
        }
      });
      const cookies = upstream.headers.getSetCookie();
      if (cookies.length) headers['set-cookie'] = cookies;
      res.writeHead(upstream.status, headers).end(payload);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deploy: () => {
      version += 1;
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
