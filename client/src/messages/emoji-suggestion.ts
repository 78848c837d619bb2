import {Extension, InputRule} from '@tiptap/core';
import {PluginKey} from '@tiptap/pm/state';
import {Suggestion} from '@tiptap/suggestion';
import {msg} from '../i18n/index.ts';
import {suggestionPopup, type ListState} from './suggestion-popup.ts';

type EmojiData = {
  emojis: Record<string, {id: string; name: string; keywords: string[]; skins: {native: string}[]}>;
  aliases: Record<string, string>;
};
export type Shortcode = {id: string; native: string};

let data: EmojiData | undefined;
let loading: Promise<EmojiData> | undefined;

/**
 * emoji-mart's data (a few hundred kB) loads with the first `:` typed, never
 * with the app: it is the chunk the emoji picker uses too.
 */
function loadEmojiData(): Promise<EmojiData> {
  loading ??= import('@emoji-mart/data').then(m => (data = m.default as EmojiData));
  return loading;
}

const native = (data: EmojiData, id: string) => {
  const emoji = data.emojis[data.aliases[id] ?? id];
  return emoji?.skins[0]?.native;
};

/** Emoji whose shortcode starts with `query` (shortest first), then those whose code contains it or a keyword starts with it. */
export function findShortcodes(data: EmojiData, query: string, max = 8): Shortcode[] {
  const q = query.toLowerCase();
  const found = new Map<string, string>();
  const add = (id: string) => {
    const n = found.size < max && !found.has(id) ? native(data, id) : undefined;
    if (n) found.set(id, n);
  };
  // Shortest first, so `:smile` offers smile before smiley and smiling_imp.
  const prefixed = [...Object.keys(data.emojis), ...Object.keys(data.aliases)].filter(id => id.startsWith(q));
  for (const id of prefixed.sort((a, b) => a.length - b.length)) add(id);
  for (const [id, e] of Object.entries(data.emojis)) {
    if (id.includes(q) || e.keywords.some(k => k.startsWith(q))) add(id);
  }
  return [...found].map(([id, n]) => ({id, native: n}));
}

/**
 * `:smile:` shortcodes, as in Slack and Discord: `:` and two letters open a
 * list of emoji (Enter, Tab or a click inserts the native emoji), and a
 * complete `:smile:` typed out turns into 😄 at its closing colon.
 */
export function emojiSuggestion(state: ListState) {
  return Extension.create({
    // Before the composer's Enter (150): with the list open, Enter picks.
    priority: 200,
    name: 'emojiSuggestion',
    addInputRules() {
      return [
        new InputRule({
          find: /(?:^|\s)(:([a-z0-9_+-]{2,}):)$/,
          handler: ({range, match, commands}) => {
            const emoji = data && match[2] ? native(data, match[2]) : undefined;
            if (!emoji || !match[1]) return null;
            const from = range.from + match[0].length - match[1].length;
            commands.insertContentAt({from, to: range.to}, emoji);
          },
        }),
      ];
    },
    addProseMirrorPlugins() {
      return [
        Suggestion<Shortcode, Shortcode>({
          editor: this.editor,
          pluginKey: new PluginKey('emojiSuggestion'),
          char: ':',
          items: async ({query}) => {
            if (query.length < 2 || !/^[a-z0-9_+-]+$/i.test(query)) return [];
            return findShortcodes(await loadEmojiData(), query);
          },
          command: ({editor, range, props}) => {
            editor.chain().focus().insertContentAt(range, `${props.native} `).run();
          },
          render: suggestionPopup<Shortcode>({
            label: msg.messages.composer.emojiList,
            state,
            idOf: e => `emoji-${e.id}`,
            textOf: e => `${e.native} :${e.id}:`,
          }),
        }),
      ];
    },
  });
}
