import {decode} from './markdown.tsx';

/**
 * `markdown` as one line of plain text: links and images become their text;
 * `**`, `*`, `__`, `~~` and backticks, fences and block markers (headings,
 * quotes, list bullets, task boxes) go (a lone `_` stays: it is too often
 * part of a name); escapes and references are resolved. A character the
 * composer escaped (`snake\_case`, `2 \* 3`) stays as typed.
 */
export function markdownToText(markdown: string): string {
  const escaped: string[] = [];
  const text = markdown
    .replace(/\\([\\`*_[\]~#>!|+.-])/g, (_, ch: string) => `\u0000${escaped.push(ch) - 1}\u0000`)
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, '')
    .replace(/^ {0,3}(#{1,6} +|> ?|[-*+] +(\[[ xX]\] +)?|\d{1,9}[.)] +)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|~~|`|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // NUL marks the placeholders this function put in; stored text never holds one (V1).
    // eslint-disable-next-line no-control-regex
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)] ?? '');
  return decode(text);
}
