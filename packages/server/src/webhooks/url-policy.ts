import { isIP } from 'node:net';
import { AppError } from '../platform/errors.js';

const V4_PRIVATE: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 3], // multicast and reserved
];

function v4ToNumber(ip: string): number {
  return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

/** Whether an address is on the public internet: never loopback, private, link-local or reserved. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) {
    const value = v4ToNumber(ip);
    return !V4_PRIVATE.some(
      ([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
    );
  }
  if (family === 6) {
    const lower = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped?.[1]) return isPublicAddress(mapped[1]);
    return !(
      lower === '::' ||
      lower === '::1' ||
      /^f[cd]/.test(lower) ||
      /^fe[89ab]/.test(lower) ||
      /^ff/.test(lower)
    );
  }
  return false;
}

/**
 * Where webhooks may go. Live endpoints: `https` to a public address only (and checked again at connect time,
 * against DNS rebinding). Test endpoints may also use `http` and local addresses, for development.
 */
export function checkEndpointUrl(raw: string, mode: 'test' | 'live'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('is not a URL');
  }
  if (url.username || url.password) throw invalid('must not carry credentials');
  if (mode === 'test') {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must be http or https');
    return url;
  }
  if (url.protocol !== 'https:') throw invalid('must be https for live endpoints');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !isPublicAddress(host))
    throw invalid('must be a public address for live endpoints');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local')
  ) {
    throw invalid('must be a public host for live endpoints');
  }
  return url;
}

const invalid = (why: string) =>
  new AppError(400, 'invalid_endpoint_url', `The webhook URL ${why}.`, {
    errors: [{ field: 'body.url', message: why, code: 'invalid_endpoint_url' }],
  });
