import {describe, expect, it} from 'vitest';
import {placeOfMessage, scopeOf, sendWrite} from './place.ts';

const ROOM = '00000000-0000-4000-8000-0000000000aa';
const DM = '00000000-0000-4000-8000-0000000000bb';
const message = {id: '00000000-0000-4000-8000-000000000001', content: 'hi', createdAt: 5};

describe('places: rooms and direct conversations', () => {
  it('[OB2][DM4] a room and a conversation have their own outbox scopes and send kinds', () => {
    expect(scopeOf({roomID: ROOM})).toBe(`room:${ROOM}`);
    expect(scopeOf({conversationID: DM})).toBe(`conversation:${DM}`);
    expect(sendWrite({roomID: ROOM}, message)).toEqual({
      kind: 'message.send',
      scope: `room:${ROOM}`,
      args: {...message, roomID: ROOM},
    });
    expect(sendWrite({conversationID: DM}, {...message, parentMessageID: ROOM})).toEqual({
      kind: 'dm.send',
      scope: `conversation:${DM}`,
      args: {...message, parentMessageID: ROOM, conversationID: DM},
    });
  });

  it('a message row names its place', () => {
    expect(placeOfMessage({roomID: ROOM, conversationID: null})).toEqual({roomID: ROOM});
    expect(placeOfMessage({roomID: null, conversationID: DM})).toEqual({conversationID: DM});
  });
});
