/**
 * A tiny remark plugin: `@username` in text becomes a mention span
 * (`<span class="mention" data-mention="username">`), highlighted when it is
 * the reader. Only text nodes are touched, never code.
 */
import {MENTION_PATTERN} from '@chorus/schema';

type Node = {type: string; value?: string; children?: Node[]; data?: Record<string, unknown>};

export function remarkMentions(options: {me?: string | undefined} = {}) {
  const me = options.me?.toLowerCase();
  return (tree: Node) => {
    visit(tree);
  };
  function visit(node: Node) {
    if (!node.children || node.type === 'link') return;
    const next: Node[] = [];
    for (const child of node.children) {
      if (child.type === 'text' && child.value?.includes('@')) next.push(...split(child.value));
      else {
        visit(child);
        next.push(child);
      }
    }
    node.children = next;
  }
  function split(value: string): Node[] {
    const out: Node[] = [];
    let last = 0;
    for (const m of value.matchAll(MENTION_PATTERN)) {
      const start = (m.index ?? 0) + (m[1]?.length ?? 0);
      const name = m[2] ?? '';
      if (start > last) out.push({type: 'text', value: value.slice(last, start)});
      const isMe = name.toLowerCase() === me;
      out.push({
        type: 'mention',
        data: {
          hName: 'span',
          hProperties: {className: isMe ? 'mention mention-me' : 'mention', 'data-mention': name},
        },
        children: [{type: 'text', value: `@${name}`}],
      });
      last = start + name.length + 1;
    }
    if (last < value.length) out.push({type: 'text', value: value.slice(last)});
    return out;
  }
}

/** Whether `content` mentions `username` (same rule as the renderer). */
export function mentions(content: string, username: string): boolean {
  const target = username.toLowerCase();
  for (const m of content.matchAll(MENTION_PATTERN)) if (m[2]?.toLowerCase() === target) return true;
  return false;
}
