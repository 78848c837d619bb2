import {useCallback, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject} from 'react';
import type {ListRange, VirtuosoHandle} from 'react-virtuoso';

/** Ask Virtuoso again if the message is still not rendered: a first jump can land short while rows are measured. */
const RESCROLL_MS = 400;
const RESCROLL_TRIES = 10;

/**
 * Keyboard navigation in the virtualized message list, as one composite
 * widget with a roving tabindex: the list is one tab stop (the last focused
 * message while it is rendered, else the lowest one on screen); ↑/↓ move one
 * message, PageUp/PageDown a screenful, Home/End to the first loaded and the
 * latest, Enter into the message's actions, Esc out to the composer.
 *
 * A message that is scrolled away is not in the DOM, so moving to it first
 * scrolls the list (Virtuoso's scrollToIndex) and asks for focus: the message
 * takes it when it renders (`focusID`, see MessageItem's `focusOnRender`),
 * however long a busy device takes to get there.
 */
export function useMessageKeys({
  ids,
  firstItemIndex,
  virtuoso,
  root,
  onEscape,
}: {
  /** The loaded messages' ids, oldest first. */
  ids: readonly string[];
  /** Virtuoso's index of ids[0] (it shifts as history is prepended). */
  firstItemIndex: number;
  virtuoso: RefObject<VirtuosoHandle | null>;
  root: RefObject<HTMLElement | null>;
  onEscape?: (() => void) | undefined;
}) {
  const [activeID, setActiveID] = useState<string>();
  const [range, setRange] = useState<{start: number; end: number}>();
  const [focusID, setFocusID] = useState<string>();
  const rescroll = useRef<ReturnType<typeof setTimeout>>(undefined);

  const activeIndex = activeID === undefined ? -1 : ids.indexOf(activeID);
  const onScreen = (i: number) => range !== undefined && i >= range.start && i <= range.end;
  const tabStopID =
    activeIndex >= 0 && (range === undefined || onScreen(activeIndex))
      ? activeID
      : (ids[Math.min(range?.end ?? ids.length - 1, ids.length - 1)] ?? ids.at(-1));

  const rangeChanged = useCallback(
    ({startIndex, endIndex}: ListRange) =>
      setRange({start: startIndex - firstItemIndex, end: endIndex - firstItemIndex}),
    [firstItemIndex],
  );

  const focusMessage = (index: number, align: 'start' | 'end') => {
    const id = ids[index];
    if (id === undefined) return;
    setActiveID(id);
    clearTimeout(rescroll.current);
    const el = root.current?.querySelector<HTMLElement>(`article[data-message-id="${CSS.escape(id)}"]`);
    if (el) {
      el.focus();
      return;
    }
    setFocusID(id);
    virtuoso.current?.scrollToIndex({index, align});
    // Until it is rendered (rows measured late can leave a jump short), for a few seconds at most.
    let tries = RESCROLL_TRIES;
    const again = () => {
      if (root.current?.querySelector(`article[data-message-id="${CSS.escape(id)}"]`) || --tries < 0) return;
      virtuoso.current?.scrollToIndex({index, align});
      rescroll.current = setTimeout(again, RESCROLL_MS);
    };
    rescroll.current = setTimeout(again, RESCROLL_MS);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Only on a message itself: keys inside its buttons, links and edit box keep their meaning.
    const target = e.target as HTMLElement;
    if (!(target instanceof HTMLElement) || target.tagName !== 'ARTICLE' || !target.dataset.messageId) {
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const index = ids.indexOf(target.dataset.messageId);
    if (index < 0) return;
    const page = Math.max(1, (range ? range.end - range.start : 5) - 1);
    const moves: Record<string, [number, 'start' | 'end']> = {
      ArrowUp: [index - 1, 'start'],
      ArrowDown: [index + 1, 'end'],
      PageUp: [index - page, 'start'],
      PageDown: [index + page, 'end'],
      Home: [0, 'start'],
      End: [ids.length - 1, 'end'],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      focusMessage(Math.max(0, Math.min(ids.length - 1, move[0])), move[1]);
    } else if (e.key === 'Enter') {
      const action = target.querySelector<HTMLElement>('[role="toolbar"] button');
      if (action) {
        e.preventDefault();
        action.focus();
      }
    } else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      onEscape();
    }
  };

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('article[data-message-id]')?.dataset.messageId;
    if (id) setActiveID(id);
    setFocusID(undefined);
  };

  return {tabStopID, focusID, rangeChanged, onKeyDown, onFocus};
}
