import {Extension} from '@tiptap/core';
import {Suggestion} from '@tiptap/suggestion';
import type {Member} from './types.ts';
import {msg} from '../i18n/index.ts';

/**
 * `@` autocompletion of room members. It inserts plain `@username` text, so
 * the Markdown people and agents read is exactly what was typed. The popup is
 * a small listbox positioned at the caret.
 */
export function mentionSuggestion(getMembers: () => readonly Member[]) {
  return Extension.create({
    name: 'mentionSuggestion',
    addProseMirrorPlugins() {
      return [
        Suggestion<Member, Member>({
          editor: this.editor,
          char: '@',
          items: ({query}) =>
            getMembers()
              .filter(m => m.username.toLowerCase().startsWith(query.toLowerCase()))
              .slice(0, 8),
          command: ({editor, range, props}) => {
            editor.chain().focus().insertContentAt(range, `@${props.username} `).run();
          },
          render: () => {
            let el: HTMLUListElement | undefined;
            let items: Member[] = [];
            let selected = 0;
            let pick: ((m: Member) => void) | undefined;
            const draw = () => {
              if (!el) return;
              el.replaceChildren(
                ...items.map((m, i) => {
                  const li = document.createElement('li');
                  li.role = 'option';
                  li.id = `mention-${m.userID}`;
                  li.ariaSelected = String(i === selected);
                  li.textContent = `@${m.username}`;
                  li.className = `cursor-pointer px-3 py-1 ${i === selected ? 'bg-brand text-white' : ''}`;
                  li.onmousedown = e => {
                    e.preventDefault();
                    pick?.(m);
                  };
                  return li;
                }),
              );
              el.hidden = items.length === 0;
            };
            const place = (rect: DOMRect | null | undefined) => {
              if (!el || !rect) return;
              el.style.left = `${rect.left}px`;
              el.style.bottom = `${window.innerHeight - rect.top + 4}px`;
            };
            return {
              onStart: props => {
                el = document.createElement('ul');
                el.role = 'listbox';
                el.ariaLabel = msg.messages.composer.mentionList;
                el.className =
                  'fixed z-50 min-w-40 overflow-hidden rounded-md border border-surface-3 bg-surface text-sm shadow-lg';
                document.body.appendChild(el);
                items = props.items;
                selected = 0;
                pick = m => props.command(m);
                place(props.clientRect?.());
                draw();
              },
              onUpdate: props => {
                items = props.items;
                selected = Math.min(selected, Math.max(0, items.length - 1));
                pick = m => props.command(m);
                place(props.clientRect?.());
                draw();
              },
              onKeyDown: ({event}) => {
                if (!items.length) return false;
                if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                  selected = (selected + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
                  draw();
                  return true;
                }
                if (event.key === 'Enter' || event.key === 'Tab') {
                  const m = items[selected];
                  if (m) pick?.(m);
                  return true;
                }
                if (event.key === 'Escape') {
                  el?.remove();
                  el = undefined;
                  return true;
                }
                return false;
              },
              onExit: () => {
                el?.remove();
                el = undefined;
              },
            };
          },
        }),
      ];
    },
  });
}
