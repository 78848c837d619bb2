import {decodeEntities} from '@chorus/schema';
import {Marked, type Token, type Tokens} from 'marked';
import {createElement, Fragment, useEffect, useState, type KeyboardEvent, type ReactNode} from 'react';
import {msg} from '../i18n/index.ts';
import {useKnownNames} from './known-names.tsx';
import {withMentions} from './mentions.tsx';
import {markMatches} from './search-mark.tsx';

/**
 * Message Markdown ([MF1]: CommonMark + GFM + `||spoilers||`), drawn from
 * `marked`'s tokens straight into React elements: a small parser, loaded only
 * once a message needs more than plain text (see plain-text.tsx).
 *
 * Safe by construction: nothing goes through `innerHTML`, so raw HTML is never
 * rendered (its tags are dropped, its text stays text); URLs other than
 * http(s), mailto and same-site links are dropped; links open in a new tab
 * with `rel="noopener noreferrer"`; images show as their alt text.
 */

type Highlight = typeof import('./highlight.tsx').highlight;
let loaded: Highlight | undefined;
let loadingHighlighter: Promise<Highlight> | undefined;

/**
 * Syntax highlighting (highlight.js's common languages) is most of the weight:
 * it loads only once a message with a fenced code block shows up.
 */
export function loadHighlighter(): Promise<Highlight> {
  loadingHighlighter ??= import('./highlight.tsx').then(m => (loaded = m.highlight));
  return loadingHighlighter;
}

type Spoiler = {type: 'spoiler'; raw: string; tokens: Token[]};

/** [MF1] `||hidden||`: one line, not starting or ending with a space. */
const parser = new Marked({
  gfm: true,
  extensions: [
    {
      name: 'spoiler',
      level: 'inline',
      start: src => src.indexOf('||'),
      tokenizer(src) {
        const m = /^\|\|(?=\S)([^\n]*?\S)\|\|/.exec(src);
        if (!m?.[1]) return undefined;
        return {type: 'spoiler', raw: m[0], tokens: this.lexer.inlineTokens(m[1])};
      },
    },
  ],
});

const hasFencedCode = (content: string) => content.includes('```') || content.includes('~~~');

export function Markdown({
  content,
  me,
  known,
  match,
}: {
  content: string;
  me?: string | undefined;
  /** Usernames the reader knows (lowercased); a mention of anyone else stays plain text. */
  known?: ReadonlySet<string> | undefined;
  /** Drawn as a search result (itself a link): `match` marked, links shown as their text. */
  match?: string | undefined;
}) {
  const needsHighlight = hasFencedCode(content);
  const [highlighter, setHighlighter] = useState(() => loaded);
  useEffect(() => {
    if (needsHighlight && !highlighter) void loadHighlighter().then(h => setHighlighter(() => h));
  }, [needsHighlight, highlighter]);
  const context: Context = {me, known: useKnownNames(known), highlighter, match};
  return <div className="markdown">{blocks(parser.lexer(content), context)}</div>;
}

export default Markdown;

type Context = {
  me: string | undefined;
  known: ReadonlySet<string> | undefined;
  highlighter: Highlight | undefined;
  match: string | undefined;
};

/** Prose with its mentions, and the search match marked in its text. */
const prose = (text: string, c: Context, inLink: boolean): ReactNode[] =>
  (inLink ? [text] : withMentions(text, c.me, c.known)).flatMap(part =>
    typeof part === 'string' ? markMatches(part, c.match) : [part],
  );

function blocks(tokens: Token[], c: Context): ReactNode[] {
  return tokens.map((token, i) => block(token, c, i));
}

function block(token: Token, c: Context, key: number): ReactNode {
  switch (token.type) {
    case 'paragraph':
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens, c)}</p>;
    case 'heading': {
      const t = token as Tokens.Heading;
      return createElement(`h${t.depth}`, {key}, inline(t.tokens, c));
    }
    case 'code':
      return <CodeBlock key={key} token={token as Tokens.Code} highlighter={c.highlighter} />;
    case 'blockquote':
      return <blockquote key={key}>{blocks((token as Tokens.Blockquote).tokens, c)}</blockquote>;
    case 'list':
      return <List key={key} token={token as Tokens.List} c={c} />;
    case 'table':
      return <Table key={key} token={token as Tokens.Table} c={c} />;
    case 'hr':
      return <hr key={key} />;
    case 'text': {
      // Text directly in a tight list item.
      const t = token as Tokens.Text;
      return (
        <Fragment key={key}>
          {t.tokens ? inline(t.tokens, c) : prose(decodeEntities(t.text), c, false)}
        </Fragment>
      );
    }
    default:
      // `space`, link definitions, and raw HTML blocks, which are never rendered.
      return null;
  }
}

function List({token, c}: {token: Tokens.List; c: Context}) {
  const items = token.items.map((item, i) => (
    <li key={i}>
      {item.task && (
        <input type="checkbox" checked={item.checked ?? false} disabled aria-label={msg.messages.task} />
      )}
      {blocks(
        item.tokens.filter(t => t.type !== 'checkbox'),
        c,
      )}
    </li>
  ));
  if (!token.ordered) return <ul>{items}</ul>;
  const start = typeof token.start === 'number' && token.start !== 1 ? token.start : undefined;
  return <ol start={start}>{items}</ol>;
}

function Table({token, c}: {token: Tokens.Table; c: Context}) {
  const align = (i: number) => token.align[i] ?? undefined;
  return (
    <table>
      <thead>
        <tr>
          {token.header.map((cell, i) => (
            <th key={i} style={align(i) ? {textAlign: align(i)!} : undefined}>
              {inline(cell.tokens, c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {token.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) => (
              <td key={i} style={align(i) ? {textAlign: align(i)!} : undefined}>
                {inline(cell.tokens, c)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CodeBlock({token, highlighter}: {token: Tokens.Code; highlighter: Highlight | undefined}) {
  const lang = token.lang?.trim().split(/\s/)[0]?.toLowerCase() || undefined;
  const highlighted = lang ? highlighter?.(lang, token.text) : undefined;
  return (
    <pre>
      <code className={highlighted ? `hljs language-${lang}` : lang ? `language-${lang}` : undefined}>
        {highlighted ?? token.text}
      </code>
    </pre>
  );
}

/** Plain prose: its text already has character references decoded. */
type Prose = {type: 'prose'; raw: string; text: string};

/**
 * marked splits prose at every character that might have been a delimiter
 * (`@ana_b` arrives as `@ana` and `_b`), and the composer writes a name's
 * underscore escaped in older rows (`@ana\_b`): rejoin neighbouring text and escapes into
 * one piece of prose, so a mention is matched whole.
 */
function joinText(tokens: Token[]): (Token | Prose)[] {
  const out: (Token | Prose)[] = [];
  for (const token of tokens) {
    const plain = token.type === 'escape' || (token.type === 'text' && !token.tokens);
    if (!plain) {
      out.push(token);
      continue;
    }
    const text =
      token.type === 'escape' ? (token as Tokens.Escape).text : decodeEntities((token as Tokens.Text).text);
    const prev = out.at(-1);
    if (prev?.type === 'prose')
      out[out.length - 1] = {...prev, raw: prev.raw + token.raw, text: prev.text + text};
    else out.push({type: 'prose', raw: token.raw, text});
  }
  return out;
}

function inline(tokens: Token[] | undefined, c: Context, inLink = false): ReactNode[] {
  return joinText(tokens ?? []).map((token, key) => {
    if (token.type === 'prose') {
      return <Fragment key={key}>{prose(token.text, c, inLink)}</Fragment>;
    }
    switch (token.type) {
      case 'text':
        // Only text with inline tokens of its own is left here (tight list items).
        return <Fragment key={key}>{inline((token as Tokens.Text).tokens, c, inLink)}</Fragment>;
      case 'strong':
        return <strong key={key}>{inline((token as Tokens.Strong).tokens, c, inLink)}</strong>;
      case 'em':
        return <em key={key}>{inline((token as Tokens.Em).tokens, c, inLink)}</em>;
      case 'del':
        return <del key={key}>{inline((token as Tokens.Del).tokens, c, inLink)}</del>;
      case 'codespan':
        return <code key={key}>{markMatches((token as Tokens.Codespan).text, c.match)}</code>;
      case 'br':
        return <br key={key} />;
      case 'spoiler':
        return <SpoilerText key={key}>{inline((token as Spoiler).tokens, c, inLink)}</SpoilerText>;
      case 'link': {
        const t = token as Tokens.Link;
        const href = safeUrl(t.href);
        const children = inline(t.tokens, c, true);
        if (!href || c.match !== undefined) return <Fragment key={key}>{children}</Fragment>;
        return (
          <a
            key={key}
            href={href}
            title={t.title ?? undefined}
            target="_blank"
            rel="noopener noreferrer"
            className="text-brand underline"
          >
            {children}
          </a>
        );
      }
      case 'image':
        return <span key={key}>{msg.messages.image((token as Tokens.Image).text || undefined)}</span>;
      default:
        // Inline raw HTML (`<b>`, `<script>`…): the tag is dropped, what it wrapped stays text.
        return null;
    }
  });
}

/** http(s), mailto and same-site links; anything else (javascript:, data:, vbscript:…) is dropped. */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  // Control characters and spaces inside a scheme can smuggle one past a check.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return undefined;
  return /^(https?:|mailto:|#|\/)/i.test(trimmed) ? trimmed : undefined;
}

/**
 * A spoiler: hidden (and hidden from screen readers, which hear its label)
 * until clicked or activated with Enter or Space; then plain text.
 */
function SpoilerText({children}: {children: ReactNode}) {
  const [shown, setShown] = useState(false);
  if (shown) return <span className="spoiler spoiler-shown">{children}</span>;
  const reveal = (e: {preventDefault(): void; stopPropagation(): void}) => {
    // Inside a link (a search result), revealing must not follow it.
    e.preventDefault();
    e.stopPropagation();
    setShown(true);
  };
  return (
    <span
      role="button"
      tabIndex={0}
      className="spoiler"
      aria-label={msg.messages.spoiler}
      onClick={reveal}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') reveal(e);
      }}
    >
      <span aria-hidden="true">{children}</span>
    </span>
  );
}
