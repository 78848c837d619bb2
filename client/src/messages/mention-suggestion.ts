import {Extension} from '@tiptap/core';
import {PluginKey} from '@tiptap/pm/state';
import {Suggestion} from '@tiptap/suggestion';
import type {Member} from './types.ts';
import {msg} from '../i18n/index.ts';
import {suggestionPopup, type ListState} from './suggestion-popup.ts';

/**
 * `@` autocompletion of room members. It inserts plain `@username` text, so
 * the Markdown people and agents read is exactly what was typed [MF1].
 */
export function mentionSuggestion(getMembers: () => readonly Member[], state: ListState) {
  return Extension.create({
    // Before the composer's Enter (150): with the list open, Enter picks.
    priority: 200,
    name: 'mentionSuggestion',
    addProseMirrorPlugins() {
      return [
        Suggestion<Member, Member>({
          editor: this.editor,
          pluginKey: new PluginKey('mentionSuggestion'),
          char: '@',
          items: ({query}) =>
            getMembers()
              .filter(m => m.username.toLowerCase().startsWith(query.toLowerCase()))
              .slice(0, 8),
          command: ({editor, range, props}) => {
            editor.chain().focus().insertContentAt(range, `@${props.username} `).run();
          },
          render: suggestionPopup<Member>({
            label: msg.messages.composer.mentionList,
            state,
            idOf: m => `mention-${m.userID}`,
            textOf: m => `@${m.username}`,
            badgeOf: m => (m.isAgent ? {text: msg.agents.badge, label: msg.agents.badgeLabel} : undefined),
          }),
        }),
      ];
    },
  });
}
