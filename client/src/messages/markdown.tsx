import ReactMarkdown, {defaultUrlTransform, type Components} from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import {remarkMentions} from './remark-mentions.ts';

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
  img: ({alt}) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
};

function urlTransform(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^(https?:|mailto:|#|\/)/i.test(safe) ? safe : '';
}

export function Markdown({content, me}: {content: string; me?: string | undefined}) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkMentions, {me}]]}
        rehypePlugins={[[rehypeHighlight, {detect: false, ignoreMissing: true}]]}
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
