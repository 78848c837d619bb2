import data from '@emoji-mart/data';
import {describe, expect, it} from 'vitest';
import {findShortcodes} from './emoji-suggestion.ts';

describe(':shortcode: suggestions from emoji-mart data', () => {
  const emoji = data as Parameters<typeof findShortcodes>[0];

  it('offers the shortest matching shortcode first, as its native emoji', () => {
    const found = findShortcodes(emoji, 'smile');
    expect(found[0]).toEqual({id: 'smile', native: '😄'});
    expect(found.map(e => e.id)).toContain('smiley');
    expect(found.length).toBeLessThanOrEqual(8);
  });

  it('finds aliases and keywords too', () => {
    expect(findShortcodes(emoji, 'satisfied')[0]?.native).toBe('😆');
    expect(findShortcodes(emoji, 'tada').map(e => e.native)).toContain('🎉');
    expect(findShortcodes(emoji, 'zzzznothing')).toEqual([]);
  });
});
