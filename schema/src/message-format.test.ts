import {describe, expect, it} from 'vitest';
import {
  decodeEntities,
  isPlainText,
  likeLiteral,
  MAX_MENTIONS,
  mentionedNames,
  messageToText,
  searchPatterns,
} from './message-format.ts';

// What a person types is what is stored ([MF1]): each row reads typed →
// stored (the same text) → plain text, mentions, and whether the fast path draws it.
const typed: {content: string; text: string; mentions: string[]; plain: boolean}[] = [
  {
    content: 'hello @ana and @Bob.Smith',
    text: 'hello @ana and @Bob.Smith',
    mentions: ['ana', 'bob.smith'],
    plain: true,
  },
  {content: 'see [the notes](https://x.test) now', text: 'see the notes now', mentions: [], plain: false},
  {content: 'run snake_case_tests', text: 'run snake_case_tests', mentions: [], plain: false},
  {content: 'Hello **world**', text: 'Hello world', mentions: [], plain: false},
  {content: '~~old~~ new', text: 'old new', mentions: [], plain: false},
  {content: '> quoted @ana', text: 'quoted @ana', mentions: ['ana'], plain: false},
  {content: '```ts\nconst a = @decorator;\n```', text: 'const a = @decorator;', mentions: [], plain: false},
  {content: 'ask `@bot` or @carol', text: 'ask @bot or @carol', mentions: ['carol'], plain: false},
  {content: 'the end is ||a twist|| @dan', text: 'the end is ▒▒▒ @dan', mentions: ['dan'], plain: false},
  {content: 'a < b && c > d', text: 'a < b && c > d', mentions: [], plain: false},
  {content: 'mail bob@example.com', text: 'mail bob@example.com', mentions: [], plain: false},
  {content: '# Title\n- [x] done\n1. first', text: 'Title done first', mentions: [], plain: false},
];

// Rows the old rich-text composer wrote: escaped Markdown and entities.
const legacy: {content: string; text: string; mentions: string[]}[] = [
  {content: '\\[text\\](https://x.test)', text: '[text](https://x.test)', mentions: []},
  {
    content: 'run\\_all\\_tests: 2 \\* 3 Q&amp;A &lt;pm&gt; @ana\\_b',
    text: 'run_all_tests: 2 * 3 Q&A <pm> @ana_b',
    mentions: ['ana_b'],
  },
];

describe('[MF1] the stored message format', () => {
  it.each(typed)('[MF1] typed $content reads as typed', row => {
    expect(messageToText(row.content)).toBe(row.text);
    expect(mentionedNames(row.content)).toEqual(row.mentions);
    expect(isPlainText(row.content)).toBe(row.plain);
  });

  it.each(legacy)('[MF1] an older escaped row $content reads through its escapes', row => {
    expect(messageToText(row.content)).toBe(row.text);
    expect(mentionedNames(row.content)).toEqual(row.mentions);
  });

  it('[MF1] mentions stop at MAX_MENTIONS distinct names and skip an unclosed fence', () => {
    const many = Array.from({length: MAX_MENTIONS + 5}, (_, i) => `@user${i}`).join(' ');
    expect(mentionedNames(many)).toHaveLength(MAX_MENTIONS);
    expect(mentionedNames('@ana @ANA')).toEqual(['ana']);
    expect(mentionedNames('```\n@ana')).toEqual([]);
  });

  it('[MF1] decodes numeric and the common named references, and leaves others', () => {
    expect(decodeEntities('&#x1F600; &#39; &nbsp;&bogus; &#0;')).toBe("😀 ' \u00a0&bogus; \ufffd");
  });

  it('[MF1] search matches the typed text and, when they differ, older escaped rows', () => {
    expect(likeLiteral('100%_C:\\x')).toBe('100\\%\\_C:\\\\x');
    expect(searchPatterns('hello')).toEqual(['%hello%']);
    expect(searchPatterns('snake_case')).toEqual(['%snake\\_case%', '%snake\\\\\\_case%']);
    expect(searchPatterns('a<b')).toEqual(['%a<b%', '%a&lt;b%']);
  });
});
