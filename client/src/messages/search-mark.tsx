import type {ReactNode} from 'react';

/** `text` with each case-insensitive occurrence of `query` in a `<mark>`: a search result's match. */
export function markMatches(text: string, query: string | undefined): ReactNode[] {
  if (!query) return [text];
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const parts: ReactNode[] = [];
  let last = 0;
  for (let at = lower.indexOf(q); at !== -1; at = lower.indexOf(q, at + q.length)) {
    if (at > last) parts.push(text.slice(last, at));
    parts.push(<mark key={at}>{text.slice(at, at + q.length)}</mark>);
    last = at + q.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
