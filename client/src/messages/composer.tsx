import {limits} from '@chorus/schema';
import {Extension} from '@tiptap/core';
import {Markdown} from '@tiptap/markdown';
import {Placeholder} from '@tiptap/extensions';
import {EditorContent, useEditor} from '@tiptap/react';
import {StarterKit} from '@tiptap/starter-kit';
import {lazy, Suspense, useEffect, useRef, useState} from 'react';
import {newID} from '../lib/ids.ts';
import {roomScope} from '../outbox/types.ts';
import {outboxWrite} from '../outbox/write.ts';
import {useDraftStore} from '../stores/draft-store.ts';
import {mentionSuggestion} from './mention-suggestion.ts';
import type {Member} from './types.ts';
import {Icon} from '../components/icons.tsx';
import {msg} from '../i18n/index.ts';

const EmojiPicker = lazy(() => import('./emoji-picker.tsx'));

export type ComposerProps = {
  roomID: string;
  /** Set in a thread: the message this replies to. */
  parentMessageID?: string | undefined;
  label: string;
  members: readonly Member[];
  /** ↑ in an empty composer edits my last message. */
  onEditLast?: (() => void) | undefined;
};

/**
 * The TipTap composer: bold, italic, strike, code, code blocks, lists,
 * quotes, links, @mentions and emoji. Enter sends, Shift+Enter breaks the
 * line. Text is kept as Markdown, and as a draft per room (and per thread).
 */
export default function Composer({roomID, parentMessageID, label, members, onEditLast}: ComposerProps) {
  const draftKey = parentMessageID ? `${roomID}:${parentMessageID}` : roomID;
  const setDraft = useDraftStore(s => s.setDraft);
  const [error, setError] = useState<string>();
  const [picking, setPicking] = useState(false);
  const membersRef = useRef(members);
  membersRef.current = members;
  const sendRef = useRef<() => void>(() => {});
  const editLastRef = useRef(onEditLast);
  editLastRef.current = onEditLast;

  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          link: {openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto']},
        }),
        Markdown,
        Placeholder.configure({placeholder: label}),
        mentionSuggestion(() => membersRef.current),
        Extension.create({
          name: 'sendOnEnter',
          addKeyboardShortcuts() {
            return {
              Enter: ({editor}) => {
                // Inside a code block or a list, Enter keeps its editing meaning.
                if (editor.isActive('codeBlock') || editor.isActive('listItem')) return false;
                sendRef.current();
                return true;
              },
              ArrowUp: ({editor}) => {
                if (!editor.isEmpty || !editLastRef.current) return false;
                editLastRef.current();
                return true;
              },
            };
          },
        }),
      ],
      content: useDraftStore.getState().drafts[draftKey] ?? '',
      contentType: 'markdown',
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'composer-editor max-h-60 min-h-6 overflow-y-auto py-1 outline-none',
        },
      },
      onUpdate: ({editor}) => setDraft(draftKey, editor.isEmpty ? '' : editor.getMarkdown()),
    },
    [draftKey],
  );

  sendRef.current = () => {
    if (!editor || editor.isEmpty) return;
    const content = editor.getMarkdown().trim();
    if (!content) return;
    if (content.length > limits.messageContentMax) {
      setError(msg.messages.composer.tooLong(limits.messageContentMax, content.length));
      return;
    }
    setError(undefined);
    editor.commands.clearContent(true);
    // [OB1] Stored before Zero sees it; the list shows it at once, and a
    // failure later is shown on the message, its text kept there.
    void outboxWrite({
      kind: 'message.send',
      scope: roomScope(roomID),
      args: {id: newID(), roomID, content, parentMessageID, createdAt: Date.now()},
    }).catch((err: unknown) => restore(content, err instanceof Error ? err.message : String(err)));
  };

  // Nothing typed is lost: a write that could not even be stored comes back into the composer.
  function restore(content: string, message: string) {
    setError(msg.messages.composer.notSent(message));
    if (editor && editor.isEmpty) editor.commands.setContent(content, {contentType: 'markdown'});
  }

  useEffect(() => () => editor?.destroy(), [editor]);

  return (
    <div className="relative border-t border-surface-3 p-3">
      {error ? (
        <p role="alert" className="mb-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex items-end gap-2 rounded-lg bg-surface-2 px-3 py-2 focus-within:ring-2 focus-within:ring-brand">
        <EditorContent editor={editor} className="min-w-0 flex-1" />
        <button
          type="button"
          aria-label={msg.messages.composer.insertEmoji}
          title={msg.messages.composer.insertEmoji}
          onClick={() => setPicking(p => !p)}
          className="rounded px-1 text-lg"
        >
          <Icon name="smile" size={20} />
        </button>
        <button
          type="button"
          onClick={() => sendRef.current()}
          className="rounded-md bg-brand px-3 py-1 text-sm font-medium text-white dark:text-[#111]"
        >
          {msg.messages.composer.send}
        </button>
      </div>
      {picking ? (
        <div className="absolute right-3 bottom-16 z-20">
          <Suspense
            fallback={
              <p className="rounded bg-surface p-2 text-sm shadow">{msg.messages.composer.loadingEmoji}</p>
            }
          >
            <EmojiPicker
              onClose={() => setPicking(false)}
              onPick={emoji => {
                setPicking(false);
                editor?.chain().focus().insertContent(emoji).run();
              }}
            />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
