import {createHmac} from 'node:crypto';
import {dmChannel, presenceChannel, roomChannel, userChannel} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {ABLY_TOKEN_TTL_MS, AblyLive} from './ably.ts';

// [LV6] Ably token requests, checked offline (no network here): signed with
// the key, for the caller's clientId, with capabilities naming only the
// channels the read rules let them use today.

const h = restHarness();
const KEY_NAME = 'appid.keyid';
const SECRET = 'not-a-real-secret';

describe('[LV6] Ably token requests', () => {
  it('list the rooms, conversations and presence the person may use, and nothing else', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const opened = await h.call(owner, 'POST', '/conversations', {userIds: [member.userID]});
    const ably = new AblyLive(`${KEY_NAME}:${SECRET}`);

    const request = await ably.tokenRequest(h.deps, member.userID);
    expect(request).toMatchObject({keyName: KEY_NAME, clientId: member.userID, ttl: ABLY_TOKEN_TTL_MS});
    expect(JSON.parse(request.capability)).toEqual({
      [userChannel(member.userID)]: ['subscribe'],
      // Ably sorts each channel's operations.
      [roomChannel(server.id, server.generalRoomID)]: ['publish', 'subscribe'],
      [dmChannel(opened.json.id)]: ['publish', 'subscribe'],
      [presenceChannel(server.id)]: ['presence', 'subscribe'],
    });
    // The owner also reads the private room; a stranger only their own channel.
    const owners = JSON.parse((await ably.tokenRequest(h.deps, owner.userID)).capability);
    expect(owners).toHaveProperty(roomChannel(server.id, staff));
    expect(JSON.parse((await ably.tokenRequest(h.deps, stranger.userID)).capability)).toEqual({
      [userChannel(stranger.userID)]: ['subscribe'],
    });

    // Signed with the key's secret over Ably's fields, as Ably checks it.
    const signed = [
      request.keyName,
      request.ttl,
      request.capability,
      request.clientId,
      request.timestamp,
      request.nonce,
    ].join('\n');
    expect(request.mac).toBe(createHmac('sha256', SECRET).update(`${signed}\n`).digest('base64'));
  });

  it('are refused without an Ably key (the embedded hub is in use) and without a session', async () => {
    const who = await h.user();
    h.expectProblem(await h.call(who, 'POST', '/realtime/token'), 404);
    const anonymous = await h.app.request('/api/v1/realtime/token', {method: 'POST'});
    expect(anonymous.status).toBe(401);
  });
});
