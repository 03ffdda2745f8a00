import { isIP } from 'node:net';

/**
 * Which IP addresses are public unicast addresses, whatever way they are written: IPv4, IPv6, and IPv6 forms that
 * carry an IPv4 inside (mapped, compatible, NAT64, 6to4, Teredo), judged by the IPv4 they carry.
 */

// ---------------------------------------------------------------------------------------------------------------
// IPv4

type V4Range = { base: number; bits: number; reason: string };

const v4Range = (cidr: string, reason: string): V4Range => {
  const [ip = '', bits = '32'] = cidr.split('/');
  return { base: v4ToNumber(ip), bits: Number(bits), reason };
};

/** First match wins, so single addresses sit before the block that holds them. */
const V4_RANGES: V4Range[] = [
  v4Range('0.0.0.0/32', 'unspecified'),
  v4Range('0.0.0.0/8', 'this network'),
  v4Range('10.0.0.0/8', 'private'),
  v4Range('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  v4Range('100.64.0.0/10', 'carrier-grade NAT'),
  v4Range('127.0.0.0/8', 'loopback'),
  v4Range('168.63.129.16/32', 'metadata'), // Azure wire server: public space, but answers only inside Azure
  v4Range('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack...
  v4Range('169.254.0.0/16', 'link-local'),
  v4Range('172.16.0.0/12', 'private'),
  v4Range('192.0.0.0/24', 'IETF protocol assignment'),
  v4Range('192.0.2.0/24', 'documentation'),
  v4Range('192.88.99.0/24', '6to4 relay anycast'),
  v4Range('192.168.0.0/16', 'private'),
  v4Range('198.18.0.0/15', 'benchmarking'),
  v4Range('198.51.100.0/24', 'documentation'),
  v4Range('203.0.113.0/24', 'documentation'),
  v4Range('224.0.0.0/4', 'multicast'),
  v4Range('255.255.255.255/32', 'broadcast'),
  v4Range('240.0.0.0/4', 'reserved'),
];

function v4ToNumber(ip: string): number {
  return ip.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function inV4Range(value: number, { base, bits }: V4Range): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(base / size);
}

function v4Reason(value: number): string | null {
  return V4_RANGES.find((range) => inV4Range(value, range))?.reason ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// IPv6

/** 16 bytes from IPv6 text (no brackets, no zone), or null when it is not one. */
function parseV6(text: string): Uint8Array | null {
  const halves = text.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const head = v6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? v6Groups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** The 16-bit groups of one side of `::`; an embedded dotted quad at the end counts as two groups. */
function v6Groups(side: string): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const last = parts[parts.length - 1] ?? '';
  const groups: number[] = [];
  for (const part of parts.slice(0, -1)) {
    if (!/^[0-9a-f]{1,4}$/.test(part)) return null;
    groups.push(Number.parseInt(part, 16));
  }
  if (isIP(last) === 4) {
    const value = v4ToNumber(last);
    groups.push(Math.floor(value / 0x10000), value % 0x10000);
  } else if (/^[0-9a-f]{1,4}$/.test(last)) {
    groups.push(Number.parseInt(last, 16));
  } else {
    return null;
  }
  return groups;
}

type V6Range = { prefix: Uint8Array; bits: number; reason: string };

const v6Range = (cidr: string, reason: string): V6Range => {
  const [ip = '', bits = '128'] = cidr.split('/');
  return { prefix: parseV6(ip) ?? new Uint8Array(16), bits: Number(bits), reason };
};

/** Ranges that are not public unicast and carry no IPv4 worth judging. First match wins. */
const V6_RANGES: V6Range[] = [
  v6Range('fd00:ec2::254/128', 'metadata'), // AWS IMDS over IPv6
  v6Range('fc00::/7', 'unique-local'),
  v6Range('fe80::/10', 'link-local'),
  v6Range('fec0::/10', 'site-local'),
  v6Range('ff00::/8', 'multicast'),
  v6Range('100::/64', 'discard'),
  v6Range('2001:2::/48', 'benchmarking'),
  v6Range('2001:10::/28', 'ORCHID'),
  v6Range('2001:20::/28', 'ORCHID'),
  v6Range('2001:db8::/32', 'documentation'),
  v6Range('3fff::/20', 'documentation'),
];

function hasPrefix(bytes: Uint8Array, { prefix, bits }: V6Range): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const PREFIX = {
  compatible: v6Range('::/96', ''),
  mapped: v6Range('::ffff:0:0/96', ''),
  translated: v6Range('::ffff:0:0:0/96', ''),
  nat64: v6Range('64:ff9b::/96', ''),
  nat64Local: v6Range('64:ff9b:1::/48', ''),
  sixToFour: v6Range('2002::/16', ''),
  teredo: v6Range('2001::/32', ''),
  globalUnicast: v6Range('2000::/3', ''),
};

/** The IPv4 address held in four bytes of an IPv6 address, optionally inverted (Teredo obfuscates its client). */
function v4At(bytes: Uint8Array, offset: number, xor = 0): number {
  return bytes.slice(offset, offset + 4).reduce((value, byte) => value * 256 + ((byte ^ xor) & 0xff), 0);
}

/** A tunnel or translator reaches the embedded IPv4 for us, so that IPv4 must be public too. */
function viaReason(value: number, via: string): string | null {
  const reason = v4Reason(value);
  return reason === null ? null : `${reason} via ${via}`;
}

function v6Reason(bytes: Uint8Array): string | null {
  if (bytes.every((byte) => byte === 0)) return 'unspecified';
  if (bytes.slice(0, 15).every((byte) => byte === 0) && bytes[15] === 1) return 'loopback';
  // Mapped and compatible addresses are the IPv4 address itself to the socket layer.
  if (hasPrefix(bytes, PREFIX.mapped) || hasPrefix(bytes, PREFIX.compatible))
    return v4Reason(v4At(bytes, 12));
  if (hasPrefix(bytes, PREFIX.translated)) return viaReason(v4At(bytes, 12), 'IPv4-translated');
  if (hasPrefix(bytes, PREFIX.nat64)) return viaReason(v4At(bytes, 12), 'NAT64');
  // Local-use NAT64 is never globally reachable (RFC 8215), whatever it embeds.
  if (hasPrefix(bytes, PREFIX.nat64Local)) return viaReason(v4At(bytes, 12), 'NAT64') ?? 'local-use NAT64';
  if (hasPrefix(bytes, PREFIX.sixToFour)) return viaReason(v4At(bytes, 2), '6to4');
  if (hasPrefix(bytes, PREFIX.teredo)) {
    return viaReason(v4At(bytes, 4), 'Teredo server') ?? viaReason(v4At(bytes, 12, 0xff), 'Teredo client');
  }
  const range = V6_RANGES.find((candidate) => hasPrefix(bytes, candidate));
  if (range) return range.reason;
  // Everything public is allocated from 2000::/3; the rest is reserved by IANA.
  return hasPrefix(bytes, PREFIX.globalUnicast) ? null : 'reserved';
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses

/** Why an IP address (v4 or v6 text, with or without brackets) is not a public unicast address, or null when it is public. */
export function nonPublicReason(ip: string): string | null {
  const text = ip.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(text);
  if (family === 4) return v4Reason(v4ToNumber(text));
  if (family !== 6) return 'not an IP address';
  // A zone id scopes the address to one local interface: never a public destination.
  if (text.includes('%')) return 'zone-scoped';
  const bytes = parseV6(text);
  return bytes ? v6Reason(bytes) : 'not an IP address';
}
