import {randomUUID} from 'node:crypto';
import {isChorusError, whereFriendshipVisible, zql, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {serverMutators} from './server-mutators.ts';

// Friends and blocks through the server mutators in real Postgres
// transactions, as a Zero push runs them (REST runs the same rules: see
// routes/friends-rest.test.ts). Every refusal leaves the pair's rows as they were.

const h = mutatorHarness();
const f = serverMutators.friend;
const b = serverMutators.block;

/** Every friendship and block row between the people of `users`. */
async function socialRows(users: AuthContext[]) {
  const ids = users.map(u => u.userID);
  const friendships = await h.pool.query(
    `SELECT id, user_id, friend_id, status FROM friendships
      WHERE user_id = ANY($1) OR friend_id = ANY($1) ORDER BY id`,
    [ids],
  );
  const blocks = await h.pool.query(
    `SELECT blocker_id, blocked_id FROM user_blocks
      WHERE blocker_id = ANY($1) OR blocked_id = ANY($1) ORDER BY 1, 2`,
    [ids],
  );
  return {friendships: friendships.rows, blocks: blocks.rows};
}

async function denied(users: AuthContext[], attempt: () => Promise<unknown>, code: string, field?: string) {
  const before = await socialRows(users);
  const err = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isChorusError(err) ? err.code : String(err)).toBe(code);
  if (field !== undefined) expect(isChorusError(err) && err.field).toBe(field);
  expect(await socialRows(users)).toEqual(before);
}

const ask = (from: AuthContext, to: AuthContext, id = randomUUID()) =>
  h.run(f.request, from, {id, userID: to.userID}).then(() => id);

const statusOf = async (id: string) =>
  (await h.pool.query<{status: string}>('SELECT status FROM friendships WHERE id = $1', [id])).rows[0]
    ?.status;

const visibleTo = (user: AuthContext) =>
  h.zqlDb.run(whereFriendshipVisible(zql.friendships, user.userID)).then(rows => rows.map(r => r.id));

describe('[F2] asking to be friends', () => {
  it('[F2] a request is pending until the person asked accepts; a retry of the same id changes nothing', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    const id = await ask(ana, ben);
    expect(await statusOf(id)).toBe('pending');
    await ask(ana, ben, id);
    expect((await socialRows([ana, ben])).friendships).toHaveLength(1);
  });

  it('[F2] asking someone who already asked you accepts theirs: one row, accepted', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    const id = await ask(ana, ben);
    await ask(ben, ana);
    expect(await statusOf(id)).toBe('accepted');
    expect((await socialRows([ana, ben])).friendships).toHaveLength(1);
  });

  it('[F2] yourself, twice, an existing friend, an agent, nobody, or unverified: refused', async () => {
    const [ana, ben, cat] = [await h.user(), await h.user(), await h.user()];
    const unverified = await h.user({verified: false});
    await denied([ana], () => ask(ana, ana), 'INVALID', 'userID');
    await ask(ana, ben);
    await denied([ana, ben], () => ask(ana, ben), 'CONFLICT', 'userID');
    await ask(ben, ana);
    await denied([ana, ben], () => ask(ana, ben), 'CONFLICT', 'userID');
    await denied([ben, unverified], () => ask(unverified, ben), 'EMAIL_NOT_VERIFIED');
    const nobody = {userID: randomUUID(), emailVerified: true};
    await denied([cat], () => ask(cat, nobody), 'NOT_FOUND', 'userID');
    const agent = await h.user();
    await h.pool.query(`UPDATE users SET user_type = 'ai_agent', email = NULL WHERE id = $1`, [agent.userID]);
    await denied([cat, agent], () => ask(cat, agent), 'INVALID', 'userID');
  });

  it('[F2] someone else’s request id is not a way to read or change it', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    const id = await ask(ana, ben);
    await denied([ana, ben, eve], () => ask(eve, ben, id), 'NOT_FOUND');
  });
});

describe('[F3] answering a request', () => {
  it('[F3] only the person asked accepts or rejects; only the asker cancels', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    const id = await ask(ana, ben);
    await denied([ana, ben], () => h.run(f.accept, ana, {id}), 'NOT_FOUND');
    await denied([ana, ben, eve], () => h.run(f.accept, eve, {id}), 'NOT_FOUND');
    await denied([ana, ben], () => h.run(f.reject, ana, {id}), 'NOT_FOUND');
    await denied([ana, ben], () => h.run(f.cancel, ben, {id}), 'NOT_FOUND');
    await h.run(f.accept, ben, {id});
    await h.run(f.accept, ben, {id});
    expect(await statusOf(id)).toBe('accepted');
    // An accepted friendship is not a request to cancel or reject.
    await denied([ana, ben], () => h.run(f.cancel, ana, {id}), 'NOT_FOUND');
    await denied([ana, ben], () => h.run(f.reject, ben, {id}), 'NOT_FOUND');
  });

  it('[F3] rejecting and cancelling remove the request; the asker may ask again', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    const first = await ask(ana, ben);
    await h.run(f.reject, ben, {id: first});
    expect(await statusOf(first)).toBeUndefined();
    const second = await ask(ana, ben);
    await h.run(f.cancel, ana, {id: second});
    expect((await socialRows([ana, ben])).friendships).toEqual([]);
  });
});

describe('[F4] ending a friendship', () => {
  it('[F4] either friend removes it; someone who is not a friend gets NOT_FOUND', async () => {
    const [ana, ben, cat] = [await h.user(), await h.user(), await h.user()];
    const id = await ask(ana, ben);
    await denied([ana, ben], () => h.run(f.remove, ana, {userID: ben.userID}), 'NOT_FOUND', 'userID');
    await h.run(f.accept, ben, {id});
    await denied([ana, ben, cat], () => h.run(f.remove, cat, {userID: ben.userID}), 'NOT_FOUND', 'userID');
    await h.run(f.remove, ben, {userID: ana.userID});
    expect((await socialRows([ana, ben])).friendships).toEqual([]);
  });
});

describe('[F5] blocking', () => {
  it('[F5] blocking ends a friendship and is idempotent; unblocking does not bring it back', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await ask(ana, ben);
    await ask(ben, ana);
    await h.run(b.add, ben, {userID: ana.userID});
    await h.run(b.add, ben, {userID: ana.userID});
    expect(await socialRows([ana, ben])).toEqual({
      friendships: [],
      blocks: [{blocker_id: ben.userID, blocked_id: ana.userID}],
    });
    await h.run(b.remove, ben, {userID: ana.userID});
    await h.run(b.remove, ben, {userID: ana.userID});
    expect(await socialRows([ana, ben])).toEqual({friendships: [], blocks: []});
  });

  it('[F5][F1] a blocked person’s request is kept as sent but never shown to, or answerable by, the blocker', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await h.run(b.add, ben, {userID: ana.userID});
    const id = await ask(ana, ben);
    expect(await statusOf(id)).toBe('pending');
    expect(await visibleTo(ana)).toEqual([id]);
    expect(await visibleTo(ben)).toEqual([]);
    await denied([ana, ben], () => h.run(f.accept, ben, {id}), 'NOT_FOUND');
  });

  it('[F5] the blocker must unblock before asking; nobody blocks themselves', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await h.run(b.add, ana, {userID: ben.userID});
    await denied([ana, ben], () => ask(ana, ben), 'CONFLICT', 'userID');
    await denied([ana], () => h.run(b.add, ana, {userID: ana.userID}), 'INVALID', 'userID');
  });
});

describe('[F1] who sees a friendship', () => {
  it('[F1] only its two people see a request or a friendship', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    const id = await ask(ana, ben);
    expect(await visibleTo(ana)).toEqual([id]);
    expect(await visibleTo(ben)).toEqual([id]);
    expect(await visibleTo(eve)).toEqual([]);
  });
});

describe('[F2] concurrent requests', () => {
  it('[F2] two people asking each other at once end as one accepted friendship', async () => {
    const [ana, ben] = [await h.user(), await h.user()];
    await Promise.all([ask(ana, ben), ask(ben, ana)]);
    const {friendships} = await socialRows([ana, ben]);
    expect(friendships).toHaveLength(1);
    expect(friendships[0].status).toBe('accepted');
  });
});

describe('[F5] mentions', () => {
  it('[F5][M2] someone who blocked the author gets no mention; others still do', async () => {
    const {owner, admin, member, server} = await h.community();
    await h.run(b.add, member, {userID: owner.userID});
    const id = randomUUID();
    await h.run(serverMutators.message.send, owner, {
      id,
      roomID: server.generalRoomID,
      content: `hi @${member.username} and @${admin.username}`,
    });
    const {rows} = await h.pool.query<{user_id: string}>(
      'SELECT user_id FROM message_mentions WHERE message_id = $1',
      [id],
    );
    expect(rows.map(r => r.user_id)).toEqual([admin.userID]);
  });
});
