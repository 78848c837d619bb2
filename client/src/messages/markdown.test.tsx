import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {loadHighlighter, Markdown, safeUrl} from './markdown.tsx';
import {isPlainText, PlainText} from './plain-text.tsx';
import {mentions} from './mentions.tsx';

const render = (content: string, me?: string) => renderToStaticMarkup(<Markdown content={content} me={me} />);

describe('message Markdown renders inert', () => {
  it('never renders a <script> or other raw HTML', () => {
    const html = render('hi <script>alert(1)</script> <img src=x onerror=alert(2)> <b>bold?</b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/<b>/);
  });

  it('drops javascript: and data: links but keeps https links with rel="noopener noreferrer"', () => {
    const html = render('[a](javascript:alert(1)) [b](data:text/html,hi) [c](https://example.com)');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/data:text/i);
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('renders the formatting people use, code highlighted once the highlighter has loaded', async () => {
    await loadHighlighter();
    const html = render('**b** _i_ ~~s~~ `code`\n\n> quote\n\n- one\n- two\n\n```js\nconst x = 1;\n```');
    for (const tag of ['<strong>', '<em>', '<del>', '<code>', '<blockquote>', '<ul>', '<pre>']) {
      expect(html).toContain(tag);
    }
    expect(html).toContain('hljs');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it('reads GFM: tables, task lists, autolinks and character references', () => {
    const table = render('| a | b |\n|:-|-:|\n| 1 | **2** |');
    expect(table).toContain('<th style="text-align:left">a</th>');
    expect(table).toContain('<td style="text-align:right"><strong>2</strong></td>');
    const tasks = render('- [x] done\n- [ ] todo');
    expect(tasks).toContain('<input type="checkbox" disabled="" aria-label="Task done" checked=""/>done');
    expect(tasks).toMatch(/<input type="checkbox" disabled="" aria-label="Task done"\/>todo/);
    const links = render('see www.example.com or mail bob@example.com');
    expect(links).toContain('href="http://www.example.com"');
    expect(links).toContain('href="mailto:bob@example.com"');
    expect(render('AT&amp;T &lt;b&gt; &#x1F600; &#0; &bogus;')).toBe(
      '<div class="markdown"><p>AT&amp;T &lt;b&gt; 😀 \ufffd &amp;bogus;</p></div>',
    );
    expect(render('1. one\n2. two')).toContain('<ol><li>one</li><li>two</li></ol>');
    expect(render('3. three')).toContain('<ol start="3">');
  });

  it('keeps code blocks of unknown languages as plain text', async () => {
    await loadHighlighter();
    expect(render('```nosuchlang\n<b>x</b>\n```')).toBe(
      '<div class="markdown"><pre><code class="language-nosuchlang">&lt;b&gt;x&lt;/b&gt;</code></pre></div>',
    );
  });

  it('refuses links whose scheme hides behind control characters or case', () => {
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeUrl('java\tscript:alert(1)')).toBeUndefined();
    expect(safeUrl(' https://example.com ')).toBe('https://example.com');
    expect(render('[x](vbscript:msgbox)')).toBe('<div class="markdown"><p>x</p></div>');
  });

  it('marks mentions, and highlights the reader’s own, but not inside code', () => {
    const html = render('hey @ana and @Bob, see `@ana`', 'bob');
    expect(html).toContain('<span class="mention" data-mention="ana">@ana</span>');
    expect(html).toContain('<span class="mention mention-me" data-mention="Bob">@Bob</span>');
    expect(html).toContain('<code>@ana</code>');
    // The composer escapes a name's underscore; the name is still one mention.
    expect(render('ping @desktop\\_light now', 'desktop_light')).toContain(
      '<span class="mention mention-me" data-mention="desktop_light">@desktop_light</span> now',
    );
    // An escaped reference stays as written.
    expect(render('\\&amp; and &amp;')).toBe('<div class="markdown"><p>&amp;amp; and &amp;</p></div>');
    // marked breaks text at underscores; the name is still one mention.
    expect(render('ping @desktop_light, now', 'desktop_light')).toContain(
      '<span class="mention mention-me" data-mention="desktop_light">@desktop_light</span>, now',
    );
    expect(mentions('ping @Bob!', 'bob')).toBe(true);
    expect(mentions('ping @desktop\\_light', 'desktop_light')).toBe(true);
    expect(mentions('mail bob@example.com', 'example.com')).toBe(false);
  });
});

describe('plain messages skip the Markdown chunk', () => {
  const plain = [
    'hello',
    'see you at 5, ok?',
    'hey @ana and @Bob, lunch?',
    '@bob',
    'it costs 3.50 (or so); fine: yes',
    "don't panic",
    'naïve café — “quotes” 👍',
    '1 2 3',
  ];
  const markdown = [
    '**bold**',
    'a_b_c',
    'x `y`',
    '# title',
    '- item',
    '1. first',
    '> quoted',
    'line\nbreak',
    'mail bob@example.com',
    'https://example.com',
    'www.example.com',
    '[a](b)',
    'a <b> c',
    'AT&amp;T',
    ' padded',
    'a | b',
    '~~gone~~',
    'back\\slash',
    '',
  ];

  it('tells plain text from text Markdown would change', () => {
    for (const content of plain) expect(isPlainText(content), content).toBe(true);
    for (const content of markdown) expect(isPlainText(content), content).toBe(false);
  });

  it('draws plain text exactly as the Markdown renderer does, mentions included', () => {
    for (const content of plain) {
      for (const me of [undefined, 'bob']) {
        expect(renderToStaticMarkup(<PlainText content={content} me={me} />), content).toBe(
          render(content, me),
        );
      }
    }
  });
});

describe('[MF1] typed Markdown renders as typed', () => {
  it.each([
    ['[text](https://x.test)', '<a href="https://x.test" target="_blank" rel="noopener noreferrer"'],
    ['```\nconst a = 1;\n```', '<pre><code>const a = 1;</code></pre>'],
    ['> quoted', '<blockquote><p>quoted</p></blockquote>'],
    ['~~old~~', '<del>old</del>'],
    ['run snake_case_tests', '<p>run snake_case_tests</p>'],
  ])('[MF1] %s', (content, html) => {
    expect(render(content)).toContain(html);
  });

  it('[MF1] hides a spoiler behind a labelled button until it is revealed', () => {
    const html = render('the end: ||a twist||');
    expect(html).toContain('role="button"');
    expect(html).toContain('aria-label="Spoiler, select to reveal"');
    expect(html).toContain('<span aria-hidden="true">a twist</span>');
  });

  it('[MF1] a mention of nobody the reader knows stays plain text', () => {
    const known = new Set(['ana']);
    for (const draw of [
      (content: string) => renderToStaticMarkup(<Markdown content={content} known={known} />),
      (content: string) => renderToStaticMarkup(<PlainText content={content} known={known} />),
    ]) {
      const html = draw('hi @ana and @nobody');
      expect(html).toContain('data-mention="ana"');
      expect(html).not.toContain('data-mention="nobody"');
      expect(html).toContain('and @nobody');
    }
  });
});

describe('search results are drawn as in the feed', () => {
  it('[MF1] marks the match, reads older escaped rows, and shows links as text inside the result link', () => {
    const html = renderToStaticMarkup(
      <Markdown content={'see **snake\\_case** and [docs](https://x.test)'} match="snake_case" />,
    );
    expect(html).toContain('<strong><mark>snake_case</mark></strong>');
    expect(html).not.toContain('<a');
    expect(html).toContain('docs');
  });
});
