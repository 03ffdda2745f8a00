import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../errors.js';
import { nonPublicReason } from './addresses.js';

export { nonPublicReason };

/**
 * Egress policy for every outbound HTTP call to a URL a merchant gave us. A merchant-supplied URL must never
 * reach our own network (databases, cloud metadata, admin ports): checked once when the URL is saved, and again
 * at connect time on every address the name resolves to, so a name cannot later be re-pointed (DNS rebinding).
 */
export interface EgressPolicy {
  /** Plain http allowed (test-mode endpoints); otherwise https only. */
  allowHttp: boolean;
  /** Loopback targets (127.0.0.0/8, ::1, localhost) allowed: for a developer's local sandbox only. Never private ranges. */
  allowLoopback: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The callback of a `lookup` as net.connect and undici call it. */
export type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | ResolvedAddress[],
  family?: number,
) => void;

export type EgressLookup = (hostname: string, options: object, callback: LookupCallback) => void;

/** Whether an address literal may be connected to under the policy (for the connect-time re-check of IP-literal URLs, which skip DNS). */
export function addressAllowed(ip: string, policy: EgressPolicy): boolean {
  return blockedReason(ip, policy) === null;
}

function blockedReason(ip: string, policy: EgressPolicy): string | null {
  const reason = nonPublicReason(ip);
  return reason === 'loopback' && policy.allowLoopback ? null : reason;
}

// ---------------------------------------------------------------------------------------------------------------
// Host names

/** Names /etc/hosts points at this machine. */
const LOOPBACK_NAMES = new Set(['localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** Special-use and private-network suffixes: they resolve, if at all, only inside someone's network. */
const LOCAL_SUFFIXES = [
  'local',
  'localdomain',
  'internal', // metadata.google.internal
  'home.arpa',
  'lan',
  'intranet',
  'in-addr.arpa',
  'ip6.arpa',
  'test',
  'invalid',
  'example',
  'onion',
  'alt', // RFC 9476
  'home', // never delegated by ICANN, widely used inside networks
  'corp',
];

const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost');

const hasSuffix = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`);

/** Why a host name (lowercase, no trailing dot) may not be used, or null when it may. */
function hostNameProblem(host: string, policy: EgressPolicy): string | null {
  if (host === '' || host.split('.').includes('')) return 'must have a valid host name';
  if (isLocalhost(host)) return policy.allowLoopback ? null : publicAddress('loopback');
  if (LOOPBACK_NAMES.has(host)) return publicAddress('loopback');
  const suffix = LOCAL_SUFFIXES.find((candidate) => hasSuffix(host, candidate));
  if (suffix) return `must be a public host name (.${suffix} names are local)`;
  // Resolvers expand single labels (postgres, redis, metadata) with the internal search domains.
  if (!host.includes('.')) return 'must be a fully qualified public host name';
  return null;
}

const publicAddress = (reason: string) => `must be a public address (it is ${reason})`;

// ---------------------------------------------------------------------------------------------------------------
// URLs

/** Checks a URL against the policy at save time; returns the canonical URL (trailing dots removed from the host). Throws AppError 400 invalid_endpoint_url with errors[0].field = field. */
export function checkEgressUrl(raw: string, policy: EgressPolicy, field = 'body.url'): URL {
  const problem = (why: string) => invalidUrl(why, field);
  let url: URL;
  try {
    // WHATWG parsing already turns 2130706433, 0x7f.1 and 0177.0.0.1 into dotted quads.
    url = new URL(raw);
  } catch {
    throw problem('is not a valid URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    throw problem(policy.allowHttp ? 'must use http or https' : 'must use https');
  }
  if (url.username || url.password) throw problem('must not contain credentials');
  canonicaliseHost(url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    const reason = blockedReason(host, policy);
    if (reason) throw problem(publicAddress(reason));
    return url;
  }
  const why = hostNameProblem(host, policy);
  if (why) throw problem(why);
  return url;
}

/**
 * Drops trailing dots (`localhost.`, `example.com..`). Setting the host lets the URL parser re-read it, so a
 * name that only hid an IPv4 behind dots (`0x7f.1..`) comes back as the dotted quad it is.
 */
function canonicaliseHost(url: URL): void {
  const trimmed = url.hostname.replace(/\.+$/, '');
  if (trimmed !== url.hostname && trimmed !== '') url.hostname = trimmed;
}

const invalidUrl = (why: string, field: string) =>
  new AppError(400, 'invalid_endpoint_url', `The webhook URL ${why}.`, {
    errors: [{ field, message: why, code: 'invalid_endpoint_url' }],
  });

// ---------------------------------------------------------------------------------------------------------------
// Connect time

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

/** A `lookup` for undici's `connect` option / net.connect: resolves the name and refuses (error with code 'EEGRESSBLOCKED') when ANY resolved address is not allowed by the policy. `resolve` is injectable for tests (defaults to dns.lookup with all: true). Must honour the `all` option of its caller (return a list when options.all is true, else address+family). */
export function egressLookup(policy: EgressPolicy, resolve: Resolver = systemResolver): EgressLookup {
  return (hostname, options, callback) => {
    const { all, family } = lookupOptions(options);
    const fail = (error: NodeJS.ErrnoException) => callback(error, all ? [] : '');
    resolve(hostname).then((addresses) => {
      // Every address, not just the first: the caller may fall back to any of them.
      const reason = addresses.map((entry) => blockedReason(entry.address, policy)).find(Boolean);
      if (reason)
        return fail(lookupError('EEGRESSBLOCKED', `The host resolves to a non-public address (${reason}).`));
      const usable = addresses.filter((entry) => family === 0 || entry.family === family);
      const first = usable[0];
      if (!first) return fail(lookupError('ENOTFOUND', 'The host has no address.'));
      if (all) return callback(null, usable);
      callback(null, first.address, first.family);
    }, fail);
  };
}

function lookupOptions(options: object): { all: boolean; family: number } {
  const { all, family } = options as { all?: unknown; family?: unknown };
  const wanted = family === 'IPv4' ? 4 : family === 'IPv6' ? 6 : family;
  return { all: all === true, family: wanted === 4 || wanted === 6 ? wanted : 0 };
}

const lookupError = (code: string, message: string): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code });
