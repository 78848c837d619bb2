/**
 * [MF1] The stored message format, and everything readers derive from it.
 *
 * A message's `content` is the Markdown its author typed, verbatim: CommonMark
 * + GFM as the renderer (`marked`) reads it, plus `||spoiler||` and
 * `@username` mentions. The composer never escapes anything. Rows written by
 * the old rich-text composer may hold backslash escapes (`snake\_case`,
 * `\[text\](url)`) and entities (`&lt;`): Markdown renders those as typed, and
 * every reader here reads through them. Readers call this module; none undoes
 * the format with a regex of its own.
 */

/** `@name` where name is a username (2–32 letters, digits, `_`, `.`, `-`), not inside a word or an address. */
export const MENTION_PATTERN = /(^|[^\w@])@([A-Za-z0-9_.-]{2,32})/g;

/** Most distinct people one message can mention (more are plain text). */
export const MAX_MENTIONS = 20;

/** `||hidden||` on one line: shown blurred until the reader reveals it. */
export const SPOILER_PATTERN = /\|\|(?=\S)([^\n]*?\S)\|\|/g;

// The characters the old composer escaped, and the ones Markdown lets anyone escape.
const ESCAPE = /\\([\\`*_[\]~#>!|+.(){}-])/g;

/** `content` with backslash escapes resolved (`snake\_case` → `snake_case`). */
export function readEscapes(content: string): string {
  return content.replace(ESCAPE, '$1');
}

/** Fenced code blocks and code spans blanked out: nothing inside code is a mention. */
export function withoutCode(content: string): string {
  return content
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, ' ')
    .replace(/(?<!\\)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, ' ');
}

/** The distinct names `content` mentions, lowercased, in order of appearance (code excluded). */
export function mentionedNames(content: string): string[] {
  const names = new Set<string>();
  for (const m of readEscapes(withoutCode(content)).matchAll(MENTION_PATTERN)) {
    if (names.size === MAX_MENTIONS) break;
    if (m[2]) names.add(m[2].toLowerCase());
  }
  return [...names];
}

// The references people type; numeric ones cover the rest.
const NAMED: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'};

/** Character references in text (`&amp;`, `&#39;`, `&#x1F600;`), as Markdown reads them. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : '\ufffd';
  });
}

/** What a spoiler shows where only plain text fits (notifications, previews). */
export const SPOILER_TEXT = '▒▒▒';

/**
 * `content` as one line of plain text, for notifications and previews: links
 * and images become their text; `**`, `*`, `__`, `~~`, backticks, fences and
 * block markers (headings, quotes, bullets, task boxes) go (a lone `_` stays:
 * it is too often part of a name); spoilers stay hidden; escapes and
 * references are resolved, so an escaped character stays as typed.
 */
export function messageToText(content: string): string {
  const escaped: string[] = [];
  const text = content
    .replace(ESCAPE, (_, ch: string) => `\u0000${escaped.push(ch) - 1}\u0000`)
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, '')
    .replace(/^ {0,3}(#{1,6} +|> ?|[-*+] +(\[[ xX]\] +)?|\d{1,9}[.)] +)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(SPOILER_PATTERN, SPOILER_TEXT)
    .replace(/\*\*|__|~~|`|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // NUL marks the placeholders put in above; stored text never holds one (V1).
    // eslint-disable-next-line no-control-regex
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)] ?? '');
  return decodeEntities(text);
}

// Anything Markdown, GFM or spoilers could read as syntax: emphasis, code,
// links, HTML and entities, headings, tables, escapes, images, autolinks.
const SYNTAX = /[`*_~[\]<>#|\\!&]|:\/\/|www\./i;
// A line that Markdown would read as a list item, a quote or a thematic break.
const BLOCK_START = /^\s*(?:[-+=]|\d{1,9}[.)])(?:\s|$)/;

/**
 * Whether `content` is one line of plain words that the Markdown renderer
 * would draw as one paragraph of text and mentions: the client draws those
 * without loading the parser.
 */
export function isPlainText(content: string): boolean {
  if (!content || content.length > 2000 || content !== content.trim()) return false;
  if (content.includes('\n') || SYNTAX.test(content) || BLOCK_START.test(content)) return false;
  // GFM links bare email addresses: an @ must start a mention.
  const ats = content.split('@').length - 1;
  return ats === 0 || ats === [...content.matchAll(MENTION_PATTERN)].length;
}

/**
 * `text` as a literal LIKE fragment. Zero's `escapeLike` escapes `%` and `_`
 * but not `\`, LIKE's escape character: searching `C:\temp` would find `C:temp`.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Typed text as the old composer stored it: `&`, `<`, `>` as entities, Markdown delimiters escaped. */
function asLegacyStored(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~])/g, '\\$1');
}

/**
 * The ILIKE patterns that find `text` in content: as typed (every message
 * since MF1) and, when it differs, as the old composer stored it.
 */
export function searchPatterns(text: string): string[] {
  const typed = `%${likeLiteral(text)}%`;
  const legacy = `%${likeLiteral(asLegacyStored(text))}%`;
  return typed === legacy ? [typed] : [typed, legacy];
}
