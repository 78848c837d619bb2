import {common, createLowlight} from 'lowlight';
import type {ReactNode} from 'react';

/**
 * Code highlighting for message Markdown, loaded with highlight.js's common
 * languages only when a fenced code block shows up (see loadHighlighter).
 */
const lowlight = createLowlight(common);

/** `code` as highlighted spans, or undefined for a language highlight.js does not know. */
export function highlight(lang: string, code: string): ReactNode[] | undefined {
  if (!lowlight.registered(lang)) return undefined;
  return hast(lowlight.highlight(lang, code).children);
}

type HastNode = {type: string; value?: string; properties?: {className?: unknown}; children?: HastNode[]};

/** lowlight's tree (only `span`s with classes, and text) as React elements: no innerHTML. */
function hast(nodes: HastNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === 'text') return node.value ?? '';
    if (node.type !== 'element') return null;
    const className = node.properties?.className;
    return (
      <span key={i} className={Array.isArray(className) ? className.join(' ') : undefined}>
        {hast(node.children ?? [])}
      </span>
    );
  });
}
