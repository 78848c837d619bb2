import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startStack, type Stack} from '@chorus/api/stack';
import {freePort, freePortPair} from './ports.ts';

/** A running stack from {@link startTestStack}. */
export type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** What {@link startTestStack} takes. */
export type TestStackOptions = NonNullable<Parameters<typeof startTestStack>[0]>;

/**
 * The whole app (embedded Postgres, SES, pg-boss, API, zero-cache) on free ports in a temp dir.
 * `port` fixes the app's port (to register a callback URL first); `env` adds settings.
 * `dataDir` starts it on that data dir instead, with durable Postgres, and `dispose` leaves the
 * dir for the caller: to start again on the same data.
 */
export async function startTestStack(
  options: {serveClient?: boolean; port?: number; env?: Record<string, string>; dataDir?: string} = {},
): Promise<Stack & {dispose: () => Promise<void>}> {
  const dir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'chorus-stack-')));
  const port = options.port ?? (await freePort());
  const lines: string[] = [];
  const stack = await startStack({
    serveClient: options.serveClient ?? true,
    ephemeralPostgres: !options.dataDir,
    log: line => lines.push(line),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      CHORUS_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      EMBEDDED_PG_PORT: String(await freePort()),
      ZERO_PORT: String(await freePortPair()),
      SES_LOCAL_PORT: String(await freePort()),
      S3_LOCAL_PORT: String(await freePort()),
      DATABASE_URL: '',
      SES_ENDPOINT: '',
      ...options.env,
    },
  }).catch(err => {
    console.error(lines.join('\n'));
    throw err;
  });
  return {
    ...stack,
    dispose: async () => {
      await stack.stop();
      if (!options.dataDir) await rm(dir, {recursive: true, force: true});
    },
  };
}

/** Every mail the local SES has accepted. */
export async function mailbox(
  sesURL: string,
): Promise<{destination: {to: string[]}; subject: string; body: {text: string}}[]> {
  // A fresh connection each time: reusing a keep-alive socket the server is
  // closing fails with "other side closed" when the machine is busy.
  const res = await fetch(`${sesURL}/store`, {headers: {connection: 'close'}}).catch(() =>
    fetch(`${sesURL}/store`, {headers: {connection: 'close'}}),
  );
  const store = (await res.json()) as {
    emails: {destination: {to: string[]}; subject: string; body: {text: string}}[];
  };
  return store.emails;
}

/**
 * Waits for a mail to `to` with a link whose text contains `pathFragment`
 * (`/reset-password?token=`) and returns that link, from the newest such mail.
 */
export async function mailLink(
  sesURL: string,
  to: string,
  pathFragment: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const mail of (await mailbox(sesURL)).toReversed()) {
      if (!mail.destination.to.includes(to)) continue;
      const link = mail.body.text.match(/https?:\/\/\S+/g)?.find(url => url.includes(pathFragment));
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with a ${pathFragment} link`);
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Waits for the verification link mailed to `to` and returns it. */
export function verificationLink(sesURL: string, to: string, timeoutMs = 20_000): Promise<string> {
  return mailLink(sesURL, to, '/verify-email?token=', timeoutMs);
}
