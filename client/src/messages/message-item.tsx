import {
  lazy,
  memo,
  Suspense,
  useId,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import {confirmAction} from '../components/confirm-dialog.tsx';
import {Avatar} from '../components/avatar.tsx';
import {AgentBadge} from '../components/agent-badge.tsx';
import {openProfile} from '../components/profile-card-host.tsx';
import {newID} from '../lib/ids.ts';
import {OutboxState} from '../outbox/outbox-state.tsx';
import {useUploadStore} from '../files/upload-store.ts';
import {outboxWrite} from '../outbox/write.ts';
import {placeOfMessage, scopeOf} from './place.ts';
import {Reactions} from './reactions.tsx';
import {mentions} from './mentions.tsx';
import type {MessageRow} from './types.ts';
import {Icon} from '../components/icons.tsx';
import {isPlainText, PlainText} from './plain-text.tsx';
import {format, msg} from '../i18n/index.ts';

const Markdown = lazy(() => import('./markdown.tsx'));
// Only for messages with files: out of the room route's first load.
const MessageFiles = lazy(() => import('../files/message-files.tsx'));
const EmojiPicker = lazy(() => import('./emoji-picker.tsx'));

export type MessageItemProps = {
  message: MessageRow;
  me: {id: string; username: string} | undefined;
  canModerate: boolean;
  names: ReadonlyMap<string, string>;
  highlighted?: boolean;
  onOpenThread?: ((messageID: string) => void) | undefined;
  editing: boolean;
  onEditingChange: (id: string | undefined) => void;
  /** In the room's message list (a roving tabindex): 0 for its one tab stop, else -1. */
  tabIndex?: number;
  /** Take focus when rendered: the keyboard moved here while it was scrolled away. */
  focusOnRender?: boolean;
  /** A continuation of the same person's message above: no avatar or name; the time shows on hover. */
  compact?: boolean;
  /** In the room's message list: 1-based place among the loaded messages, and how many (-1: unknown). */
  position?: number;
  setSize?: number;
};

/** One message: author, time, Markdown body, reactions, thread summary, and its actions. */
export const MessageItem = memo(function MessageItem({
  message: m,
  me,
  canModerate,
  names,
  highlighted,
  onOpenThread,
  editing,
  onEditingChange,
  tabIndex,
  focusOnRender,
  compact = false,
  position,
  setSize,
}: MessageItemProps) {
  const [picking, setPicking] = useState(false);
  const mine = me !== undefined && m.userID === me.id;
  const mentioned = me !== undefined && !mine && mentions(m.content, me.username);
  const author = m.author?.username ?? msg.common.unknownUser;
  const bodyID = useId();
  // My files still on their way to this message (this device's uploader).
  const uploading = useUploadStore(s => mine && Object.values(s.uploads).some(u => u.messageID === m.id));
  const scope = scopeOf(placeOfMessage(m));
  const showAuthor = () => {
    if (m.author) openProfile({...m.author, username: author});
  };

  return (
    // Named by author and time, described by the text: what a screen reader
    // says when arrowing onto it.
    <article
      aria-label={msg.messages.item.label(author, m.createdAt)}
      aria-describedby={bodyID}
      aria-posinset={position}
      aria-setsize={setSize}
      tabIndex={tabIndex}
      ref={focusOnRender ? focusElement : undefined}
      data-message-id={m.id}
      className={`group relative flex gap-3 px-4 outline-offset-[-2px] hover:bg-surface-2 focus:bg-surface-2 ${
        compact ? 'py-0.5' : 'mt-1.5 py-1'
      } ${
        mentioned ? 'border-l-2 border-yellow-500 bg-yellow-500/10' : ''
      } ${highlighted ? 'bg-brand/10' : ''}`}
    >
      {compact ? (
        // The gutter under the avatar above: the time, shown on hover or focus.
        <time
          className="invisible -ml-3 w-12 shrink-0 pt-1 text-right text-[0.65rem] leading-4 whitespace-nowrap text-ink-muted group-focus-within:visible group-hover:visible group-focus:visible"
          dateTime={new Date(m.createdAt).toISOString()}
          title={format.dateTime(m.createdAt)}
        >
          {format.time(m.createdAt)}
        </time>
      ) : (
        // The name below is the accessible way in; the avatar is a second, mouse-sized target.
        <button
          type="button"
          tabIndex={-1}
          aria-hidden
          onClick={showAuthor}
          className="mt-0.5 h-9 w-9 shrink-0 rounded-full"
        >
          <Avatar profile={{username: author, pictureUrl: m.author?.pictureUrl}} size={36} />
        </button>
      )}
      <div className="min-w-0 flex-1">
        {compact ? (
          m.editedAt && !m.deletedAt ? (
            <span
              className="float-right text-xs text-ink-muted"
              title={msg.messages.item.editedAt(m.editedAt)}
            >
              {msg.messages.item.edited}
            </span>
          ) : null
        ) : (
          <div className="flex items-baseline gap-2">
            {/* Not a tab stop: the feed is one (roving tabindex); keyboards reach the card from the message's actions. */}
            <button
              type="button"
              tabIndex={-1}
              onClick={showAuthor}
              aria-label={msg.profile.open(author)}
              className="font-semibold hover:underline"
            >
              {author}
            </button>
            <AgentBadge userType={m.author?.userType} />
            <time
              className="text-xs text-ink-muted"
              dateTime={new Date(m.createdAt).toISOString()}
              title={format.dateTime(m.createdAt)}
            >
              {format.time(m.createdAt)}
            </time>
            {m.editedAt && !m.deletedAt ? (
              <span className="text-xs text-ink-muted" title={msg.messages.item.editedAt(m.editedAt)}>
                {msg.messages.item.edited}
              </span>
            ) : null}
          </div>
        )}
        {m.deletedAt ? (
          <p id={bodyID} className="text-ink-muted italic">
            {msg.messages.item.deleted}
          </p>
        ) : editing ? (
          <EditBox
            initial={m.content}
            onCancel={() => onEditingChange(undefined)}
            onSave={content => {
              onEditingChange(undefined);
              void outboxWrite({
                kind: 'message.edit',
                scope,
                args: {id: m.id, content, editedAt: Date.now()},
              });
            }}
          />
        ) : (
          <div id={bodyID} className="break-words">
            {isPlainText(m.content) ? (
              <PlainText content={m.content} me={me?.username} />
            ) : (
              <Suspense fallback={<p className="whitespace-pre-wrap">{m.content}</p>}>
                <Markdown content={m.content} me={me?.username} />
              </Suspense>
            )}
          </div>
        )}
        {!m.deletedAt && (m.files?.length || uploading) ? (
          <Suspense fallback={null}>
            <MessageFiles messageID={m.id} files={m.files ?? []} />
          </Suspense>
        ) : null}
        {!m.deletedAt ? <Reactions message={m} me={me?.id} names={names} /> : null}
        {m.outbox?.length ? <OutboxState entries={m.outbox} /> : null}
        {m.replyCount > 0 && onOpenThread ? (
          <button className="mt-1 text-sm text-brand hover:underline" onClick={() => onOpenThread(m.id)}>
            {msg.messages.item.replies(m.replyCount)}
            {m.lastReplyAt ? (
              <span className="text-ink-muted">{msg.messages.item.lastReply(m.lastReplyAt)}</span>
            ) : null}
          </button>
        ) : null}
      </div>
      {!m.deletedAt && !editing ? (
        <div
          role="toolbar"
          aria-label={msg.messages.item.actions(author)}
          onKeyDown={toolbarKeys}
          className="absolute -top-3 right-4 hidden gap-0.5 rounded-md border border-surface-3 bg-surface p-0.5 shadow-sm group-focus-within:flex group-hover:flex"
        >
          <ActionButton label={msg.messages.item.addReaction} onClick={() => setPicking(true)}>
            <Icon name="smile" size={16} />
          </ActionButton>
          {onOpenThread ? (
            <ActionButton label={msg.messages.item.replyInThread} onClick={() => onOpenThread(m.id)}>
              <Icon name="reply" size={16} />
            </ActionButton>
          ) : null}
          {mine ? (
            <ActionButton label={msg.messages.item.edit} onClick={() => onEditingChange(m.id)}>
              <Icon name="edit" size={16} />
            </ActionButton>
          ) : null}
          {mine || canModerate ? (
            <ActionButton
              label={msg.messages.item.delete}
              onClick={async e => {
                // As Discord: Shift+click deletes without asking.
                const ok =
                  e.shiftKey ||
                  (await confirmAction({
                    title: msg.messages.item.deleteTitle,
                    body: msg.messages.item.deleteBody,
                    confirmLabel: msg.messages.item.deleteConfirm,
                    destructive: true,
                    skipKey: 'delete-message',
                  }));
                if (ok) void outboxWrite({kind: 'message.delete', scope, args: {id: m.id}});
              }}
            >
              <Icon name="trash" size={16} />
            </ActionButton>
          ) : null}
          {m.author ? (
            <ActionButton label={msg.profile.open(author)} onClick={showAuthor}>
              <Icon name="users" size={16} />
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      {picking ? (
        <div className="absolute top-6 right-4 z-20">
          <Suspense
            fallback={
              <p className="rounded bg-surface p-2 text-sm shadow">{msg.messages.composer.loadingEmoji}</p>
            }
          >
            <EmojiPicker
              onClose={() => setPicking(false)}
              onPick={emoji => {
                setPicking(false);
                void outboxWrite({kind: 'reaction.add', scope, args: {id: newID(), messageID: m.id, emoji}});
              }}
            />
          </Suspense>
        </div>
      ) : null}
    </article>
  );
});

function focusElement(el: HTMLElement | null) {
  el?.focus();
}

/** In a message's actions: ←/→ between them, Esc back to the message. */
function toolbarKeys(e: KeyboardEvent<HTMLElement>) {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>('button')];
  const at = buttons.indexOf(e.target as HTMLElement);
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    e.preventDefault();
    buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  } else if (e.key === 'Escape') {
    const message = e.currentTarget.closest<HTMLElement>('article');
    if (message?.hasAttribute('tabindex')) {
      // Back to the message, not on to closing the thread or leaving the list.
      e.stopPropagation();
      message.focus();
    }
  }
}

function ActionButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: (e: MouseEvent<HTMLButtonElement>) => void;
  children: ReactNode;
}) {
  return (
    <button
      aria-label={label}
      title={label}
      onClick={onClick}
      className="rounded px-1.5 py-0.5 hover:bg-surface-3"
    >
      {children}
    </button>
  );
}

function EditBox({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (content: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  return (
    <div className="mt-1 flex flex-col gap-1">
      <textarea
        aria-label={msg.messages.item.edit}
        autoFocus
        value={text}
        onChange={e => setText(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (text.trim()) onSave(text);
          }
        }}
        rows={Math.min(8, text.split('\n').length + 1)}
        className="w-full rounded-md border border-surface-3 bg-surface p-2"
      />
      <p className="text-xs text-ink-muted">{msg.messages.item.editHint}</p>
    </div>
  );
}
