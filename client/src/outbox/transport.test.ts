import {describe, expect, it} from 'vitest';
import {newEntry} from './machine.ts';
import {confirmedSend} from './transport.ts';

const ROOM = '00000000-0000-4000-8000-000000000001';
const MESSAGE = '00000000-0000-4000-8000-000000000002';
const PARENT = '00000000-0000-4000-8000-000000000003';

const sendEntry = newEntry(
  {
    kind: 'message.send',
    scope: `room:${ROOM}`,
    args: {id: MESSAGE, roomID: ROOM, content: 'hi', parentMessageID: PARENT},
  },
  {id: 'unused', userID: 'me', seq: 1, now: 1000},
);
const answer = {
  id: MESSAGE,
  createdAt: '2026-11-28T12:00:00.123Z',
  author: {id: 'me', username: 'ana', pictureUrl: null, userType: 'human'},
};

describe('a send the server confirmed, for the fast lane', () => {
  it('[OB5] is the message as stored: its id, place, text and the server’s time', () => {
    expect(confirmedSend(sendEntry, answer)).toEqual({
      id: MESSAGE,
      roomID: ROOM,
      conversationID: null,
      userID: 'me',
      content: 'hi',
      parentMessageID: PARENT,
      replyCount: 0,
      createdAt: Date.parse('2026-11-28T12:00:00.123Z'),
      author: {id: 'me', username: 'ana', pictureUrl: null, userType: 'human'},
    });
  });

  it('[OB5] is nothing for other writes, or an answer it cannot read', () => {
    const edit = newEntry(
      {kind: 'message.edit', scope: `room:${ROOM}`, args: {id: MESSAGE, content: 'x'}},
      {id: '00000000-0000-4000-8000-000000000009', userID: 'me', seq: 2, now: 1000},
    );
    expect(confirmedSend(edit, answer)).toBeUndefined();
    expect(confirmedSend(sendEntry, {createdAt: 'not a time', author: null})).toBeUndefined();
    expect(confirmedSend(sendEntry, null)).toBeUndefined();
  });
});
