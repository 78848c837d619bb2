import {randomBytes} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {PgBoss} from 'pg-boss';
import {expect} from 'vitest';
import {createApp} from '@chorus/api';
import type {Deps} from '@chorus/api/deps';
import {SessionLiveness} from '@chorus/api/auth/session-liveness';
import {startLocalSes} from '@chorus/api/infra/ses-local';
import {createSesSender} from '@chorus/api/mail/mailer';
import {startMailQueue} from '@chorus/api/mail/queue';
import {createTestDatabase, type TestDatabase} from './pg.ts';
import {testDeps} from './deps.ts';

/**
 * The whole API in-process for account tests: real Postgres (a fresh database
 * built by the migrations), a real pg-boss mail queue and aws-ses-v2-local as
 * the mail server. Requests go through `createApp(deps).request`.
 */
export type AuthApp = Awaited<ReturnType<typeof startAuthApp>>;

export type StoredMail = {
  destination: {to: string[]};
  subject: string;
  body: {text?: string; html?: string};
};

export type Call = {
  body?: unknown;
  token?: string;
  refresh?: string;
  contentType?: string;
  headers?: Record<string, string>;
};

export async function startAuthApp(overrides: Partial<Deps> = {}) {
  const db: TestDatabase = await createTestDatabase();
  const ses = await startLocalSes(0);
  const boss = new PgBoss({connectionString: db.url, useListenNotify: true});
  boss.on('error', err => console.error('pg-boss', err));
  await boss.start();
  const mailer = await startMailQueue(
    boss,
    createSesSender({region: 'us-east-1', endpoint: ses.url, from: 'Chorus <no-reply@chorus.local>'}),
  );
  const logs: string[] = [];
  // As in production: sessions still signed in are remembered until Postgres says otherwise.
  const sessions = await SessionLiveness.start(db.pool);
  const deps = testDeps(db.pool, {mailer, log: line => logs.push(line), sessions, ...overrides});
  const app = createApp(deps);

  async function call(method: string, path: string, {body, token, refresh, contentType, headers}: Call = {}) {
    const sent: Record<string, string> = {...headers};
    if (token) sent.authorization = `Bearer ${token}`;
    if (refresh) sent.cookie = `chorus_refresh=${refresh}`;
    if (body !== undefined) sent['content-type'] = contentType ?? 'application/json';
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const cookie = res.headers.getSetCookie().find(c => c.startsWith('chorus_refresh='));
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      headers: res.headers,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      json: (text ? JSON.parse(text) : undefined) as any,
      /** The whole `Set-Cookie` line for the refresh cookie, if any. */
      cookie,
      /** The refresh cookie's new value, if one was set. */
      refresh: cookie?.slice('chorus_refresh='.length).split(';')[0],
    };
  }

  function person() {
    const id = randomBytes(5).toString('hex');
    return {username: `u${id}`, email: `u${id}@example.test`, password: 'correct horse battery'};
  }

  async function register(who = person(), headers?: Record<string, string>) {
    const res = await call('POST', '/auth/register', {body: who, headers});
    expect(res.status).toBe(201);
    return {...who, id: res.json.user.id as string};
  }

  async function login(who: {email: string; password: string}, headers?: Record<string, string>) {
    const res = await call('POST', '/auth/login', {
      body: {email: who.email, password: who.password},
      headers,
    });
    expect(res.status).toBe(200);
    expect(res.refresh).toBeTruthy();
    return {accessToken: res.json.accessToken as string, refresh: res.refresh!};
  }

  async function allMails(): Promise<StoredMail[]> {
    return ((await (await fetch(`${ses.url}/store`)).json()) as {emails: StoredMail[]}).emails;
  }

  /** Polls the local SES inbox until at least `atLeast` mails pass `filter`. */
  async function mailsWhere(filter: (mail: StoredMail) => boolean, atLeast = 1): Promise<StoredMail[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await allMails()).filter(filter);
      if (found.length >= atLeast) return found;
      if (Date.now() > deadline) throw new Error(`fewer than ${atLeast} mails arrived`);
      await sleep(100);
    }
  }

  /** Polls the local SES inbox until at least `atLeast` mails to `address` have arrived. */
  const mailsTo = (address: string, atLeast = 1, subject?: string) =>
    mailsWhere(
      m => m.destination.to.some(to => to.includes(address)) && (!subject || m.subject === subject),
      atLeast,
    );

  /** The token of the first `${publicURL}${path}?token=` link in a mail. */
  function linkToken(mail: StoredMail, path: string): string {
    const match = new RegExp(`http://chorus\\.test${path}\\?token=([^\\s"&<]+)`).exec(mail.body.text ?? '');
    if (!match?.[1]) throw new Error(`no ${path} link in: ${mail.body.text}`);
    return decodeURIComponent(match[1]);
  }

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.pool.query<{count: string}>(sql, params)).rows[0]?.count);

  async function close() {
    await sessions.stop();
    await boss.stop({graceful: false});
    await new Promise(resolve => ses.server.close(resolve));
    await db.drop();
  }

  return {
    db,
    ses,
    boss,
    sessions,
    deps,
    app,
    logs,
    call,
    person,
    register,
    login,
    allMails,
    mailsWhere,
    mailsTo,
    linkToken,
    count,
    close,
  };
}
