import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {loadHighlighter, Markdown} from './markdown.tsx';
import {isPlainText, PlainText} from './plain-text.tsx';
import {mentions} from './remark-mentions.ts';

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
  });

  it('marks mentions, and highlights the reader’s own, but not inside code', () => {
    const html = render('hey @ana and @Bob, see `@ana`', 'bob');
    expect(html).toContain('<span class="mention" data-mention="ana">@ana</span>');
    expect(html).toContain('<span class="mention mention-me" data-mention="Bob">@Bob</span>');
    expect(html).toContain('<code>@ana</code>');
    expect(mentions('ping @Bob!', 'bob')).toBe(true);
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
