import {TYPING_REPEAT_MS, TYPING_TTL_MS} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import {en} from '../i18n/en.ts';
import {activeTypists, applyTyping, TypingSender, type Typists} from './typing.ts';

const none: Typists = new Map();

describe('who is typing', () => {
  it('[LV7] shows a person from their start until TYPING_TTL_MS without a repeat', () => {
    const typing = applyTyping(none, {kind: 'start', userID: 'ana'}, 1000);
    expect(activeTypists(typing, 1000 + TYPING_TTL_MS - 1)).toEqual({
      userIDs: ['ana'],
      nextExpiry: 1000 + TYPING_TTL_MS,
    });
    expect(activeTypists(typing, 1000 + TYPING_TTL_MS).userIDs).toEqual([]);
  });

  it('[LV7] a repeat keeps them; a stop or their message clears them at once', () => {
    let typing = applyTyping(none, {kind: 'start', userID: 'ana'}, 0);
    typing = applyTyping(typing, {kind: 'start', userID: 'ben'}, 100);
    typing = applyTyping(typing, {kind: 'start', userID: 'ana'}, TYPING_REPEAT_MS);
    expect(activeTypists(typing, TYPING_TTL_MS + 150).userIDs).toEqual(['ana']);
    expect(activeTypists(applyTyping(typing, {kind: 'stop', userID: 'ana'}, 200), 300).userIDs).toEqual([
      'ben',
    ]);
    expect(activeTypists(applyTyping(typing, {kind: 'sent', userID: 'ben'}, 200), 300).userIDs).toEqual([
      'ana',
    ]);
    expect(applyTyping(typing, {kind: 'stop', userID: 'cy'}, 200)).toBe(typing);
  });

  it('says one, two, or the first and how many others', () => {
    expect(en.live.typing(['Ana'])).toBe('Ana is typing…');
    expect(en.live.typing(['Ana', 'Ben'])).toBe('Ana and Ben are typing…');
    expect(en.live.typing(['Ana', 'Ben', 'Cy', 'Dee'])).toBe('Ana and 3 others are typing…');
  });
});

describe('telling others I am typing', () => {
  it('starts at most every TYPING_REPEAT_MS while there is text, and stops once when it is gone', () => {
    const sender = new TypingSender();
    expect(sender.typed(true, 0)).toBe('start');
    expect(sender.typed(true, TYPING_REPEAT_MS - 1)).toBeUndefined();
    expect(sender.typed(true, TYPING_REPEAT_MS)).toBe('start');
    expect(sender.typed(false, TYPING_REPEAT_MS + 1)).toBe('stop');
    expect(sender.typed(false, TYPING_REPEAT_MS + 2)).toBeUndefined();
    expect(sender.stopped()).toBeUndefined();
    expect(sender.typed(true, TYPING_REPEAT_MS + 3)).toBe('start');
    expect(sender.stopped()).toBe('stop');
  });
});
