import {MENTION_PATTERN} from '@chorus/schema';
import {withMentions} from './mentions.tsx';

/**
 * Most chat messages are one line of plain words. Those are drawn here, in the
 * main bundle, exactly as the Markdown renderer would draw them; only messages
 * that use Markdown (or anything that could turn into a link, an entity or a
 * list) wait for the Markdown chunk. So a room of plain messages paints
 * without loading the parser.
 */

// Anything Markdown or GFM could read as syntax: emphasis, code, links,
// HTML and entities, headings, tables, escapes, images, autolinks.
const SYNTAX = /[`*_~[\]<>#|\\!&]|:\/\/|www\./i;
// A line that Markdown would read as a list item, a quote or a thematic break.
const BLOCK_START = /^\s*(?:[-+=]|\d{1,9}[.)])(?:\s|$)/;

export function isPlainText(content: string): boolean {
  if (!content || content.length > 2000 || content !== content.trim()) return false;
  if (content.includes('\n') || SYNTAX.test(content) || BLOCK_START.test(content)) return false;
  // GFM links bare email addresses: an @ must start a mention.
  const ats = content.split('@').length - 1;
  return ats === 0 || ats === [...content.matchAll(MENTION_PATTERN)].length;
}

/** `content` (plain, see isPlainText) as the Markdown renderer draws it, mentions marked. */
export function PlainText({content, me}: {content: string; me?: string | undefined}) {
  return (
    <div className="markdown">
      <p>{withMentions(content, me)}</p>
    </div>
  );
}
