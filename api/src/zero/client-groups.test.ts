import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {results, zeroClient} from '../../../test/zero-push.ts';

describe('[Z1] a client group belongs to the person who first pushed with it', () => {
  const h = restHarness({zero: true});

  async function aliceWithAPush() {
    const {member: alice, stranger: mallory, server} = await h.community();
    const client = zeroClient(h, alice);
    const send = (content: string) => ({
      name: 'message.send',
      args: {id: crypto.randomUUID(), roomID: server.generalRoomID, content},
    });
    results(await client.push([send('first')]));
    expect(await client.lastMutationID()).toBe(1);
    return {alice, mallory, client, send};
  }

  it('[Z1] another person’s push naming it is refused with 403, and the owner’s last mutation id is untouched', async () => {
    const {mallory, client, send} = await aliceWithAPush();
    // Mallory, with her own valid token, sends the mutation id Alice's client will use next.
    const refused = await client.push([send('from mallory')], {as: mallory});
    h.expectProblem(refused, 403);
    expect(await client.lastMutationID()).toBe(1);
    const {rows} = await h.pool.query('SELECT 1 FROM messages WHERE content = $1', ['from mallory']);
    expect(rows).toHaveLength(0);

    // Alice's next write is taken, not answered "already processed".
    const [next] = results(await client.push([send('second')]));
    expect(next).toMatchObject({id: {id: 2}, result: {}});
    expect(await client.lastMutationID()).toBe(2);
  });

  it('[Z1] a push may not clean up the stored results of another person’s client group', async () => {
    const {alice, mallory, client, send} = await aliceWithAPush();
    const [failed] = results(
      await client.push([{name: 'message.send', args: {...send('x').args, roomID: crypto.randomUUID()}}]),
    );
    expect(failed?.result).toMatchObject({error: 'app', details: {code: 'NOT_FOUND'}});
    expect([...(await client.storedResults()).keys()]).toEqual([2]);

    const cleanup = {
      name: '_zero_cleanupResults',
      args: {
        type: 'single',
        clientGroupID: client.clientGroupID,
        clientID: client.clientID,
        upToMutationID: 99,
      },
    };
    h.expectProblem(await zeroClient(h, mallory).push([cleanup], {firstID: 0}), 403);
    expect([...(await client.storedResults()).keys()]).toEqual([2]);
    // Alice's own cleanup works.
    results(await zeroClient(h, alice, {clientGroupID: client.clientGroupID}).push([cleanup], {firstID: 0}));
    expect(await client.storedResults()).toEqual(new Map());
  });

  it('[Z1] a new client group is anyone’s to claim, and then it stays theirs', async () => {
    const [ann, bob] = [await h.user(), await h.user()];
    const ids = {clientGroupID: crypto.randomUUID()};
    results(await zeroClient(h, ann, ids).push([]));
    h.expectProblem(await zeroClient(h, bob, ids).push([]), 403);
    results(await zeroClient(h, ann, ids).push([]));
    const {rows} = await h.pool.query('SELECT user_id FROM client_group_owners WHERE client_group_id = $1', [
      ids.clientGroupID,
    ]);
    expect(rows).toEqual([{user_id: ann.userID}]);
  });

  it('[Z1] a push may name only this deployment’s shard, never other tables', async () => {
    const {member: alice} = await h.community();
    for (const query of ['schema=public&appID=chorus', 'schema=chorus_0&appID=other', 'appID=chorus', '']) {
      const res = await h.app.request(`/api/zero/mutate?${query}`, {
        method: 'POST',
        headers: {authorization: `Bearer ${alice.token}`, 'content-type': 'application/json'},
        body: JSON.stringify({clientGroupID: 'g', mutations: []}),
      });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as {field?: string}).field).toBe('schema');
    }
  });
});
