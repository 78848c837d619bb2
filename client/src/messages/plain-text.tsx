import {useKnownNames} from './known-names.tsx';
import {withMentions} from './mentions.tsx';

/**
 * Most chat messages are one line of plain words ([MF1] `isPlainText`). Those
 * are drawn here, in the main bundle, exactly as the Markdown renderer would
 * draw them; only messages that use Markdown wait for the Markdown chunk. So
 * a room of plain messages paints without loading the parser.
 */
export {isPlainText} from '@chorus/schema';

/** `content` (plain, see isPlainText) as the Markdown renderer draws it, mentions marked. */
export function PlainText({
  content,
  me,
  known,
}: {
  content: string;
  me?: string | undefined;
  /** Usernames the reader knows (else KnownNames'); a mention of anyone else stays plain text. */
  known?: ReadonlySet<string> | undefined;
}) {
  return (
    <div className="markdown">
      <p>{withMentions(content, me, useKnownNames(known))}</p>
    </div>
  );
}
