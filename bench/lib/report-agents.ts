import type {BenchResults} from './report.ts';
import {dist, f, table} from './markdown-table.ts';

/** Issue 18's figures: the agent gateway's throughput and webhook delivery to 50 agents. */
export function agentsMarkdown(r: BenchResults): string[] {
  const a = r.agents;
  if (!a) return [];
  const g = a.gateway;
  const w = a.webhooks;
  const rows = Object.entries(w.rows)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return [
    '',
    `### Issue 18: AI agents — ${g.agents} agents posting through the gateway, then webhooks to ${w.agents} agents`,
    '',
    `**Gateway**: every agent posts \`POST /api/agent/v1/messages\` (key → rate limit → audit → scope → the server mutator), ` +
      `one request in flight each, for ${f(g.seconds)} s, after ${f(g.quiet.waitedMs / 1000)} s to quiet${g.quiet.quiet ? '' : ' (not quiet)'}. ` +
      'Latency is the request’s round trip, in ms.',
    '',
    table(
      [
        'agents',
        'posts/s',
        'posts (rows)',
        'latency',
        'non-2xx / errors',
        'cores: API / pg / zero-cache / bench',
      ],
      [
        [
          String(g.agents),
          `**${f(g.postsPerSecond)}**`,
          `${g.posts} (${g.rows})`,
          dist(g.latency),
          `${
            Object.entries(g.non2xx)
              .map(([s, n]) => `${n}×${s}`)
              .join(', ') || '0'
          } / ${g.errors}`,
          `${f(g.cores.api, 2)} / ${f(g.cores.postgres, 2)} / ${f(g.cores.zeroCache, 2)} / ${f(g.cores.bench, 2)}`,
        ],
      ],
    ),
    '',
    `**Webhooks**: a person posts ${w.rate} msg/s for ${w.seconds} s (\`POST /api/v1/messages\`) into the room all ${w.agents} agents are in; ` +
      `each message is a signed POST to each agent’s URL on a local HTTPS receiver. **commit →** is arrival − the payload’s ` +
      '`data.message.createdAt` (stamped by the server mutator inside the transaction, so it includes the commit); ' +
      '**send →** is arrival − the person’s POST; **all agents** is, per message that reached every agent, createdAt → the last one. ' +
      `Waited ${w.graceSeconds} s after the last message. Before it, one message alone (after quiet) reached ` +
      `${w.single.received} of ${w.agents} agents, commit → receiver ${dist(w.single.fromCreatedAt)}.`,
    '',
    table(
      [
        'agents × msgs',
        'received / expected',
        'received/s',
        'commit → receiver',
        'send → receiver',
        'all agents',
        'rows by status',
        'signatures valid',
        'cores: API / pg',
      ],
      [
        [
          `${w.agents} × ${w.messages}${w.failedSends ? ` (${w.failedSends} failed)` : ''}`,
          `${w.received} / ${w.expected}${w.duplicates ? ` (+${w.duplicates} dup)` : ''}`,
          f(w.receivedPerSecond),
          dist(w.fromCreatedAt),
          dist(w.fromSend),
          dist(w.allAgents),
          rows || '–',
          `${w.signatures.valid} / ${w.signatures.checked}`,
          `${f(w.cores.api, 2)} / ${f(w.cores.postgres, 2)}`,
        ],
      ],
    ),
  ];
}
