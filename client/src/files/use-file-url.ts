import {useEffect, useState} from 'react';
import {fileURL} from './file-api.ts';

/**
 * [FL4] A file's short-lived URL, fetched while `wanted`; `failed` when it
 * could not be had (offline, or gone).
 */
export function useFileURL(fileID: string, options: {thumbnail?: boolean; wanted?: boolean} = {}) {
  const {thumbnail = false, wanted = true} = options;
  const [state, setState] = useState<{url?: string; failed?: boolean}>({});
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    fileURL(fileID, thumbnail).then(
      url => live && setState({url}),
      () => live && setState({failed: true}),
    );
    return () => {
      live = false;
    };
  }, [fileID, thumbnail, wanted]);
  return state;
}
