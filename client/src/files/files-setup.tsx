import {useEffect} from 'react';
import {whenIdle} from '../lib/when-idle.ts';

/**
 * [FL3] Resumes the signed-in person's files sent before a reload or while
 * offline (kept in IndexedDB until attached). The uploader loads once the
 * page is idle, out of the room route's first load.
 */
export function FilesSetup({userID}: {userID: string}) {
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const cancelIdle = whenIdle(() => {
      void import('./uploader.ts').then(({startUploader}) => {
        if (!cancelled) stop = startUploader(userID);
      });
    });
    return () => {
      cancelled = true;
      cancelIdle();
      stop?.();
    };
  }, [userID]);
  return null;
}
