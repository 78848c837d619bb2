import {randomUUID} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';

// A validation problem speaks to people in `detail` (forms show it in
// alerts) and to code in `field` and `errors` (forms show each message
// beside its field).

let t: AuthApp;
let token: string;
beforeAll(async () => {
  t = await startAuthApp({rateLimits: {multiplier: 1000}});
  const who = await t.register();
  token = (await t.login(who)).accessToken;
});
afterAll(() => t?.close());

describe('validation problems', () => {
  it('a bad access code is described in words, with the field in errors', async () => {
    const res = await t.call('POST', '/servers/join', {token, body: {accessCode: 'AB'}});
    expect(res.status).toBe(400);
    expect(res.json.detail).toBe('An access code has 5 characters.');
    expect(res.json.detail).not.toContain('accessCode');
    expect(res.json.field).toBe('accessCode');
    expect(res.json.errors).toEqual([{field: 'accessCode', message: 'An access code has 5 characters.'}]);
  });

  it('a missing access code is described in words too', async () => {
    const res = await t.call('POST', '/servers/join', {token, body: {}});
    expect(res.status).toBe(400);
    expect(res.json.detail).toBe('Access code is required.');
    expect(res.json.errors).toEqual([{field: 'accessCode', message: 'Access code is required.'}]);
  });

  it('a blank room name is described in words, with the field in errors', async () => {
    // The body is checked before any server is looked up.
    const res = await t.call('POST', '/rooms', {token, body: {serverId: randomUUID(), name: '   '}});
    expect(res.status).toBe(400);
    expect(res.json.detail).toBe('Room name cannot be empty.');
    expect(res.json.field).toBe('name');
    expect(res.json.errors).toEqual([{field: 'name', message: 'Room name cannot be empty.'}]);
  });

  it('a field whose message does not name it is led by its label, not its internal name', async () => {
    const res = await t.call('POST', '/rooms', {token, body: {serverId: 'not-a-uuid', name: 'ok'}});
    expect(res.status).toBe(400);
    expect(res.json.detail).toBe('Server: Must be a UUID.');
    expect(res.json.errors).toEqual([{field: 'serverId', message: 'Must be a UUID.'}]);
  });
});
