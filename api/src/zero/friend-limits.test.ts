import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {results, zeroClient} from '../../../test/zero-push.ts';

// [F2] One friend-request limit whatever the door: the production limit
// (30 per 10 minutes) scaled by 0.1 runs out after 3 requests.
const h = restHarness({rateLimits: {multiplier: 0.1}, zero: true});

describe('[F2] friend requests share one limit across REST and Zero pushes', () => {
  it('[F2] after REST requests use up the limit, friend.request in a push fails with LIMIT_REACHED and asks nobody', async () => {
    const asker = await h.user();
    const people = [await h.user(), await h.user(), await h.user(), await h.user(), await h.user()];
    for (const person of people.slice(0, 3)) {
      expect((await h.call(asker, 'POST', '/friends/request', {username: person.username})).status).toBe(201);
    }
    const refused = await h.call(asker, 'POST', '/friends/request', {username: people[3]!.username});
    expect(refused.status).toBe(429);
    expect(refused.type).toContain('application/problem+json');

    const reply = await zeroClient(h, asker).push([
      {name: 'friend.request', args: {id: crypto.randomUUID(), userID: people[4]!.userID}},
    ]);
    expect(results(reply)[0]?.result).toMatchObject({
      error: 'app',
      message: expect.stringMatching(/^Too many friend requests\. Try again in \d+ minutes?\.$/),
      details: {code: 'LIMIT_REACHED'},
    });
    const asked = await h.pool.query('SELECT friend_id FROM friendships WHERE user_id = $1', [asker.userID]);
    expect(asked.rows.map(r => r.friend_id).sort()).toEqual(
      people
        .slice(0, 3)
        .map(p => p.userID)
        .sort(),
    );
  });
});
