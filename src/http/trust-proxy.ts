import { isIP } from 'node:net';

/*
 * Which reverse proxies the server believes when they say who the client is (X-Forwarded-For),
 * for Fastify's `trustProxy`. Only named proxies: trusting every hop would let any client write
 * its own address into the header and slip past the per-address limits (src/app/sessions.ts
 * LOCKOUT, the rate limits). Unset, the header is ignored and the TCP peer is the client.
 */

/** proxy-addr's names for address ranges (Fastify passes the list to it). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One proxy: an IPv4 or IPv6 address, a CIDR range, or loopback / linklocal / uniquelocal. */
export function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `--trust-proxy` / HABEAS_TRUST_PROXY: proxies separated by commas or spaces, e.g.
 * `10.0.0.5, 192.168.0.0/16`. Throws with the entry that is not an address or range.
 */
export function parseTrustProxy(value: string): string[] {
  const entries = value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('name at least one proxy address or CIDR range');
  for (const entry of entries) {
    if (!isProxyAddress(entry))
      throw new Error(
        `"${entry}" is not a proxy address: give IP addresses or CIDR ranges (e.g. 10.0.0.5,192.168.0.0/16), or loopback`,
      );
  }
  return entries;
}
