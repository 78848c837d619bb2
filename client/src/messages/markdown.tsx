import {useEffect, useState} from 'react';
import ReactMarkdown, {defaultUrlTransform, type Components} from 'react-markdown';
import remarkGfm from 'remark-gfm';
import {remarkMentions} from './remark-mentions.ts';
import {msg} from '../i18n/index.ts';

type Highlighter = typeof import('rehype-highlight').default;
let highlighter: Highlighter | undefined;
let loadingHighlighter: Promise<Highlighter> | undefined;

/**
 * Syntax highlighting (highlight.js and its languages) is most of the
 * Markdown code: it loads only once a message with a code block shows up.
 */
export function loadHighlighter(): Promise<Highlighter> {
  loadingHighlighter ??= import('rehype-highlight').then(m => (highlighter = m.default));
  return loadingHighlighter;
}

const hasCodeBlock = (content: string) =>
  content.includes('```') || content.includes('~~~') || /^( {4}|\t)/m.test(content);

/**
 * Renders message Markdown safely: raw HTML is never rendered (react-markdown
 * without rehype-raw shows it as text), URLs other than http(s)/mailto are
 * dropped, links open in a new tab with `rel="noopener noreferrer"`.
 */
const components: Components = {
  a: ({href, children}) => (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand underline">
      {children}
    </a>
  ),
  img: ({alt}) => <span>{msg.messages.image(alt)}</span>,
};

function urlTransform(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^(https?:|mailto:|#|\/)/i.test(safe) ? safe : '';
}

export function Markdown({content, me}: {content: string; me?: string | undefined}) {
  const needsHighlight = hasCodeBlock(content);
  const [highlight, setHighlight] = useState(() => highlighter);
  useEffect(() => {
    if (needsHighlight && !highlight) void loadHighlighter().then(h => setHighlight(() => h));
  }, [needsHighlight, highlight]);
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkMentions, {me}]]}
        rehypePlugins={needsHighlight && highlight ? [[highlight, {detect: false, ignoreMissing: true}]] : []}
        skipHtml
        urlTransform={urlTransform}
        components={components}
      >
        {content}
      </ReactMarkdown>
    </div>
  );
}

export default Markdown;
