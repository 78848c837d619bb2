import type {JSONContent} from '@tiptap/core';

/**
 * [MF1] The composer edits plain text: each line a paragraph, nothing
 * escaped. These turn stored text (a draft, a message that could not be
 * stored) into the editor's document, and read where the caret is.
 */
export function textToDoc(text: string): JSONContent {
  return {
    type: 'doc',
    content: text.split('\n').map(line => ({
      type: 'paragraph',
      ...(line ? {content: [{type: 'text', text: line}]} : {}),
    })),
  };
}

/**
 * Whether `before` (the text before the caret) ends inside a fenced code block
 * that is still open: there, Enter starts a new line instead of sending, as
 * in Discord.
 */
export function inOpenFence(before: string): boolean {
  let open: string | undefined;
  for (const line of before.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (!open) {
      // ```` ```code``` ```` on one line opens and closes at once.
      if (!line.trimEnd().endsWith(fence) || line.trim() === fence) open = fence;
    } else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) {
      open = undefined;
    }
  }
  return open !== undefined;
}

/** How many characters are left before the limit, once the counter should show (90%), else undefined. */
export function charactersLeft(text: string, max: number): number | undefined {
  const length = text.trim().length;
  return length >= max * 0.9 ? max - length : undefined;
}
