import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {restHarness, type Who} from '../../../test/rest-harness.ts';
import {serverMutators} from '../zero/server-mutators.ts';

// [V1] Postgres text cannot hold U+0000. Every door refuses it before it gets
// there, naming the field: REST answers 400, the mutators Zero pushes run are
// refused by their argument schema, and nothing is written either way.
// The account endpoints are covered in auth/email.test.ts.

const NUL = '\u0000';

describe('[V1] REST', () => {
  const h = restHarness();

  async function send(who: Who, roomId: string) {
    const res = await h.call(who, 'POST', '/messages', {roomId, content: 'hello'});
    expect(res.status).toBe(201);
    return res.json.id as string;
  }

  it('a message or an edit with a NUL is a 400 naming content', async () => {
    const {member, server} = await h.community();
    const room = server.generalRoomID;
    await h.denied(
      server.id,
      () => h.call(member, 'POST', '/messages', {roomId: room, content: `a${NUL}b`}),
      400,
      'content',
    );
    const id = await send(member, room);
    await h.denied(
      server.id,
      () => h.call(member, 'PATCH', `/messages/${id}`, {content: NUL}),
      400,
      'content',
    );
  });

  it('a server or room name, or an emoji, with a NUL is a 400 naming it', async () => {
    const {owner, server} = await h.community();
    const created = await h.call(owner, 'POST', '/servers', {name: `Ac${NUL}me`});
    h.expectProblem(created, 400, 'name');
    await h.denied(
      server.id,
      () => h.call(owner, 'PATCH', `/servers/${server.id}`, {name: NUL}),
      400,
      'name',
    );
    await h.denied(
      server.id,
      () => h.call(owner, 'POST', '/rooms', {serverId: server.id, name: `r${NUL}`}),
      400,
      'name',
    );
    const room = server.generalRoomID;
    await h.denied(server.id, () => h.call(owner, 'PATCH', `/rooms/${room}`, {name: `r${NUL}`}), 400, 'name');
    const id = await send(owner, room);
    await h.denied(
      server.id,
      () => h.call(owner, 'POST', `/messages/${id}/react`, {emoji: `👍${NUL}`}),
      400,
      'emoji',
    );
    await h.denied(server.id, () => h.call(owner, 'DELETE', `/messages/${id}/react?emoji=%00`), 400, 'emoji');
  });

  it('profile links, a user search and a made-up search cursor with a NUL are a 400 naming them', async () => {
    const who = await h.user();
    for (const field of ['pictureUrl', 'externalLink']) {
      const res = await h.call(who, 'PATCH', '/users/me', {[field]: `https://example.test/a${NUL}b`});
      h.expectProblem(res, 400, field);
    }
    const {rows} = await h.pool.query('SELECT picture_url, external_link FROM users WHERE id = $1', [
      who.userID,
    ]);
    expect(rows[0]).toEqual({picture_url: null, external_link: null});
    h.expectProblem(await h.call(who, 'GET', '/users/search?q=a%00'), 400, 'q');
    // base64url "AA" is a single NUL byte.
    h.expectProblem(await h.call(who, 'GET', '/users/search?q=a&cursor=AA'), 400, 'cursor');
  });
});

describe('[V1] the mutators Zero pushes', () => {
  const h = mutatorHarness();

  /** Refused by the mutator's argument schema, naming `field`, with nothing written. */
  async function refused(serverID: string, attempt: () => Promise<unknown>, field: string) {
    let caught: unknown;
    const recorded = () =>
      attempt().catch((err: unknown) => {
        caught = err;
        throw err;
      });
    await h.denied(serverID, recorded, /Remove the NUL character/);
    const issues = (caught as {details?: {result?: {issues?: {path: PropertyKey[]}[]}}}).details?.result
      ?.issues;
    expect(issues?.map(issue => issue.path.join('.'))).toEqual([field]);
  }

  it('message.send and message.edit refuse content with a NUL', async () => {
    const {member, server} = await h.community();
    const room = server.generalRoomID;
    const send = serverMutators.message.send;
    await refused(
      server.id,
      () => h.run(send, member, {id: randomUUID(), roomID: room, content: `a${NUL}`}),
      'content',
    );
    const id = randomUUID();
    await h.run(send, member, {id, roomID: room, content: 'hello'});
    await refused(server.id, () => h.run(serverMutators.message.edit, member, {id, content: NUL}), 'content');
  });

  it('names of servers and rooms, and emoji, with a NUL are refused', async () => {
    const {owner, server} = await h.community();
    await refused(
      server.id,
      () => h.run(serverMutators.server.update, owner, {serverID: server.id, name: `a${NUL}`}),
      'name',
    );
    const room = {id: randomUUID(), serverID: server.id, name: `b${NUL}`};
    await refused(server.id, () => h.run(serverMutators.room.create, owner, room), 'name');
    const id = randomUUID();
    await h.run(serverMutators.message.send, owner, {id, roomID: server.generalRoomID, content: 'hi'});
    const reaction = {id: randomUUID(), messageID: id, emoji: `${NUL}`};
    await refused(server.id, () => h.run(serverMutators.reaction.add, owner, reaction), 'emoji');
  });
});
