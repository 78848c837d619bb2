import type {SuggestionOptions} from '@tiptap/suggestion';

/** Whether a suggestion list is open with something to pick: Enter then picks, never sends. */
export type ListState = {open: boolean};

/**
 * The popup of a TipTap suggestion: a small listbox at the caret. ↑/↓ move,
 * Enter and Tab pick, Escape closes; `state.open` says whether it shows
 * anything, so the composer's Enter knows to leave the key to it.
 */
export function suggestionPopup<T>(opts: {
  label: string;
  state: ListState;
  idOf: (item: T) => string;
  textOf: (item: T) => string;
  /** A small badge after the text (the AI badge), with the name a screen reader says for it. */
  badgeOf?: (item: T) => {text: string; label: string} | undefined;
}): NonNullable<SuggestionOptions<T, T>['render']> {
  return () => {
    let el: HTMLUListElement | undefined;
    let items: T[] = [];
    let selected = 0;
    let pick: ((item: T) => void) | undefined;
    const close = () => {
      el?.remove();
      el = undefined;
      items = [];
      opts.state.open = false;
    };
    const draw = () => {
      opts.state.open = items.length > 0;
      if (!el) return;
      el.replaceChildren(
        ...items.map((item, i) => {
          const li = document.createElement('li');
          li.role = 'option';
          li.id = opts.idOf(item);
          li.ariaSelected = String(i === selected);
          li.textContent = opts.textOf(item);
          const badge = opts.badgeOf?.(item);
          if (badge) {
            const span = document.createElement('span');
            span.role = 'img';
            span.ariaLabel = badge.label;
            span.textContent = badge.text;
            span.className = 'ml-2 rounded bg-brand/15 px-1 text-[10px] font-semibold';
            li.append(span);
          }
          li.className = `cursor-pointer px-3 py-1 ${i === selected ? 'bg-brand text-white' : ''}`;
          li.onmousedown = e => {
            e.preventDefault();
            pick?.(item);
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
        el.ariaLabel = opts.label;
        el.className =
          'fixed z-50 min-w-40 overflow-hidden rounded-md border border-surface-3 bg-surface text-sm shadow-lg';
        document.body.appendChild(el);
        items = props.items;
        selected = 0;
        pick = item => props.command(item);
        place(props.clientRect?.());
        draw();
      },
      onUpdate: props => {
        if (!el) return;
        items = props.items;
        selected = Math.min(selected, Math.max(0, items.length - 1));
        pick = item => props.command(item);
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
          const item = items[selected];
          if (item) pick?.(item);
          return true;
        }
        if (event.key === 'Escape') {
          close();
          return true;
        }
        return false;
      },
      onExit: close,
    };
  };
}
