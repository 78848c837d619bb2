import {lookup} from 'node:dns/promises';
import {BlockList, isIP} from 'node:net';

export type WebhookURLPolicy = {
  /** Production: only https. */
  requireHttps: boolean;
  /** Loopback and private addresses (the embedded default allows them, for agents on this machine). */
  allowPrivate: boolean;
};

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as IPv4.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return PRIVATE.check(address, 'ipv4');
}

/**
 * [AG8] Why a webhook URL is refused, or undefined when it may be used:
 * http(s) only (https only in production), no credentials in it, and (unless
 * the deployment allows it) no host that is or resolves to a loopback or
 * private address. Checked when saved and again before every delivery, so a
 * name that later resolves inward is caught (requests also never follow redirects).
 */
export async function webhookURLProblem(raw: string, policy: WebhookURLPolicy): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Use a full https:// link.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use a full https:// link.';
  if (policy.requireHttps && url.protocol !== 'https:') return 'Webhook URLs must use https.';
  if (url.username || url.password) return 'Leave the user name and password out of the link.';
  if (policy.allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, {all: true})).map(a => a.address);
  } catch {
    return `The host ${host} cannot be found.`;
  }
  if (!addresses.length || addresses.some(isPrivateAddress)) {
    return 'Webhook URLs must point to a public address, not a loopback or private one.';
  }
  return undefined;
}
