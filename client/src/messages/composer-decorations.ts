import {Extension} from '@tiptap/core';
import type {Node} from '@tiptap/pm/model';
import {Plugin, PluginKey} from '@tiptap/pm/state';
import {Decoration, DecorationSet} from '@tiptap/pm/view';

// Markdown as the feed will read it, shown while it is typed; the delimiters stay.
const INLINE: [RegExp, string][] = [
  [/`[^`\n]+`/g, 'md-code'],
  [/\*\*(?=\S)[^*\n]*?\S\*\*/g, 'md-strong'],
  [/(?<![*\w])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![*\w])/g, 'md-em'],
  [/(?<!\w)_(?=[^\s_])[^_\n]*?[^\s_]_(?!\w)/g, 'md-em'],
  [/~~(?=\S)[^~\n]*?\S~~/g, 'md-del'],
  [/\|\|(?=\S)[^\n]*?\S\|\|/g, 'md-spoiler'],
  [/\[[^\]\n]+\]\([^)\s]+\)/g, 'md-link'],
];
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Decorations for the whole text: fenced lines, quotes, then inline Markdown outside fences. */
function decorate(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  let fence: string | undefined;
  doc.forEach((paragraph, offset) => {
    // A hard break is one position and one `\n`: index i of the text is position start + i.
    const text = paragraph.textBetween(0, paragraph.content.size, undefined, '\n');
    let at = offset + 1;
    for (const line of text.split('\n')) {
      const from = at;
      const to = at + line.length;
      at = to + 1;
      if (!line) continue;
      const marker = FENCE.exec(line)?.[1];
      if (fence || marker) {
        decorations.push(Decoration.inline(from, to, {class: 'md-fence'}));
        if (!fence && marker && !(line.trimEnd().endsWith(marker) && line.trim() !== marker)) fence = marker;
        else if (fence && marker && line.trim() === marker && marker[0] === fence[0]) fence = undefined;
        continue;
      }
      if (/^ {0,3}> /.test(line)) decorations.push(Decoration.inline(from, to, {class: 'md-quote'}));
      for (const [pattern, className] of INLINE) {
        for (const m of line.matchAll(pattern)) {
          const start = from + (m.index ?? 0);
          decorations.push(Decoration.inline(start, start + m[0].length, {class: className}));
        }
      }
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** Styles Markdown in the composer as it is typed, without changing a character of it [MF1]. */
export const markdownDecorations = Extension.create({
  name: 'markdownDecorations',
  addProseMirrorPlugins() {
    const key = new PluginKey<DecorationSet>('markdownDecorations');
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => decorate(state.doc),
          apply: (tr, old) => (tr.docChanged ? decorate(tr.doc) : old),
        },
        props: {decorations: state => key.getState(state)},
      }),
    ];
  },
});
