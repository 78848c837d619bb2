import {describe, expect, it} from 'vitest';
import {conversationTitle, conversationWith, isUnread} from './conversations.ts';

const person = (userID: string, lastReadAt?: number) => ({userID, lastReadAt, user: {username: userID}});

describe('direct conversations in the client', () => {
  it('[DM5] is unread when someone else wrote after my mark, the synced one or this device’s', () => {
    const c = {id: 'c', lastMessageAt: 500, lastUserID: 'ben', members: [person('ana', 100), person('ben')]};
    expect(isUnread(c, 'ana')).toBe(true);
    expect(isUnread(c, 'ana', 500)).toBe(false);
    expect(isUnread(c, 'ana', 50)).toBe(true);
    expect(isUnread({...c, lastUserID: 'ana'}, 'ana')).toBe(false);
  });

  it('names a conversation by its other people, alphabetically', () => {
    const c = {id: 'c', members: [person('cat'), person('ana'), person('ben')]};
    expect(conversationTitle(c, 'ana')).toBe('ben, cat');
  });

  it('[DM1] finds my 1:1 conversation with someone by name, in any case, never a group', () => {
    const group = {id: 'g', isGroup: true, members: [person('ana'), person('Ben'), person('cat')]};
    const pair = {id: 'p', isGroup: false, members: [person('ana'), person('Ben')]};
    expect(conversationWith([group, pair], 'ana', 'ben')?.id).toBe('p');
    expect(conversationWith([group], 'ana', 'ben')).toBeUndefined();
    expect(conversationWith([pair], 'ana', 'ana')).toBeUndefined();
  });
});
