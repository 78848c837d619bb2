import type {ReactNode} from 'react';
import type {Place} from '../messages/place.ts';
import {DropHint} from './drop-hint.tsx';
import {useFileDrop} from './use-file-drop.ts';

/**
 * A page's area (a room's or a conversation's main column) where dropped
 * files go to its composer's tray, `trayKey`; `onDropped` brings the
 * composer in if it is not there yet.
 */
export function DropArea({
  as: Element = 'div',
  trayKey,
  place,
  onDropped,
  className,
  children,
}: {
  as?: 'main' | 'div';
  trayKey: string;
  place: Place;
  onDropped?: (() => void) | undefined;
  className: string;
  children: ReactNode;
}) {
  const {dragging, handlers} = useFileDrop(trayKey, place, onDropped);
  return (
    <Element className={`relative ${className}`} {...handlers}>
      {dragging ? <DropHint /> : null}
      {children}
    </Element>
  );
}
