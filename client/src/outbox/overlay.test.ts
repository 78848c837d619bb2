import {describe, expect, it} from 'vitest';
import type {MessageRow} from '../messages/types.ts';
import {afterFailure, newEntry} from './machine.ts';
import {overlay} from './overlay.ts';
import type {OutboxWrite} from './types.ts';

const ROOM = '00000000-0000-4000-8000-0000000000aa';
const me = {id: 'me', username: 'ada'};
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const entry = (w: OutboxWrite, seq: number) => newEntry(w, {id: uuid(), userID: me.id, seq, now: 5000 + seq});
const row = (id: string, createdAt: number, content = id): MessageRow => ({
  id,
  roomID: ROOM,
  conversationID: null,
  userID: 'bob',
  content,
  parentMessageID: null,
  replyCount: 0,
  lastReplyAt: null,
  createdAt,
  editedAt: null,
  deletedAt: null,
  reactions: [],
});
const scope = `room:${ROOM}`;
const where = {roomID: ROOM, parentMessageID: null};

describe('unconfirmed writes over the message list', () => {
  it('[OB1] shows sends the replica lacks, in time order, once each, and leaves other rows as they are', () => {
    const a = row('a', 1000);
    const b = row('b', 3000);
    const sent = uuid();
    const send = entry(
      {kind: 'message.send', scope, args: {id: sent, roomID: ROOM, content: 'hi', createdAt: 2000}},
      1,
    );
    const shown = overlay([a, b], [send], where, me);
    expect(shown.map(r => r.id)).toEqual(['a', sent, 'b']);
    expect(shown[0]).toBe(a);
    expect(shown[1]).toMatchObject({content: 'hi', userID: 'me', outbox: [send]});
    // Once the replica has it: the replica's row, still marked until confirmed.
    const synced = row(sent, 2500, 'hi');
    const again = overlay([a, synced, b], [send], where, me);
    expect(again.map(r => r.id)).toEqual(['a', sent, 'b']);
    expect(again[1]).toMatchObject({createdAt: 2500, outbox: [send]});
  });

  it('[OB1] applies pending edits, reactions and deletes; a failed edit is noted but not shown as done', () => {
    const a = row('a', 1000);
    const edit = entry({kind: 'message.edit', scope, args: {id: 'a', content: 'edited'}}, 1);
    const react = entry({kind: 'reaction.add', scope, args: {id: uuid(), messageID: 'a', emoji: '👍'}}, 2);
    const [shown] = overlay([a], [edit, react], where, me);
    expect(shown).toMatchObject({content: 'edited', reactions: [{emoji: '👍', userID: 'me'}]});
    const failed = afterFailure(edit, {type: 'server', code: 'NOT_FOUND', message: 'gone'}, 9);
    expect(overlay([a], [failed], where, me)[0]).toMatchObject({content: 'a', outbox: [failed]});
    const del = entry({kind: 'message.delete', scope, args: {id: 'a'}}, 3);
    expect(overlay([a], [del], where, me)[0]?.deletedAt).not.toBeNull();
  });

  it('keeps thread replies out of the room and in their thread', () => {
    const reply = entry(
      {kind: 'message.send', scope, args: {id: uuid(), roomID: ROOM, content: 'r', parentMessageID: 'a'}},
      1,
    );
    expect(overlay([row('a', 1)], [reply], where, me)).toHaveLength(1);
    expect(overlay([], [reply], {roomID: ROOM, parentMessageID: 'a'}, me)).toHaveLength(1);
  });

  it('[OB1] counts pending replies on their parent once: not again when the replica counts them', () => {
    const reply = (createdAt: number, seq: number) =>
      entry(
        {
          kind: 'message.send',
          scope,
          args: {id: uuid(), roomID: ROOM, content: 'r', parentMessageID: 'a', createdAt},
        },
        seq,
      );
    const first = reply(2000, 1);
    const second = reply(3000, 2);
    const parent = {...row('a', 1000), replyCount: 1, lastReplyAt: 1500};
    // Neither reached Zero (refused offline, or made before a reload).
    expect(overlay([parent], [first, second], where, me)[0]).toMatchObject({
      replyCount: 3,
      lastReplyAt: 3000,
    });
    expect(overlay([parent], [first, second], where, me)[0]?.outbox).toBeUndefined();
    // Zero took the first one (its optimistic send counted it), not yet the second.
    const counted = {...parent, replyCount: 2, lastReplyAt: 2000};
    expect(overlay([counted], [first, second], where, me)[0]).toMatchObject({replyCount: 3});
    // A failed reply is not counted.
    const failed = afterFailure(first, {type: 'server', code: 'FORBIDDEN', message: 'no'}, 9);
    expect(overlay([parent], [failed], where, me)[0]).toBe(parent);
  });
});

describe('unconfirmed direct messages', () => {
  it('[OB1][DM4] a pending DM shows in its conversation only, never in a room or another conversation', () => {
    const conversationID = uuid();
    const sent = uuid();
    const send = entry(
      {
        kind: 'dm.send',
        scope: `conversation:${conversationID}`,
        args: {id: sent, conversationID, content: 'psst', createdAt: 2000},
      },
      1,
    );
    const inConversation = overlay([], [send], {conversationID, parentMessageID: null}, me);
    expect(inConversation).toEqual([
      expect.objectContaining({id: sent, conversationID, roomID: null, content: 'psst', outbox: [send]}),
    ]);
    expect(overlay([], [send], where, me)).toEqual([]);
    expect(overlay([], [send], {conversationID: uuid(), parentMessageID: null}, me)).toEqual([]);
    expect(send.rest).toEqual({
      method: 'POST',
      path: '/api/v1/messages',
      body: {id: sent, conversationId: conversationID, content: 'psst'},
    });
  });
});
