import {limits} from '@chorus/schema';
import {FilesIcon} from '../files/files-icon.tsx';
import {Extension, type Editor} from '@tiptap/core';
import {Document} from '@tiptap/extension-document';
import {HardBreak} from '@tiptap/extension-hard-break';
import {Paragraph} from '@tiptap/extension-paragraph';
import {Text} from '@tiptap/extension-text';
import {Placeholder, UndoRedo} from '@tiptap/extensions';
import {Fragment, Slice} from '@tiptap/pm/model';
import {EditorContent, useEditor} from '@tiptap/react';
import {lazy, Suspense, useEffect, useMemo, useRef, useState} from 'react';
import {AttachmentTray} from '../files/attachment-tray.tsx';
import {DropHint} from '../files/drop-hint.tsx';
import {useFileNotice} from '../files/file-notice.ts';
import {contentWithFiles} from '../files/upload-rules.ts';
import {uploadsWhere, useUploadStore} from '../files/upload-store.ts';
import {pump, returnToTray, sendUploads} from '../files/uploader.ts';
import {attachFiles, useFileDrop} from '../files/use-file-drop.ts';
import {filesMsg} from '../i18n/files.ts';
import {newID} from '../lib/ids.ts';
import {TypingIndicator} from '../live/typing-indicator.tsx';
import {usePlaceChannel} from '../live/use-place-channel.ts';
import {useTypingPublisher} from '../live/use-typing-publisher.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {outboxWrite} from '../outbox/write.ts';
import {sendWrite, type Place} from './place.ts';
import {useDraftStore} from '../stores/draft-store.ts';
import {markdownDecorations} from './composer-decorations.ts';
import {charactersLeft, inOpenFence, textToDoc} from './composer-text.ts';
import {emojiSuggestion} from './emoji-suggestion.ts';
import {mentionSuggestion} from './mention-suggestion.ts';
import type {ListState} from './suggestion-popup.ts';
import type {Member} from './types.ts';
import {Icon} from '../components/icons.tsx';
import {msg} from '../i18n/index.ts';

const EmojiPicker = lazy(() => import('./emoji-picker.tsx'));

export type ComposerProps = {
  /** Where it sends: a room, or a direct conversation. */
  place: Place;
  /** Set in a thread: the message this replies to. */
  parentMessageID?: string | undefined;
  label: string;
  members: readonly Member[];
  /** ↑ in an empty composer edits my last message. */
  onEditLast?: (() => void) | undefined;
};

/** [MF1] The text as typed: lines (paragraphs and Shift+Enter breaks) joined by `\n`, nothing escaped. */
const textOf = (editor: Editor) => editor.getText({blockSeparator: '\n'});

/** Ctrl+B/I/E wrap the selection in Markdown's own delimiters, as typed text. */
function wrap(editor: Editor, mark: string): boolean {
  const {from, to} = editor.state.selection;
  const tr = editor.state.tr.insertText(mark, to).insertText(mark, from);
  editor.view.dispatch(tr);
  editor.commands.setTextSelection({from: from + mark.length, to: to + mark.length});
  return true;
}

/**
 * The composer: a plain-text Markdown editor, the Discord way. What is typed
 * is what is stored [MF1]: Enter sends, Shift+Enter breaks the line, and
 * inside an open ```` ``` ```` fence Enter breaks the line too. `@` suggests
 * members and `:sm` emoji; with a list open, Enter and Tab pick from it.
 * Text is kept as a draft per room (and per thread).
 */
export default function Composer({place, parentMessageID, label, members, onEditLast}: ComposerProps) {
  const placeID = place.roomID ?? place.conversationID;
  const draftKey = parentMessageID ? `${placeID}:${parentMessageID}` : placeID;
  const setDraft = useDraftStore(s => s.setDraft);
  const [error, setError] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [text, setText] = useState('');
  const membersRef = useRef(members);
  membersRef.current = members;
  const sendRef = useRef<() => void>(() => {});
  const editLastRef = useRef(onEditLast);
  editLastRef.current = onEditLast;
  const lists = useRef({mention: {open: false} as ListState, emoji: {open: false} as ListState}).current;
  const me = useAuthStore(s => s.user?.id);
  const fileInput = useRef<HTMLInputElement>(null);
  const allUploads = useUploadStore(s => s.uploads);
  const uploads = useMemo(
    () => uploadsWhere(allUploads, u => u.trayKey === draftKey),
    [allUploads, draftKey],
  );
  const uploadsRef = useRef(uploads);
  uploadsRef.current = uploads;
  const notice = useFileNotice(s => s.notices[draftKey]);
  const drop = useFileDrop(draftKey, place);
  const attach = (files: File[]) => {
    if (files.length && me) attachFiles(files, {trayKey: draftKey, place, userID: me});
  };
  const attachRef = useRef(attach);
  attachRef.current = attach;
  const channel = usePlaceChannel(place);
  const typing = useTypingPublisher(channel, parentMessageID);

  const editor = useEditor(
    {
      extensions: [
        Document,
        Paragraph,
        Text,
        HardBreak,
        UndoRedo,
        Placeholder.configure({placeholder: label}),
        markdownDecorations,
        mentionSuggestion(() => membersRef.current, lists.mention),
        emojiSuggestion(lists.emoji),
        Extension.create({
          name: 'sendOnEnter',
          // A higher priority runs first: above TipTap's own Enter (100,
          // which splits the paragraph), below the suggestion lists (200),
          // whose Enter picks the highlighted item. The open check below
          // holds even if that order changes.
          priority: 150,
          addKeyboardShortcuts() {
            return {
              Enter: ({editor}) => {
                if (lists.mention.open || lists.emoji.open) return false;
                const {from} = editor.state.selection;
                if (inOpenFence(editor.state.doc.textBetween(0, from, '\n', '\n'))) {
                  return editor.commands.setHardBreak();
                }
                sendRef.current();
                return true;
              },
              ArrowUp: ({editor}) => {
                if (!editor.isEmpty || !editLastRef.current) return false;
                editLastRef.current();
                return true;
              },
              'Mod-b': ({editor}) => wrap(editor, '**'),
              'Mod-i': ({editor}) => wrap(editor, '*'),
              'Mod-e': ({editor}) => wrap(editor, '`'),
            };
          },
        }),
      ],
      content: textToDoc(useDraftStore.getState().drafts[draftKey] ?? ''),
      onCreate: ({editor}) => setText(editor.isEmpty ? '' : textOf(editor)),
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'composer-editor max-h-60 min-h-6 overflow-y-auto py-1 outline-none',
        },
        // The clipboard's plain text as it is: pasted Markdown stays Markdown.
        // Files on the clipboard (a screenshot, files copied in a file manager) are attached.
        handlePaste: (view, event) => {
          const files = [...(event.clipboardData?.files ?? [])];
          if (files.length) {
            attachRef.current(files);
            return true;
          }
          const pasted = event.clipboardData?.getData('text/plain');
          if (!pasted) return false;
          const {schema} = view.state;
          const lines = pasted.replace(/\r\n?/g, '\n').split('\n');
          const paragraphs = lines.map(line =>
            schema.nodes.paragraph!.create(null, line ? schema.text(line) : undefined),
          );
          view.dispatch(view.state.tr.replaceSelection(new Slice(Fragment.from(paragraphs), 1, 1)));
          return true;
        },
      },
      onUpdate: ({editor}) => {
        const typed = editor.isEmpty ? '' : textOf(editor);
        setText(typed);
        setDraft(draftKey, typed);
        // Sending clears the text, so that is a stop too.
        typing.typed(typed.trim() !== '');
      },
    },
    [draftKey],
  );

  const left = charactersLeft(text, limits.messageContentMax);
  const sendable = (text.trim() !== '' || uploads.length > 0) && (left === undefined || left >= 0);

  sendRef.current = () => {
    if (!editor) return;
    const files = uploadsRef.current;
    const typed = textOf(editor).trim();
    if (!typed && !files.length) return;
    if (typed.length > limits.messageContentMax) {
      setError(msg.messages.composer.tooLong(limits.messageContentMax, typed.length));
      return;
    }
    if (files.some(u => u.phase === 'failed')) {
      setError(filesMsg.failedToSend);
      return;
    }
    // [MS2] Files alone: the message says their names (see contentWithFiles).
    const content = contentWithFiles(
      typed,
      files.map(u => u.fileName),
    );
    const id = newID();
    setError(undefined);
    editor.commands.clearContent(true);
    useFileNotice.getState().set(draftKey, undefined);
    // [OB1] Stored before Zero sees it; the list shows it at once, and a
    // failure later is shown on the message, its text kept there. Its files
    // are kept with their bytes and attached once the server has the
    // message [FL3] (files/uploader.ts).
    const handedOver = files.length ? sendUploads(draftKey, id) : Promise.resolve();
    void handedOver
      .then(() => outboxWrite(sendWrite(place, {id, content, parentMessageID, createdAt: Date.now()})))
      .then(pump)
      .catch((err: unknown) => {
        if (files.length) returnToTray(id, draftKey);
        restore(typed, err instanceof Error ? err.message : String(err));
      });
  };

  // Nothing typed is lost: a write that could not even be stored comes back into the composer.
  function restore(content: string, message: string) {
    setError(msg.messages.composer.notSent(message));
    if (content && editor && editor.isEmpty)
      editor.commands.setContent(textToDoc(content), {emitUpdate: true});
  }

  useEffect(() => () => editor?.destroy(), [editor]);

  return (
    <div className="relative border-t border-surface-3 p-3" {...drop.handlers}>
      {error || notice ? (
        <p role="alert" className="mb-2 text-sm text-danger">
          {error ?? notice}
        </p>
      ) : null}
      <AttachmentTray trayKey={draftKey} />
      {drop.dragging ? <DropHint /> : null}
      <div className="flex items-end gap-2 rounded-lg bg-surface-2 px-3 py-2 focus-within:ring-2 focus-within:ring-brand">
        <button
          type="button"
          aria-label={filesMsg.attach}
          title={filesMsg.attach}
          onClick={() => fileInput.current?.click()}
          className="rounded px-1 text-ink-muted hover:text-ink"
        >
          <FilesIcon name="paperclip" size={20} />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden
          onChange={e => {
            attach([...(e.currentTarget.files ?? [])]);
            // The same file again is a new choice.
            e.currentTarget.value = '';
          }}
        />
        <EditorContent editor={editor} className="min-w-0 flex-1" />
        {left !== undefined ? (
          <span
            role="status"
            className={`self-center text-xs tabular-nums ${left < 0 ? 'font-semibold text-danger' : 'text-ink-muted'}`}
          >
            {msg.messages.composer.charactersLeft(left)}
          </span>
        ) : null}
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
          disabled={!sendable}
          onClick={() => sendRef.current()}
          className="rounded-md bg-brand px-3 py-1 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50 dark:text-[#111]"
        >
          {msg.messages.composer.send}
        </button>
      </div>
      <TypingIndicator channel={channel} parentMessageID={parentMessageID} me={me} members={members} />
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
