import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {EMAIL_INDEX, normalizedEmailSQL, normalizeEmail} from './email.ts';
import {loginThrottleRule} from './limits.ts';

let t: AuthApp;
beforeAll(async () => {
  // Production limits; each request speaks from an address of its own.
  t = await startAuthApp({trustProxy: 1});
});
afterAll(() => t?.close());

let lastOctet = 0;
const newAddress = () => ({'x-forwarded-for': `198.51.100.${++lastOctet}`});

/** `alice@x.test` in fullwidth forms (U+FF01–U+FF5E), `＠` and `．` included. */
const fullwidth = (s: string) => s.replace(/[!-~]/g, ch => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0));

/** A fresh address with an `i` in it, and other spellings of it. */
function spellings() {
  const address = `alice-${randomBytes(4).toString('hex')}@x.test`;
  return {
    address,
    others: [
      address.toUpperCase(),
      // U+0130, which Postgres's lower() always took for `i`.
      address.toUpperCase().replace('I', 'İ'),
      fullwidth(address),
      ` ${fullwidth(address.toUpperCase())} `,
    ],
  };
}

const TRICKY = [
  'Alice@Example.TEST',
  'ALİCE@X.TEST',
  'ALI\u0307CE@X.TEST',
  'ａｌｉｃｅ@ｘ.ｔｅｓｔ',
  'ＡＬＩＣＥ＠Ｘ．ＴＥＳＴ',
  'ΣΑΣ@x.test',
  'ﬁnance@x.test',
  '\u212Aelvin@x.test',
  '\u2126mega@x.test',
  'ǅemal@x.test',
  'Straße@x.test',
  'ẞ@x.test',
  'ｶﾞ@x.test',
  '①@x.test',
  'ı@x.test',
  'Å@x.test',
];

describe('[AC11] normalizeEmail', () => {
  it('gives one form for every spelling: NFKC, lowercased one code point at a time, trimmed', () => {
    expect(normalizeEmail('  Alice@Example.TEST ')).toBe('alice@example.test');
    for (const spelling of [
      'ALİCE@X.TEST',
      'ALI\u0307CE@X.TEST',
      'ａｌｉｃｅ@ｘ.ｔｅｓｔ',
      'ＡＬＩＣＥ＠Ｘ．ＴＥＳＴ',
    ]) {
      expect(normalizeEmail(spelling), spelling).toBe('alice@x.test');
    }
    // Not the full, context-dependent mapping of toLowerCase(): a final Σ is σ, as in Postgres.
    expect(normalizeEmail('ΣΑΣ@x.test')).toBe('σασ@x.test');
    expect(normalizeEmail('ﬁnance@x.test')).toBe('finance@x.test');
    // Letters that only look alike stay apart.
    expect(normalizeEmail('ı@x.test')).not.toBe(normalizeEmail('i@x.test'));
  });

  it('is idempotent', () => {
    for (const spelling of TRICKY)
      expect(normalizeEmail(normalizeEmail(spelling))).toBe(normalizeEmail(spelling));
  });

  it('Postgres computes the same form, and leaves an address already in it as it is', async () => {
    const {rows} = await t.db.pool.query<{s: string; n: string; again: string}>(
      `SELECT s, ${normalizedEmailSQL('s')} AS n, ${normalizedEmailSQL(normalizedEmailSQL('s'))} AS again
         FROM unnest($1::text[]) AS s`,
      [TRICKY],
    );
    for (const {s, n, again} of rows) {
      expect(n, s).toBe(normalizeEmail(s));
      expect(again, s).toBe(n);
    }
  });

  it('lookups use the unique index, which is built on the same expression', async () => {
    const client = await t.db.pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const {rows} = await client.query<{'QUERY PLAN': string}>(
        `EXPLAIN SELECT id FROM users WHERE ${normalizedEmailSQL('email')} = $1`,
        ['alice@x.test'],
      );
      expect(rows.map(r => r['QUERY PLAN']).join('\n')).toContain(EMAIL_INDEX);
    } finally {
      client.release();
    }
  });
});

describe('[AC11] one account, one budget, whatever the spelling', () => {
  const fail = (email: string) =>
    t.call('POST', '/auth/login', {body: {email, password: 'not the password'}, headers: newAddress()});

  it('the address is stored in its normalised form', async () => {
    const who = {...t.person(), email: ` ${fullwidth('Bob-')}${randomBytes(3).toString('hex')}@Example.TEST`};
    const res = await t.call('POST', '/auth/register', {body: who, headers: newAddress()});
    expect(res.status).toBe(201);
    expect(res.json.user.email).toBe(normalizeEmail(who.email));
    const {rows} = await t.db.pool.query('SELECT email FROM users WHERE id = $1', [res.json.user.id]);
    expect(rows[0].email).toMatch(/^bob-[0-9a-f]{6}@example\.test$/);
  });

  it('signing in with any spelling finds the same account', async () => {
    const {address, others} = spellings();
    const owner = await t.register({...t.person(), email: address}, newAddress());
    for (const email of others) {
      const res = await t.call('POST', '/auth/login', {
        body: {email, password: owner.password},
        headers: newAddress(),
      });
      expect(res.status, email).toBe(200);
      expect(res.json.user.id, email).toBe(owner.id);
    }
  });

  it('after failures with one spelling, every other spelling is locked too', async () => {
    const {address, others} = spellings();
    const owner = await t.register({...t.person(), email: address}, newAddress());
    for (let i = 0; i < loginThrottleRule.threshold; i++) expect((await fail(address)).status).toBe(401);
    for (const email of others) {
      const res = await t.call('POST', '/auth/login', {
        body: {email, password: owner.password},
        headers: newAddress(),
      });
      expect(res.status, email).toBe(429);
      expect(res.json.detail).toMatch(/^Too many failed sign-ins for this address/);
    }
  });

  it('[AC3] registering another spelling of a taken address creates nothing and tells the owner', async () => {
    const {address, others} = spellings();
    const owner = await t.register({...t.person(), email: address}, newAddress());
    const users = await t.count('SELECT count(*) FROM users');
    const res = await t.call('POST', '/auth/register', {
      body: {...t.person(), email: others[3]},
      headers: newAddress(),
    });
    expect(res.status).toBe(201);
    expect(res.json.user.id).not.toBe(owner.id);
    expect(await t.count('SELECT count(*) FROM users')).toBe(users);
    await t.mailsTo(address, 1, 'Someone tried to sign up to Chorus with your address');
  });

  it('the unique index holds even for a row written without the API', async () => {
    const {address, others} = spellings();
    await t.register({...t.person(), email: address}, newAddress());
    for (const email of others) {
      await expect(
        t.db.pool.query(`INSERT INTO users (username, email) VALUES ($1, $2)`, [
          `x${randomBytes(4).toString('hex')}`,
          email.trim(),
        ]),
      ).rejects.toMatchObject({code: '23505', constraint: EMAIL_INDEX});
    }
  });
});

describe('[V1] an address with a NUL', () => {
  it.each([
    ['/auth/register', {username: 'nul_user', password: 'long enough password'}],
    ['/auth/login', {password: 'long enough password'}],
    ['/auth/resend-verification', {}],
    ['/auth/forgot-password', {}],
  ])('%s answers 400 naming email', async (path, rest) => {
    const res = await t.call('POST', path, {
      body: {...rest, email: 'ali\u0000ce@x.test'},
      headers: newAddress(),
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json).toMatchObject({field: 'email', detail: expect.stringMatching(/NUL character/)});
  });
});
