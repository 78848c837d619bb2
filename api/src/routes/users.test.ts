import {randomBytes, randomUUID} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {insertUser} from '../../../test/fixtures.ts';

// Profiles through the real app and Postgres: one's own (PATCH /users/me),
// others' (GET /users/:id) and search.

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
});
afterAll(() => t?.close());

async function signedIn() {
  const who = await t.register();
  const {accessToken} = await t.login(who);
  return {...who, token: accessToken};
}

const patchMe = (token: string, body: unknown) => t.call('PATCH', '/users/me', {token, body});

describe('[AC7] PATCH /users/me', () => {
  it('changes username, picture and link, and answers with the updated self', async () => {
    const me = await signedIn();
    const username = `new_${randomBytes(3).toString('hex')}`;
    const res = await patchMe(me.token, {
      username: `  ${username} `,
      pictureUrl: 'https://cdn.example.test/me.png',
      externalLink: 'http://example.test/~me',
    });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({
      id: me.id,
      username,
      email: me.email,
      pictureUrl: 'https://cdn.example.test/me.png',
      externalLink: 'http://example.test/~me',
    });
    expect((await t.call('GET', '/users/me', {token: me.token})).json.user.username).toBe(username);
  });

  it('null clears a link; fields left out stay as they were', async () => {
    const me = await signedIn();
    await patchMe(me.token, {pictureUrl: 'https://example.test/a.png', externalLink: 'https://example.test'});
    const res = await patchMe(me.token, {pictureUrl: null});
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({
      username: me.username,
      pictureUrl: null,
      externalLink: 'https://example.test',
    });
  });

  it("another person's username, in any case, is a 409 naming username; my own in another case is fine", async () => {
    const me = await signedIn();
    const other = await signedIn();
    const taken = await patchMe(me.token, {username: other.username.toUpperCase()});
    expect(taken.status).toBe(409);
    expect(taken.type).toContain('application/problem+json');
    expect(taken.json).toMatchObject({
      status: 409,
      field: 'username',
      detail: expect.stringMatching(/taken/),
    });
    const mine = await patchMe(me.token, {username: me.username.toUpperCase()});
    expect(mine.status).toBe(200);
    expect(mine.json.user.username).toBe(me.username.toUpperCase());
  });

  it.each([
    ['a javascript: picture', {pictureUrl: 'javascript:alert(1)'}, 'pictureUrl'],
    ['an ftp link', {externalLink: 'ftp://example.test/file'}, 'externalLink'],
    ['a link that is not a URL', {externalLink: 'my homepage'}, 'externalLink'],
    ['a too long link', {externalLink: `https://example.test/${'a'.repeat(2048)}`}, 'externalLink'],
    ['a username with spaces', {username: 'two words'}, 'username'],
    ['a one-letter username', {username: 'x'}, 'username'],
    ['a field that cannot be changed here', {email: 'new@example.test'}, '(body)'],
  ])('%s is a 400 problem naming the field, and nothing changes', async (_, body, field) => {
    const me = await signedIn();
    const res = await patchMe(me.token, body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json).toMatchObject({status: 400, field});
    const after = (await t.call('GET', '/users/me', {token: me.token})).json.user;
    expect(after).toMatchObject({
      username: me.username,
      email: me.email,
      pictureUrl: null,
      externalLink: null,
    });
  });

  it('needs an access token', async () => {
    expect((await t.call('PATCH', '/users/me', {body: {username: 'nobody'}})).status).toBe(401);
  });
});

describe('[AC8] GET /users/:id', () => {
  it("answers someone's public profile, without their email", async () => {
    const me = await signedIn();
    const other = await signedIn();
    await patchMe(other.token, {externalLink: 'https://example.test/other'});
    const res = await t.call('GET', `/users/${other.id}`, {token: me.token});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: {
        id: other.id,
        username: other.username,
        pictureUrl: null,
        externalLink: 'https://example.test/other',
        userType: 'human',
      },
    });
    expect(JSON.stringify(res.json)).not.toContain(other.email);
  });

  it('an unknown id is 404; a malformed one is 400 naming id', async () => {
    const me = await signedIn();
    expect((await t.call('GET', `/users/${randomUUID()}`, {token: me.token})).status).toBe(404);
    const bad = await t.call('GET', '/users/nope', {token: me.token});
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe('id');
  });
});

describe('[AC8] GET /users/search', () => {
  const search = (token: string, params: Record<string, string | number>) => {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    );
    return t.call('GET', `/users/search?${query}`, {token});
  };

  it('finds usernames by prefix in any case, in order, page by page, never with emails', async () => {
    const me = await signedIn();
    const prefix = `Srch${randomBytes(2).toString('hex')}`;
    const names = ['a', 'B', 'c', 'D', 'e'].map(s => `${prefix}_${s}`);
    for (const username of [...names].reverse()) await insertUser(t.db.pool, {username});
    await insertUser(t.db.pool, {username: `${prefix}x`}); // `_` in the query is not a wildcard

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const res = await search(me.token, {
        q: `${prefix.toUpperCase()}_`,
        limit: 2,
        ...(cursor ? {cursor} : {}),
      });
      expect(res.status).toBe(200);
      for (const user of res.json.users) {
        expect(Object.keys(user).sort()).toEqual([
          'externalLink',
          'id',
          'pictureUrl',
          'userType',
          'username',
        ]);
        seen.push(user.username);
      }
      cursor = res.json.nextCursor ?? undefined;
      if (page < 2) expect(cursor).toEqual(expect.any(String));
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(names);
  });

  it('finds a verified account by its exact address, in any case, but not by part of it', async () => {
    const me = await signedIn();
    const other = await insertUser(t.db.pool);
    const email = `${other.username}@example.test`;
    const exact = await search(me.token, {q: email.toUpperCase()});
    expect(exact.json.users).toEqual([expect.objectContaining({id: other.userID, username: other.username})]);
    expect(JSON.stringify(exact.json)).not.toContain('@');
    expect((await search(me.token, {q: 'example.test'})).json.users).toEqual([]);
  });

  it('an unverified address is not found by email (whoever registered it may not own it)', async () => {
    const me = await signedIn();
    const unverified = await insertUser(t.db.pool, {verified: false});
    const res = await search(me.token, {q: `${unverified.username}@example.test`});
    expect(res.json.users).toEqual([]);
  });

  it.each([
    ['an empty q', {q: '  '}, 'q'],
    ['a limit over 50', {q: 'a', limit: 51}, 'limit'],
    ['a forged cursor', {q: 'a', cursor: '!!'}, 'cursor'],
  ])('%s is a 400 naming the field', async (_, params, field) => {
    const me = await signedIn();
    const res = await search(me.token, params);
    expect(res.status).toBe(400);
    expect(res.json.field).toBe(field);
  });

  it('needs an access token', async () => {
    expect((await t.call('GET', '/users/search?q=a')).status).toBe(401);
  });
});
