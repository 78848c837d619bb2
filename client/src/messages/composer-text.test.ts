import {describe, expect, it} from 'vitest';
import {charactersLeft, inOpenFence, textToDoc} from './composer-text.ts';

describe('[MF1] the composer edits the text as typed', () => {
  it('[MF1] keeps each line as a paragraph, empty lines included, nothing escaped', () => {
    expect(textToDoc('[a](https://x)\n\n> q')).toEqual({
      type: 'doc',
      content: [
        {type: 'paragraph', content: [{type: 'text', text: '[a](https://x)'}]},
        {type: 'paragraph'},
        {type: 'paragraph', content: [{type: 'text', text: '> q'}]},
      ],
    });
  });

  it.each([
    ['```', true],
    ['```ts\nconst a = 1;', true],
    ['```\ncode\n```', false],
    ['```code```', false],
    ['~~~\n```', true],
    ['hello', false],
    ['text ```', false],
  ])('[MF1] %j is inside an open fence: %s', (before, open) => {
    expect(inOpenFence(before)).toBe(open);
  });

  it('shows the characters left from 90% of the limit, negative when over', () => {
    expect(charactersLeft('a'.repeat(89), 100)).toBeUndefined();
    expect(charactersLeft('a'.repeat(90), 100)).toBe(10);
    expect(charactersLeft('a'.repeat(103), 100)).toBe(-3);
  });
});
