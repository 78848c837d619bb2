import data from '@emoji-mart/data';
import {Picker} from 'emoji-mart';
import {useEffect, useRef} from 'react';

/**
 * emoji-mart's picker (a web component). This module is loaded lazily, so its
 * data (several hundred KB) never weighs on the first load.
 */
export default function EmojiPicker({
  onPick,
  onClose,
}: {
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const picker = new Picker({
      data,
      autoFocus: true,
      previewPosition: 'none',
      skinTonePosition: 'search',
      onEmojiSelect: (e: {native: string}) => onPick(e.native),
      onClickOutside: onClose,
    });
    el.appendChild(picker as unknown as Node);
    return () => {
      el.replaceChildren();
    };
  }, [onPick, onClose]);
  return (
    <div
      ref={host}
      onKeyDown={e => {
        if (e.key === 'Escape') onClose();
      }}
    />
  );
}
