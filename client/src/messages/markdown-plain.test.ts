import {describe, expect, it} from 'vitest';
import {decode} from './markdown.tsx';
import {markdownToText} from './markdown-text.ts';

describe('message Markdown as plain text (notifications)', () => {
  it('drops the markup and keeps the words', () => {
    expect(markdownToText('**Release 1.4** is _out_: see [notes](https://x.test) ~~now~~ `npm test`')).toBe(
      'Release 1.4 is _out_: see notes now npm test',
    );
    expect(markdownToText('# Title\n> quoted\n- [x] done\n- two\n1. first\n```ts\nconst a = 1;\n```')).toBe(
      'Title quoted done two first const a = 1;',
    );
  });

  it('keeps what the composer escaped as typed, and resolves references', () => {
    expect(markdownToText('run\\_all\\_tests: 2 \\* 3 Q&amp;A &lt;pm&gt; @ana\\_b')).toBe(
      'run_all_tests: 2 * 3 Q&A <pm> @ana_b',
    );
  });

  it('decodes numeric and the common named references, and leaves others', () => {
    expect(decode('&#x1F600; &#39; &nbsp;&bogus; &#0;')).toBe("😀 ' \u00a0&bogus; \ufffd");
  });
});
