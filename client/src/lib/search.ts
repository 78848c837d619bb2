/** A search box's words: free text and its filters. */
export type ParsedSearch = {
  text: string;
  /** `from:ana` (or `from:@ana`): messages by this person. */
  from?: string;
  /** `in:design` (or `in:#design`): messages in this room. */
  in?: string;
  /** `in:@ana`: messages in my direct conversation with this person. */
  withPerson?: string;
  hasFile: boolean;
};

/** Splits `from:ana in:design has:file hello` (or `in:@ben hello`) into filters and free text. */
export function parseSearch(input: string): ParsedSearch {
  const parsed: ParsedSearch = {text: '', hasFile: false};
  const words: string[] = [];
  for (const word of input.trim().split(/\s+/)) {
    const m = /^(from|in|has):(.+)$/i.exec(word);
    const key = m?.[1]?.toLowerCase();
    const value = m?.[2] ?? '';
    if (key === 'from') parsed.from = value.replace(/^@/, '');
    else if (key === 'in' && value.startsWith('@')) {
      parsed.withPerson = value.slice(1);
      delete parsed.in;
    } else if (key === 'in') {
      parsed.in = value.replace(/^#/, '');
      delete parsed.withPerson;
    } else if (key === 'has' && value.toLowerCase() === 'file') parsed.hasFile = true;
    else if (word) words.push(word);
  }
  parsed.text = words.join(' ');
  return parsed;
}
