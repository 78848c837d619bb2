import {describe, expect, it} from 'vitest';
import {
  afterFailure,
  enqueue,
  keepsFailed,
  laneOf,
  MAX_SERVER_ATTEMPTS,
  newEntry,
  nextWake,
  replayable,
  retry,
  textOf,
} from './machine.ts';
import type {OutboxEntry, OutboxWrite} from './types.ts';

const ROOM = '00000000-0000-4000-8000-000000000001';
const OTHER_ROOM = '00000000-0000-4000-8000-000000000002';
const ME = 'me';
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function entry(write: OutboxWrite, seq: number, userID = ME): OutboxEntry {
  return newEntry(write, {id: uuid(), userID, seq, now: 1000});
}
const send = (content: string, roomID = ROOM): Extract<OutboxWrite, {kind: 'message.send'}> => ({
  kind: 'message.send',
  scope: `room:${roomID}`,
  args: {id: uuid(), roomID, content},
});
const edit = (id: string, content: string): OutboxWrite => ({
  kind: 'message.edit',
  scope: `room:${ROOM}`,
  args: {id, content},
});
const react = (messageID: string): OutboxWrite => ({
  kind: 'reaction.add',
  scope: `room:${ROOM}`,
  args: {id: uuid(), messageID, emoji: '👍'},
});
const mark = (readAt: number, roomID = ROOM): OutboxWrite => ({
  kind: 'read.mark',
  scope: `room:${roomID}`,
  args: {roomID, readAt},
});
const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';
const dmMark = (readAt: number): OutboxWrite => ({
  kind: 'dm.read',
  scope: `conversation:${CONVERSATION}`,
  args: {conversationID: CONVERSATION, readAt},
});
const none = new Set<string>();

describe('the outbox state machine', () => {
  it('[OB1] records a send under the message id, pending, with its REST twin', () => {
    const w = send('hello');
    const e = entry(w, 1);
    expect(e).toMatchObject({id: w.args.id, state: 'pending', attempts: 0, scope: `room:${ROOM}`});
    expect(e.rest).toEqual({
      method: 'POST',
      path: '/api/v1/messages',
      body: {id: w.args.id, roomId: ROOM, content: 'hello'},
    });
    expect(textOf(e)).toBe('hello');
  });

  it('[OB2] replays per scope in seq order, only the signed-in person, skipping what is in flight', () => {
    const a = entry(send('a'), 3);
    const b = entry(send('b', OTHER_ROOM), 2);
    const c = entry(send('c'), 1);
    const theirs = entry(send('x'), 0, 'someone-else');
    expect(replayable([a, b, c, theirs], ME, none, 2000).map(textOf)).toEqual(['c', 'b']);
    expect(replayable([a, b, c], ME, new Set([c.id]), 2000).map(textOf)).toEqual(['b']);
    expect(replayable([a, b], ME, none, 2000).map(textOf)).toEqual(['b', 'a']);
  });

  it('[OB5] sends and read marks take REST; edits, deletes and reactions take Zero', () => {
    const s = entry(send('s'), 1);
    expect(laneOf(s)).toBe('rest');
    expect(laneOf(entry(mark(5), 2))).toBe('rest');
    expect(laneOf(entry(edit(s.id, 't'), 3))).toBe('zero');
    expect(laneOf(entry(react(s.id), 4))).toBe('zero');
    expect(laneOf(entry({kind: 'message.delete', scope: `room:${ROOM}`, args: {id: s.id}}, 5))).toBe('zero');
  });

  it('[OB5] a send goes alone in its scope: nothing later overtakes it, and it waits for what went before', () => {
    const s = entry(send('s'), 1);
    const e = entry(edit(s.id, 's, edited'), 2);
    const r = entry(react(s.id), 3);
    const elsewhere = entry(send('x', OTHER_ROOM), 4);
    const ids = (list: OutboxEntry[]) => list.map(x => x.id);
    // Only the send, until the server confirmed it: its edit must not reach the server first.
    expect(ids(replayable([s, e, r, elsewhere], ME, none, 2000))).toEqual([s.id, elsewhere.id]);
    expect(ids(replayable([s, e, r], ME, new Set([s.id]), 2000))).toEqual([]);
    // Confirmed (gone): Zero's writes go together, pipelined in order.
    expect(ids(replayable([e, r], ME, none, 2000))).toEqual([e.id, r.id]);
    // A send after Zero writes still in flight waits for them.
    const later = entry(send('later'), 4);
    expect(ids(replayable([e, r, later], ME, new Set([e.id, r.id]), 2000))).toEqual([]);
    expect(ids(replayable([r, later], ME, new Set([r.id]), 2000))).toEqual([]);
    expect(ids(replayable([later], ME, none, 2000))).toEqual([later.id]);
  });

  it('[OB2] a later write in a scope waits while an earlier one backs off; other scopes go on', () => {
    const a = afterFailure(entry(send('a'), 1), {type: 'server', status: 503, message: 'busy'}, 1000);
    const b = entry(send('b'), 2);
    const c = entry(send('c', OTHER_ROOM), 3);
    expect(replayable([a, b, c], ME, none, 1500).map(textOf)).toEqual(['c']);
    expect(nextWake([a, b, c], ME, 1500)).toBe(2000);
    expect(replayable([a, b, c], ME, none, 2000).map(textOf)).toEqual(['a', 'c']);
  });

  it('[OB1] a read mark replaces the earlier unsent one in its room, never moving back', () => {
    const first = entry(mark(500), 1);
    const other = entry(mark(100, OTHER_ROOM), 2);
    const later = entry(mark(300), 3);
    const {put, remove} = enqueue([first, other], later, none);
    expect(remove).toEqual([first.id]);
    expect(put.kind === 'read.mark' && put.args.readAt).toBe(500);
    expect(put.rest).toEqual({method: 'POST', path: `/api/v1/rooms/${ROOM}/read`, body: {readAt: 500}});
    // One already on its way stays: its answer confirms it.
    expect(enqueue([first], later, new Set([first.id])).remove).toEqual([]);
  });

  it('[OB3] an application error is final, with its reason', () => {
    const e = afterFailure(
      entry(send('hi'), 1),
      {type: 'server', code: 'NOT_FOUND', message: 'That room does not exist or you cannot read it.'},
      2000,
    );
    expect(e).toMatchObject({state: 'failed', error: {code: 'NOT_FOUND'}});
    expect(replayable([e], ME, none, 10_000)).toEqual([]);
    expect(afterFailure(entry(send('x'), 1), {type: 'server', status: 404, message: 'gone'}, 1).state).toBe(
      'failed',
    );
  });

  it('[OB3] offline never ends a write, however long; server trouble is retried with backoff, then ends', () => {
    let e = entry(send('hi'), 1);
    for (let i = 0; i < 100; i++) e = afterFailure(e, {type: 'offline', message: 'offline'}, 1000 + i);
    expect(e).toMatchObject({state: 'pending', attempts: 0, error: {code: 'OFFLINE'}});
    for (const status of [500, 429, 401]) {
      expect(afterFailure(e, {type: 'server', status, message: 'x'}, 1).state).toBe('pending');
    }
    for (let i = 0; i < MAX_SERVER_ATTEMPTS; i++)
      e = afterFailure(e, {type: 'server', status: 503, message: 'down'}, 1);
    expect(e).toMatchObject({state: 'failed', attempts: MAX_SERVER_ATTEMPTS, error: {code: 'HTTP_503'}});
  });

  it('[OB1][DM5] a conversation read mark goes to its REST route and replaces the earlier unsent one', () => {
    const first = entry(dmMark(300), 1);
    const later = enqueue([first, entry(mark(900), 2)], entry(dmMark(200), 3), none);
    expect(later.remove).toEqual([first.id]);
    expect(later.put).toMatchObject({kind: 'dm.read', args: {conversationID: CONVERSATION, readAt: 300}});
    expect(later.put.rest).toEqual({
      method: 'POST',
      path: `/api/v1/conversations/${CONVERSATION}/read`,
      body: {readAt: new Date(300).toISOString()},
    });
    expect(keepsFailed(later.put)).toBe(false);
  });

  it('[OB2][DM5] a conversation read mark does not wait behind the conversation’s messages', () => {
    const send = entry(
      {
        kind: 'dm.send',
        scope: `conversation:${CONVERSATION}`,
        args: {id: uuid(), conversationID: CONVERSATION, content: 'x'},
      },
      1,
    );
    const held = afterFailure(send, {type: 'server', status: 503, message: 'busy'}, 1000);
    const read = entry(dmMark(5), 2);
    expect(replayable([held, read], ME, none, 1001).map(e => e.id)).toEqual([read.id]);
  });

  it('[OB3] a refused read mark is not kept to be shown; a refused message is', () => {
    expect(keepsFailed(entry(mark(1), 1))).toBe(false);
    expect(keepsFailed(entry(send('x'), 1))).toBe(true);
  });

  it('[OB3] retry puts a failed write back in its place; its text stays recoverable', () => {
    const failed = afterFailure(
      entry(send('keep me'), 1),
      {type: 'server', code: 'FORBIDDEN', message: 'no'},
      1,
    );
    const again = retry(failed, 5);
    expect(again).toMatchObject({state: 'pending', attempts: 0, seq: 1, updatedAt: 5});
    expect(again.error).toBeUndefined();
    expect(textOf(failed)).toBe('keep me');
  });
});
