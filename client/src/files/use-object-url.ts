import {useEffect, useState} from 'react';

/** A `blob:` URL of a local file while the component shows it, revoked after. */
export function useObjectURL(blob: Blob | undefined): string | undefined {
  const [url, setURL] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setURL(made);
    return () => {
      URL.revokeObjectURL(made);
      setURL(undefined);
    };
  }, [blob]);
  return url;
}
