import {randomUUID} from 'node:crypto';
import {queries, type AuthContext} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {mutatorHarness} from '../../../test/mutator-harness.ts';
import {serverMutators} from './server-mutators.ts';

// The message queries as zero-cache gets them from the API: their server-side
// ZQL, run against Postgres for a caller. A row the filter drops never
// reaches that caller's replica.

const h = mutatorHarness();

/** Sends as `who` (a reply when `parentMessageID` is given); returns the id. */
async function send(who: AuthContext, roomID: string, content: string, parentMessageID?: string) {
  const id = randomUUID();
  await h.run(serverMutators.message.send, who, {
    id,
    roomID,
    content,
    ...(parentMessageID ? {parentMessageID} : {}),
  });
  // Distinct server timestamps, so "oldest first" has one right answer.
  await new Promise(resolve => setTimeout(resolve, 2));
  return id;
}

type SearchArgs = Omit<Parameters<typeof queries.searchMessages.fn>[0]['args'], 'limit'>;
async function search(ctx: AuthContext, args: SearchArgs) {
  const rows = await h.zqlDb.run(queries.searchMessages.fn({args: {limit: 200, ...args}, ctx}));
  return rows.map(m => m.content).sort();
}

async function attachFile(messageID: string, uploader: AuthContext, status = 'ready') {
  await h.pool.query(
    `INSERT INTO files (message_id, uploader_id, file_name, file_size, mime_type, s3_key, status)
     VALUES ($1, $2, 'plan.pdf', 1024, 'application/pdf', $3, $4)`,
    [messageID, uploader.userID, `files/${randomUUID()}`, status],
  );
}

/** A server with a public and a private room, and a second server the first's people are not in. */
async function world() {
  const people = await h.community();
  const {owner, member, server} = people;
  const staff = await h.privateRoom(owner, server.id);
  const elsewhere = await h.community();
  await send(member, server.generalRoomID, 'The Needle is here');
  await send(owner, staff, 'needle in the staff room');
  await send(elsewhere.owner, elsewhere.server.generalRoomID, 'needle in another server');
  return {...people, staff, elsewhere};
}

describe('[M1] searchMessages', () => {
  it('[M1] finds only messages in rooms the caller can read', async () => {
    const {owner, member, stranger, server, staff, elsewhere} = await world();
    expect(await search(member, {text: 'needle'})).toEqual(['The Needle is here']);
    expect(await search(owner, {text: 'needle'})).toEqual(['The Needle is here', 'needle in the staff room']);
    expect(await search(elsewhere.owner, {text: 'needle'})).toEqual(['needle in another server']);
    expect(await search(stranger, {text: 'needle'})).toEqual([]);
    // Naming a room or server one cannot read finds nothing either.
    expect(await search(member, {text: 'needle', roomID: staff})).toEqual([]);
    expect(await search(member, {text: '', serverID: elsewhere.server.id})).toEqual([]);
    expect(await search(owner, {text: 'needle', serverID: server.id})).toHaveLength(2);
  });

  it('[M1] matches text in any case, and %, _ and \\ only as themselves', async () => {
    const {admin, server} = await h.community();
    const contents = ['100% sure', '1000 sure', 'snake_case', 'snakeXcase', 'C:\\temp', 'C:temp', 'MiXeD'];
    for (const content of contents) await send(admin, server.generalRoomID, content);
    expect(await search(admin, {text: 'mixed'})).toEqual(['MiXeD']);
    expect(await search(admin, {text: '0%'})).toEqual(['100% sure']);
    expect(await search(admin, {text: 'E_C'})).toEqual(['snake_case']);
    expect(await search(admin, {text: 'C:\\temp'})).toEqual(['C:\\temp']);
    expect(await search(admin, {text: '\\'})).toEqual(['C:\\temp']);
    expect(await search(admin, {text: ''})).toEqual([...contents].sort());
  });

  it('[M1] finds text as the composer stores it: Markdown delimiters escaped, & < > as entities', async () => {
    const {admin, server} = await h.community();
    for (const content of ['call run\\_all\\_tests', 'Q&amp;A at 3 &lt;pm&gt;', 'plain words']) {
      await send(admin, server.generalRoomID, content);
    }
    expect(await search(admin, {text: 'run_all_tests'})).toEqual(['call run\\_all\\_tests']);
    expect(await search(admin, {text: 'q&a'})).toEqual(['Q&amp;A at 3 &lt;pm&gt;']);
    expect(await search(admin, {text: '<pm>'})).toEqual(['Q&amp;A at 3 &lt;pm&gt;']);
    expect(await search(admin, {text: 'plain'})).toEqual(['plain words']);
  });

  it('[M1] filters by author, room, server and attached files', async () => {
    const {owner, admin, member, server} = await h.community();
    const random = randomUUID();
    await h.run(serverMutators.room.create, owner, {id: random, serverID: server.id, name: 'random'});
    await send(owner, server.generalRoomID, 'report from owner');
    await send(member, server.generalRoomID, 'report from member');
    await attachFile(await send(admin, random, 'report with a file'), admin);
    expect(await search(owner, {text: 'report', fromUserID: member.userID})).toEqual(['report from member']);
    expect(await search(owner, {text: 'report', roomID: random})).toEqual(['report with a file']);
    expect(await search(owner, {text: 'report', hasFile: true})).toEqual(['report with a file']);
    expect(await search(owner, {text: 'report', serverID: server.id})).toHaveLength(3);
    expect(
      await search(owner, {text: 'report', fromUserID: owner.userID, roomID: server.generalRoomID}),
    ).toEqual(['report from owner']);
  });

  it('[M1][FL7] has:file finds only messages with a ready file', async () => {
    const {admin, server} = await h.community();
    await attachFile(await send(admin, server.generalRoomID, 'memo ready'), admin);
    for (const status of ['pending', 'scanning', 'infected', 'rejected']) {
      await attachFile(await send(admin, server.generalRoomID, `memo ${status}`), admin, status);
    }
    const both = await send(admin, server.generalRoomID, 'memo infected and ready');
    await attachFile(both, admin, 'infected');
    await attachFile(both, admin);
    expect((await search(admin, {text: 'memo', hasFile: true})).sort()).toEqual([
      'memo infected and ready',
      'memo ready',
    ]);
  });

  it('[M1][ME2] leaves out deleted messages', async () => {
    const {owner, member, server} = await h.community();
    const gone = await send(member, server.generalRoomID, 'regrettable words');
    await send(member, server.generalRoomID, 'kind words');
    await h.run(serverMutators.message.delete, owner, {id: gone});
    expect(await search(member, {text: 'words'})).toEqual(['kind words']);
    expect(await search(member, {text: '', fromUserID: member.userID})).toEqual(['kind words']);
  });
});

describe('[M1] thread', () => {
  it('[M1][MS4] gives the parent with its replies oldest first, deleted ones as placeholders', async () => {
    const {owner, admin, member, server} = await h.community();
    const room = server.generalRoomID;
    const parent = await send(owner, room, 'plan?');
    const first = await send(member, room, 'yes', parent);
    const second = await send(admin, room, 'no', parent);
    const third = await send(member, room, 'maybe', parent);
    await send(owner, room, 'unrelated');
    await h.run(serverMutators.message.delete, admin, {id: second});
    const thread = await h.zqlDb.run(queries.thread.fn({args: {messageID: parent}, ctx: member}));
    expect(thread).toMatchObject({id: parent, content: 'plan?', replyCount: 3});
    expect(thread?.author?.id).toBe(owner.userID);
    expect(thread?.replies.map(r => [r.id, r.content])).toEqual([
      [first, 'yes'],
      [second, ''],
      [third, 'maybe'],
    ]);
    expect(thread?.replies[0]?.author?.id).toBe(member.userID);
  });

  it('[M1] gives nothing to a stranger, or to a member not added to the private room', async () => {
    const {owner, member, stranger, server} = await h.community();
    const staff = await h.privateRoom(owner, server.id);
    const open = await send(owner, server.generalRoomID, 'open');
    await send(owner, server.generalRoomID, 're', open);
    const closed = await send(owner, staff, 'closed');
    const thread = (messageID: string, ctx: AuthContext) =>
      h.zqlDb.run(queries.thread.fn({args: {messageID}, ctx}));
    expect(await thread(open, stranger)).toBeUndefined();
    expect(await thread(closed, member)).toBeUndefined();
    expect((await thread(closed, owner))?.content).toBe('closed');
  });
});

describe('[M1] roomMessages', () => {
  it('[M1] lists a room’s top-level messages newest first with reactions; nothing for those who cannot read it', async () => {
    const {owner, member, stranger, server} = await h.community();
    const room = server.generalRoomID;
    const older = await send(owner, room, 'older');
    await send(member, room, 'a reply', older);
    const newer = await send(member, room, 'newer');
    await h.run(serverMutators.reaction.add, owner, {id: randomUUID(), messageID: newer, emoji: '👍'});
    const rows = await h.zqlDb.run(queries.roomMessages.fn({args: {roomID: room, limit: 10}, ctx: member}));
    expect(rows.map(m => [m.id, m.replyCount])).toEqual([
      [newer, 0],
      [older, 1],
    ]);
    expect(rows[0]?.reactions.map(r => [r.userID, r.emoji])).toEqual([[owner.userID, '👍']]);
    const latest = await h.zqlDb.run(queries.roomMessages.fn({args: {roomID: room, limit: 1}, ctx: owner}));
    expect(latest.map(m => m.id)).toEqual([newer]);
    const hidden = await h.zqlDb.run(
      queries.roomMessages.fn({args: {roomID: room, limit: 10}, ctx: stranger}),
    );
    expect(hidden).toEqual([]);
  });
});

describe('[DM2] searching a direct conversation', () => {
  it('[DM2] members find its messages; anyone else finds nothing, with the same filters', async () => {
    const [ana, ben, eve] = [await h.user(), await h.user(), await h.user()];
    for (const [a, b] of [
      [ana, ben],
      [ben, ana],
    ] as const) {
      await h.run(serverMutators.friend.request, a, {id: randomUUID(), userID: b.userID});
    }
    const conversationID = randomUUID();
    await h.run(serverMutators.conversation.create, ana, {id: conversationID, userIDs: [ben.userID]});
    for (const content of ['the launch plan', 'lunch?']) {
      await h.run(serverMutators.conversation.send, ana, {id: randomUUID(), conversationID, content});
    }
    expect(await search(ben, {text: 'plan', conversationID})).toEqual(['the launch plan']);
    expect(await search(ben, {text: '', conversationID, fromUserID: ana.userID})).toEqual([
      'lunch?',
      'the launch plan',
    ]);
    expect(await search(eve, {text: 'plan', conversationID})).toEqual([]);
    // Room searches never include conversations.
    expect(await search(ben, {text: 'plan'})).toEqual([]);
  });
});
