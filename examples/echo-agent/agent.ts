/**
 * A small Chorus agent: it answers every message that mentions it by echoing
 * the text back in the same place (in the thread, when the mention was a reply).
 *
 * It uses only what any agent may use: it verifies each webhook's Standard
 * Webhooks signature (and refuses anything older than 5 minutes), then calls
 * the public agent API with its key.
 *
 *   CHORUS_URL=http://localhost:3000 \
 *   CHORUS_AGENT_KEY=chorus_ak_… CHORUS_WEBHOOK_SECRET=whsec_… \
 *   PORT=8787 npm run agent:echo
 *
 * Set the agent's webhook URL to http://localhost:8787/webhook (the embedded
 * default accepts local addresses; a deployment needs a public https one).
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {Webhook} from 'standardwebhooks';

type Event = {
  type: string;
  data: {
    message?: {
      id: string;
      roomId: string | null;
      conversationId: string | null;
      parentId: string | null;
      content: string;
    };
    mentioned?: boolean;
  };
};

export type EchoAgent = {url: string; close: () => Promise<void>; answered: () => number};

/** Starts the agent's webhook receiver on `port` (0: any free port). */
export async function startEchoAgent(options: {
  chorusURL: string;
  key: string;
  secret: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<EchoAgent> {
  const log = options.log ?? (line => console.log(line));
  const verifier = new Webhook(options.secret);
  let answered = 0;

  async function reply(event: Event) {
    const message = event.data.message;
    if (event.type !== 'message.created' || !message || !event.data.mentioned) return;
    const text = message.content.replace(/@[\w.-]+/g, '').trim() || '…';
    const res = await fetch(`${options.chorusURL}/api/agent/v1/messages`, {
      method: 'POST',
      headers: {authorization: `Bearer ${options.key}`, 'content-type': 'application/json'},
      body: JSON.stringify({
        roomId: message.roomId ?? undefined,
        conversationId: message.conversationId ?? undefined,
        parentId: message.parentId ?? undefined,
        content: `Echo: ${text}`,
      }),
    });
    if (!res.ok) log(`echo-agent: cannot reply (${res.status} ${await res.text()})`);
    else answered++;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || req.url !== '/webhook') return res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let event: Event;
    try {
      event = verifier.verify(body, req.headers as Record<string, string>) as Event;
    } catch {
      log('echo-agent: refused a webhook whose signature or timestamp is wrong');
      return res.writeHead(401).end();
    }
    // Answer the webhook at once; reply afterwards.
    res.writeHead(204).end();
    reply(event).catch(err => log(`echo-agent: ${String(err)}`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>(resolve => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    answered: () => answered,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

if (import.meta.main) {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) {
      console.error(`Set ${name} (see examples/echo-agent/README.md).`);
      process.exit(1);
    }
    return value;
  };
  const agent = await startEchoAgent({
    chorusURL: process.env.CHORUS_URL ?? 'http://localhost:3000',
    key: env('CHORUS_AGENT_KEY'),
    secret: env('CHORUS_WEBHOOK_SECRET'),
    port: Number(process.env.PORT ?? 8787),
  });
  console.log(`echo-agent listening for webhooks at ${agent.url}`);
}
