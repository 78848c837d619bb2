import {describe, expect, it} from 'vitest';
import {restHarness, type Who} from '../../../test/rest-harness.ts';

// The friends and block endpoints over REST: the same rules as the Zero
// mutators (zero/friend-mutators.test.ts), with the seed's shapes.

const h = restHarness();

const emailOf = (who: Who) => `${who.username}@example.test`;
const ask = (from: Who, to: Who) => h.call(from, 'POST', '/friends/request', {username: to.username});

describe('[F2] POST /friends/request', () => {
  it('[F2] asks by username: 201 pending with the person; asking back accepts theirs (200)', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    const sent = await ask(ana, ben);
    expect(sent.status).toBe(201);
    expect(sent.json).toEqual({
      id: expect.any(String),
      status: 'pending',
      user: {id: ben.userID, username: ben.username, pictureUrl: null, externalLink: null, userType: 'human'},
    });
    const back = await h.call(ben, 'POST', '/friends/request', {username: ana.username.toUpperCase()});
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({id: sent.json.id, status: 'accepted', user: {id: ana.userID}});
    const friends = await h.call(ana, 'GET', '/friends');
    expect(friends.json.friends).toEqual([
      {user: expect.objectContaining({id: ben.userID}), since: expect.any(String)},
    ]);
  });

  it('[F2] asks by an exact verified address; an unverified or unknown one is the same 404', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    const unverified = await h.user(false);
    expect((await h.call(ana, 'POST', '/friends/request', {email: emailOf(ben).toUpperCase()})).status).toBe(
      201,
    );
    const hidden = await h.call(ana, 'POST', '/friends/request', {email: emailOf(unverified)});
    const unknown = await h.call(ana, 'POST', '/friends/request', {email: 'nobody@example.test'});
    h.expectProblem(hidden, 404, 'email');
    h.expectProblem(unknown, 404, 'email');
    expect(hidden.json.detail).toBe(unknown.json.detail);
  });

  it('[F2] yourself, twice, unknown names and bad bodies get problem+json naming the field', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    h.expectProblem(await ask(ana, ana), 400, 'userId');
    await ask(ana, ben);
    h.expectProblem(await ask(ana, ben), 409, 'userId');
    h.expectProblem(
      await h.call(ana, 'POST', '/friends/request', {username: 'no-such-person'}),
      404,
      'username',
    );
    expect((await h.call(ana, 'POST', '/friends/request', {nickname: 'x'})).status).toBe(400);
    expect((await h.call(ana, 'POST', '/friends/request', {username: 'a\u0000b'})).status).toBe(400);
  });
});

describe('[F3] answering and listing requests', () => {
  it('[F3] incoming and outgoing lists; only the person asked accepts or rejects; only the sender cancels', async () => {
    const [ana, ben, cat] = [await h.user(), await h.user(), await h.user()];
    const toBen = (await ask(ana, ben)).json.id as string;
    const toCat = (await ask(ana, cat)).json.id as string;
    const anaLists = await h.call(ana, 'GET', '/friends/requests');
    expect(anaLists.json.incoming).toEqual([]);
    expect(anaLists.json.outgoing.map((r: {id: string}) => r.id).sort()).toEqual([toBen, toCat].sort());
    const benLists = await h.call(ben, 'GET', '/friends/requests');
    expect(benLists.json).toEqual({
      incoming: [{id: toBen, user: expect.objectContaining({id: ana.userID}), createdAt: expect.any(String)}],
      outgoing: [],
    });

    h.expectProblem(await h.call(ana, 'POST', `/friends/accept/${toBen}`), 404);
    h.expectProblem(await h.call(cat, 'POST', `/friends/reject/${toBen}`), 404);
    h.expectProblem(await h.call(ben, 'DELETE', `/friends/requests/${toBen}`), 404);
    expect((await h.call(ben, 'POST', `/friends/accept/${toBen}`)).json).toEqual({
      id: toBen,
      status: 'accepted',
    });
    expect((await h.call(cat, 'POST', `/friends/reject/${toCat}`)).status).toBe(204);
    expect((await h.call(ana, 'GET', '/friends/requests')).json).toEqual({incoming: [], outgoing: []});
    h.expectProblem(await h.call(ana, 'POST', '/friends/accept/not-an-id'), 400, 'requestId');
  });

  it('[F4] DELETE /friends/:userId ends a friendship; then it is 404', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await ask(ana, ben);
    await ask(ben, ana);
    expect((await h.call(ben, 'DELETE', `/friends/${ana.userID}`)).status).toBe(204);
    expect((await h.call(ana, 'GET', '/friends')).json.friends).toEqual([]);
    h.expectProblem(await h.call(ana, 'DELETE', `/friends/${ben.userID}`), 404, 'userId');
  });
});

describe('[F5] POST/DELETE /users/:id/block', () => {
  it('[F5] blocking ends the friendship, hides their later request, and is listed only to the blocker', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await ask(ana, ben);
    await ask(ben, ana);
    expect((await h.call(ben, 'POST', `/users/${ana.userID}/block`)).status).toBe(204);
    expect((await h.call(ben, 'POST', `/users/${ana.userID}/block`)).status).toBe(204);
    expect((await h.call(ana, 'GET', '/friends')).json.friends).toEqual([]);

    // Ana learns nothing: her request looks sent, and Ben never sees it.
    const again = await ask(ana, ben);
    expect(again.status).toBe(201);
    expect((await h.call(ana, 'GET', '/friends/requests')).json.outgoing).toHaveLength(1);
    expect((await h.call(ben, 'GET', '/friends/requests')).json.incoming).toEqual([]);
    h.expectProblem(await h.call(ben, 'POST', `/friends/accept/${again.json.id}`), 404);

    expect((await h.call(ben, 'GET', '/users/me/blocks')).json.blocks).toEqual([
      {
        user: expect.objectContaining({id: ana.userID, username: ana.username}),
        createdAt: expect.any(String),
      },
    ]);
    expect((await h.call(ana, 'GET', '/users/me/blocks')).json.blocks).toEqual([]);
    h.expectProblem(await ask(ben, ana), 409, 'userId');

    expect((await h.call(ben, 'DELETE', `/users/${ana.userID}/block`)).status).toBe(204);
    expect((await h.call(ben, 'GET', '/users/me/blocks')).json.blocks).toEqual([]);
  });

  it('[F5] blocking yourself is 400; an unknown id is 404', async () => {
    const ana = await h.user();
    h.expectProblem(await h.call(ana, 'POST', `/users/${ana.userID}/block`), 400, 'userId');
    h.expectProblem(
      await h.call(ana, 'POST', '/users/00000000-0000-4000-8000-000000000000/block'),
      404,
      'userId',
    );
  });
});
