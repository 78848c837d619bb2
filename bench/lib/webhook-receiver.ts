import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import path from 'node:path';
import {now} from './stats.ts';

/** A self-signed certificate for 127.0.0.1, made with the system's `openssl`. */
export type LoopbackCert = {certFile: string; cert: string; key: string};

/**
 * Makes a one-day certificate for `https://127.0.0.1` in `dir`. The bench
 * stack runs in production mode, where webhook URLs must be https [AG8], so
 * the receiver speaks TLS and the stack trusts this certificate through
 * `NODE_EXTRA_CA_CERTS` (read once, when a Node process starts).
 */
export function loopbackCert(dir: string): LoopbackCert {
  const certFile = path.join(dir, 'webhook-receiver.crt');
  const keyFile = path.join(dir, 'webhook-receiver.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    {stdio: 'ignore'},
  );
  return {certFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8')};
}

/** One POST as it arrived: the agent is the path's last segment. */
export type ReceivedWebhook = {
  agent: number;
  /** `now()` when the whole body had arrived. */
  at: number;
  body: string;
  headers: Record<string, string>;
};

export type WebhookReceiver = {
  /** `https://127.0.0.1:<port>/agents/` — append the agent's index. */
  baseURL: string;
  received: ReceivedWebhook[];
  close: () => Promise<void>;
};

/**
 * A real local HTTPS server as the agents' webhook target: it keeps every
 * POST (time, body, the Standard Webhooks headers) and answers 204 at once,
 * so what is measured is Chorus's side. Signatures are checked afterwards,
 * off the receiving path.
 */
export async function startWebhookReceiver(tls: LoopbackCert): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer(
    {cert: tls.cert, key: tls.key, keepAliveTimeout: 30_000},
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const at = now();
        const agent = Number(req.url?.split('/').at(-1));
        received.push({
          agent,
          at,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: {
            'webhook-id': String(req.headers['webhook-id']),
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          },
        });
        res.writeHead(204).end();
      });
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseURL: `https://127.0.0.1:${port}/agents/`,
    received,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
