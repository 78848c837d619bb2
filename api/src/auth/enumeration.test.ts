import {setTimeout as sleep} from 'node:timers/promises';
import {PgBoss} from 'pg-boss';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {createApp} from '../app.ts';
import {startMailQueue} from '../mail/queue.ts';

// Whether an address has an account must not show in any answer of the
// account endpoints; and mail that cannot be queued never fails a request.

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
});
afterAll(() => t?.close());

/** Everything about an answer a caller could compare, minus values that differ every time. */
const shape = (res: Awaited<ReturnType<AuthApp['call']>>) => ({
  status: res.status,
  type: res.type,
  keys: Object.keys(res.json ?? {}),
  userKeys: res.json?.user ? Object.keys(res.json.user).sort() : undefined,
  cookie: res.cookie,
});

describe('[AC3] register with an address that has an account', () => {
  it('answers 201 with a user like a new one, writes nothing, and mails the owner instead', async () => {
    const owner = await t.register();
    await t.mailsTo(owner.email, 1);
    const users = await t.count('SELECT count(*) FROM users');
    const fresh = await t.call('POST', '/auth/register', {body: t.person()});
    const attempt = {...t.person(), email: owner.email.toUpperCase(), password: 'another long password'};
    const again = await t.call('POST', '/auth/register', {body: attempt});

    expect(shape(again)).toEqual(shape(fresh));
    expect(again.json.user).toEqual({
      id: expect.any(String),
      username: attempt.username,
      // [AC11] In its normalised form, as a new account's would be.
      email: attempt.email.toLowerCase(),
      emailVerified: false,
      pictureUrl: null,
      externalLink: null,
      userType: 'human',
      createdAt: expect.any(String),
    });
    expect(again.json.user.id).not.toBe(owner.id);
    expect(await t.count('SELECT count(*) FROM users')).toBe(users + 1);
    expect(
      await t.count('SELECT count(*) FROM users WHERE lower(username) = lower($1)', [attempt.username]),
    ).toBe(0);

    const [notice] = await t.mailsTo(owner.email, 1, 'Someone tried to sign up to Chorus with your address');
    expect(notice?.body.text).toContain('http://chorus.test/forgot-password');
    expect(notice?.body.html).toContain('<a href="http://chorus.test/forgot-password"');
    // The owner's password still works; the attempt's does not.
    await t.login(owner);
    expect((await t.call('POST', '/auth/login', {body: attempt})).status).toBe(401);
  });

  it('a taken username still answers 409: usernames are public', async () => {
    const owner = await t.register();
    const res = await t.call('POST', '/auth/register', {body: {...t.person(), username: owner.username}});
    expect(res.status).toBe(409);
    expect(res.json.field).toBe('username');
  });
});

describe('[AC3] resend and forgot-password', () => {
  it.each(['/auth/resend-verification', '/auth/forgot-password'])(
    '%s answers alike for an account and for an unknown address',
    async path => {
      const who = await t.register();
      const known = await t.call('POST', path, {body: {email: who.email}});
      const unknown = await t.call('POST', path, {body: {email: `nobody-${who.username}@example.test`}});
      expect(known.status).toBe(202);
      expect(shape(unknown)).toEqual(shape(known));
      expect(unknown.json).toEqual(known.json);
    },
  );

  it('only the address with an account gets a reset mail', async () => {
    const who = await t.register();
    const stranger = `nobody-${who.username}@example.test`;
    await t.call('POST', '/auth/forgot-password', {body: {email: stranger}});
    await t.call('POST', '/auth/forgot-password', {body: {email: who.email}});
    const mails = await t.mailsTo(who.email, 2);
    expect(mails.map(m => m.subject)).toContain('Reset your Chorus password');
    expect((await t.allMails()).some(m => m.destination.to.some(to => to.includes(stranger)))).toBe(false);
  });
});

describe('[AC6] a mail queue that fails', () => {
  let broken: ReturnType<typeof createApp>;
  let logs: string[];
  beforeAll(async () => {
    // A real queue whose pg-boss has stopped: queuing throws, as it would
    // with the database unreachable.
    const boss = new PgBoss({connectionString: t.db.url});
    boss.on('error', () => {});
    await boss.start();
    const mailer = await startMailQueue(boss, async () => {});
    await boss.stop({graceful: false});
    logs = [];
    broken = createApp({...t.deps, mailer, log: line => logs.push(line)});
  });

  const post = (path: string, body: unknown) =>
    broken.request(`/api/v1${path}`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(body),
    });

  async function logged(pattern: RegExp) {
    for (let i = 0; i < 100 && !logs.some(l => pattern.test(l)); i++) await sleep(50);
    expect(
      logs.some(l => pattern.test(l)),
      logs.join('\n'),
    ).toBe(true);
  }

  it('register still answers 201 with the committed user, and the failure is logged', async () => {
    const who = t.person();
    const res = await post('/auth/register', who);
    expect(res.status).toBe(201);
    const {user} = (await res.json()) as {user: {id: string}};
    expect(await t.count('SELECT count(*) FROM users WHERE id = $1', [user.id])).toBe(1);
    await logged(/could not queue the verification mail/);
    // The account works; a resend can follow once mail is back.
    await t.login(who);
  });

  it('resend and forgot-password still answer 202', async () => {
    const who = await t.register();
    expect((await post('/auth/resend-verification', {email: who.email})).status).toBe(202);
    expect((await post('/auth/forgot-password', {email: who.email})).status).toBe(202);
    await logged(/could not queue a password reset mail/);
  });
});
