import {randomBytes} from 'node:crypto';
import {hashOpaqueToken} from '../auth/tokens.ts';

/** [AG2] What every agent key starts with, so a leaked one is recognised (and secret scanners can match it). */
export const AGENT_KEY_PREFIX = 'chorus_ak_';
/** How much of a key is kept and shown to recognise it: the prefix and 6 characters. */
const SHOWN = AGENT_KEY_PREFIX.length + 6;

/** A new agent key (shown once), the SHA-256 that is stored, and the part shown later. */
export function newAgentKey(): {key: string; hash: string; prefix: string} {
  const key = AGENT_KEY_PREFIX + randomBytes(32).toString('base64url');
  return {key, hash: hashAgentKey(key), prefix: key.slice(0, SHOWN)};
}

export function hashAgentKey(key: string): string {
  return hashOpaqueToken(key);
}

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
