import data from '@emoji-mart/data';
import {Picker} from 'emoji-mart';
import {useEffect, useEffectEvent, useRef} from 'react';

/**
 * emoji-mart's picker (a web component). This module is loaded lazily, so its
 * data (several hundred KB, bundled here: the picker works offline once the
 * chunk is cached) never weighs on the first load.
 */
export default function EmojiPicker({
  onPick,
  onClose,
}: {
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  // The picker is built once: its owner re-renders whenever its row changes
  // (a pending write settles, someone reacts, the outbox overlay updates),
  // and rebuilding it each time would throw away what the person typed in
  // its search box, and their selection with it.
  const pick = useEffectEvent(onPick);
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const picker = new Picker({
      data,
      autoFocus: true,
      previewPosition: 'none',
      skinTonePosition: 'search',
      onEmojiSelect: (e: {native: string}) => pick(e.native),
      onClickOutside: () => close(),
    });
    el.appendChild(picker as unknown as Node);
    return () => {
      el.replaceChildren();
    };
  }, []);
  return (
    <div
      ref={host}
      // Capture: emoji-mart's search box stops Escape from bubbling.
      onKeyDownCapture={e => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    />
  );
}
