import {useId, useRef, useState, type DragEvent} from 'react';
import {create} from 'zustand';
import type {Place} from '../messages/place.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {useFileNotice} from './file-notice.ts';

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

// Areas nest (the composer inside the room's column) and each hears the same
// dragenter as it bubbles: the innermost one claims it, so only its hint shows.
const claimed = new WeakSet<Event>();
const useHintOwner = create<{owner: string | undefined}>(() => ({owner: undefined}));

/**
 * Files dropped on an area go to a composer's tray (`trayKey`): the room's
 * or conversation's, or a thread's. The uploader loads on the first drop,
 * not with the page. `dragging` is true while files are held over the area.
 */
export function useFileDrop(trayKey: string, place: Place, onDropped?: () => void) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them.
  const depth = useRef(0);
  const userID = useAuthStore(s => s.user?.id);
  const id = useId();
  const owner = useHintOwner(s => s.owner);
  const letGo = () => {
    setDragging(false);
    if (useHintOwner.getState().owner === id) useHintOwner.setState({owner: undefined});
  };
  return {
    /** Files are held over this area and not over an area nested in it: show its hint. */
    dragging: dragging && owner === id,
    handlers: {
      onDragEnter(e: DragEvent) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setDragging(true);
        if (!claimed.has(e.nativeEvent)) {
          claimed.add(e.nativeEvent);
          useHintOwner.setState({owner: id});
        }
      },
      onDragOver(e: DragEvent) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave(e: DragEvent) {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) letGo();
      },
      onDrop(e: DragEvent) {
        if (!carriesFiles(e)) return;
        depth.current = 0;
        letGo();
        // A drop inside a nested area (the composer in the room) is that area's
        // alone; this one only lets go of its hint.
        if (e.defaultPrevented) return;
        e.preventDefault();
        const files = [...e.dataTransfer.files];
        if (files.length && userID) attachFiles(files, {trayKey, place, userID});
        onDropped?.();
      },
    },
  };
}

/** Adds files to a tray through the uploader, loaded on first use; says why any were left out. */
export function attachFiles(files: File[], to: {trayKey: string; place: Place; userID: string}): void {
  void import('./uploader.ts').then(({addFiles}) => {
    const notice = addFiles(files, to);
    useFileNotice.getState().set(to.trayKey, notice);
  });
}
