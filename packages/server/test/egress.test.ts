import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressAllowed,
  checkEgressUrl,
  type EgressPolicy,
  egressLookup,
  nonPublicReason,
} from '../src/platform/egress/index.js';
import { AppError } from '../src/platform/errors.js';

const TEST_MODE: EgressPolicy = { allowHttp: true, allowLoopback: false };
const LIVE_MODE: EgressPolicy = { allowHttp: false, allowLoopback: false };
const SANDBOX: EgressPolicy = { allowHttp: true, allowLoopback: true };

function refusal(raw: string, policy: EgressPolicy, field?: string): AppError {
  try {
    checkEgressUrl(raw, policy, field);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`${raw} was accepted`);
}

describe('checkEgressUrl refuses hostile URLs', () => {
  // [url, a fragment of the reason it must give]
  const hostile: Array<[string, string]> = [
    // IPv4 loopback in every spelling the WHATWG parser folds into a dotted quad
    ['http://127.0.0.1', 'loopback'],
    ['http://127.1', 'loopback'],
    ['http://2130706433', 'loopback'],
    ['http://0x7f000001', 'loopback'],
    ['http://0177.0.0.1', 'loopback'],
    ['http://0x7f.0.0.1', 'loopback'],
    ['http://0x7f.1', 'loopback'],
    ['http://%31%32%37.0.0.1', 'loopback'],
    ['http://127.0.0.1..', 'loopback'],
    ['http://0x7f.1..', 'loopback'],
    ['https://127.0.0.1:5432', 'loopback'],
    // IPv6 loopback and IPv4-embedding forms
    ['https://[::1]', 'loopback'],
    ['https://[0:0:0:0:0:0:0:1]', 'loopback'],
    ['https://[::ffff:127.0.0.1]', 'loopback'],
    ['https://[::ffff:7f00:1]', 'loopback'],
    ['https://[::FFFF:7F00:1]', 'loopback'],
    ['https://[0:0:0:0:0:ffff:127.0.0.1]', 'loopback'],
    ['https://[::127.0.0.1]', 'loopback'],
    ['https://[::7f00:1]', 'loopback'],
    ['https://[::ffff:0:127.0.0.1]', 'loopback via IPv4-translated'],
    ['https://[64:ff9b::7f00:1]', 'loopback via NAT64'],
    ['https://[64:ff9b::169.254.169.254]', 'metadata via NAT64'],
    ['https://[64:ff9b:1::a00:1]', 'private via NAT64'],
    ['https://[64:ff9b:1::5db8:d70e]', 'local-use NAT64'],
    ['https://[2002:7f00:1::]', 'loopback via 6to4'],
    ['https://[2002:a9fe:a9fe::]', 'metadata via 6to4'],
    // Teredo: client 127.0.0.1 is stored inverted (7f00:0001 ^ ffff:ffff = 80ff:fffe)
    ['https://[2001:0:4136:e378:8000:63bf:80ff:fffe]', 'loopback via Teredo client'],
    ['https://[2001:0:a00:1::]', 'private via Teredo server'],
    // Loopback names
    ['http://localhost', 'loopback'],
    ['http://localhost.', 'loopback'],
    ['http://localhost..', 'loopback'],
    ['http://LOCALHOST', 'loopback'],
    ['http://localhost%E3%80%82', 'loopback'],
    ['http://foo.localhost', 'loopback'],
    ['http://localhost.localdomain', 'loopback'],
    ['http://ip6-localhost', 'loopback'],
    ['http://ip6-loopback', 'loopback'],
    // Cloud metadata
    ['http://169.254.169.254/latest/meta-data', 'metadata'],
    ['http://[::ffff:169.254.169.254]', 'metadata'],
    ['http://[fd00:ec2::254]', 'metadata'],
    ['http://metadata.google.internal', '.internal'],
    ['http://metadata', 'fully qualified'],
    ['http://100.100.100.200', 'metadata'],
    ['http://168.63.129.16', 'metadata'],
    // Private, shared and special IPv4
    ['http://10.0.0.1', 'private'],
    ['http://172.16.0.1', 'private'],
    ['http://172.31.255.255', 'private'],
    ['http://192.168.1.1', 'private'],
    ['http://[::ffff:10.0.0.1]', 'private'],
    ['http://100.64.0.1', 'carrier-grade NAT'],
    ['http://169.254.10.20', 'link-local'],
    ['http://0.0.0.0', 'unspecified'],
    ['http://0', 'unspecified'],
    ['http://0.1.2.3', 'this network'],
    ['http://224.0.0.1', 'multicast'],
    ['http://255.255.255.255', 'broadcast'],
    ['http://240.0.0.1', 'reserved'],
    ['http://198.18.0.1', 'benchmarking'],
    ['http://192.0.0.8', 'IETF protocol assignment'],
    ['http://192.0.2.1', 'documentation'],
    ['http://198.51.100.7', 'documentation'],
    ['http://203.0.113.9', 'documentation'],
    ['http://192.88.99.1', '6to4 relay anycast'],
    // Special IPv6
    ['http://[::]', 'unspecified'],
    ['http://[fc00::1]', 'unique-local'],
    ['http://[fe80::1]', 'link-local'],
    ['http://[FE80::1]', 'link-local'],
    ['http://[fe80::1%25eth0]', 'is not a valid URL'],
    ['http://[fec0::1]', 'site-local'],
    ['http://[ff02::1]', 'multicast'],
    ['http://[2001:db8::1]', 'documentation'],
    ['http://[100::1]', 'discard'],
    ['http://[2001:10::1]', 'ORCHID'],
    ['http://[2001:20::1]', 'ORCHID'],
    ['http://[4000::1]', 'reserved'],
    // Internal names
    ['http://postgres:5432', 'fully qualified'],
    ['http://redis', 'fully qualified'],
    ['http://printer.local', '.local names'],
    ['http://db.localdomain', '.localdomain names'],
    ['http://router.lan', '.lan names'],
    ['http://wiki.intranet', '.intranet names'],
    ['http://x.home.arpa', '.home.arpa names'],
    ['http://1.0.0.127.in-addr.arpa', '.in-addr.arpa names'],
    ['http://1.0.0.0.ip6.arpa', '.ip6.arpa names'],
    ['http://shop.test', '.test names'],
    ['http://shop.invalid', '.invalid names'],
    ['http://shop.example', '.example names'],
    ['http://hidden.onion', '.onion names'],
    ['http://a..b.com', 'valid host name'],
    ['http://.', 'valid host name'],
    // Credentials and schemes
    ['http://user:pass@example.com', 'credentials'],
    ['http://user@example.com', 'credentials'],
    ['ftp://example.com', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['gopher://example.com', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['not a url', 'is not a valid URL'],
  ];

  it('covers at least 45 cases', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(45);
  });

  it.each(hostile)('refuses %s (%s)', (raw, reason) => {
    const error = refusal(raw, TEST_MODE);
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_endpoint_url');
    expect(error.detail).toContain(reason);
    expect(error.errors?.[0]).toMatchObject({ field: 'body.url', code: 'invalid_endpoint_url' });
  });
});

describe('checkEgressUrl accepts public URLs', () => {
  it.each([
    ['https://example.com/hooks', 'https://example.com/hooks'],
    ['https://example.com./hooks', 'https://example.com/hooks'],
    ['https://Example.COM../hooks?x=1', 'https://example.com/hooks?x=1'],
    ['https://shop.example.com:8443/hooks', 'https://shop.example.com:8443/hooks'],
    ['https://93.184.215.14', 'https://93.184.215.14/'],
    ['https://[2606:4700:4700::1111]', 'https://[2606:4700:4700::1111]/'],
    ['https://[::ffff:93.184.215.14]/', 'https://[::ffff:5db8:d70e]/'],
    ['https://[2002:5db8:d70e::1]/', 'https://[2002:5db8:d70e::1]/'],
    ['https://bücher.de/hooks', 'https://xn--bcher-kva.de/hooks'],
  ])('accepts %s as %s', (raw, canonical) => {
    expect(checkEgressUrl(raw, LIVE_MODE).href).toBe(canonical);
  });

  it('allows plain http only when the policy does', () => {
    expect(checkEgressUrl('http://example.com/hooks', TEST_MODE).href).toBe('http://example.com/hooks');
    const error = refusal('http://example.com/hooks', LIVE_MODE);
    expect(error.status).toBe(400);
    expect(error.detail).toBe('The webhook URL must use https.');
  });

  it('names the field it was given', () => {
    const error = refusal('http://10.0.0.1', TEST_MODE, 'body.endpoint');
    expect(error.errors?.[0]).toEqual({
      field: 'body.endpoint',
      message: 'must be a public address (it is private)',
      code: 'invalid_endpoint_url',
    });
    expect(error.detail).toBe('The webhook URL must be a public address (it is private).');
  });
});

describe('allowLoopback', () => {
  it.each([
    'http://127.0.0.1:3000',
    'http://127.0.0.53:3000',
    'http://localhost:3000',
    'http://localhost.:3000',
    'http://app.localhost:3000',
    'http://[::1]:3000',
    'http://[::ffff:127.0.0.1]:3000',
  ])('allows %s', (raw) => {
    expect(() => checkEgressUrl(raw, SANDBOX)).not.toThrow();
  });

  it('canonicalises localhost. to localhost', () => {
    expect(checkEgressUrl('http://localhost.:3000/hooks', SANDBOX).href).toBe('http://localhost:3000/hooks');
  });

  it.each([
    ['http://10.0.0.1', 'private'],
    ['http://169.254.169.254', 'metadata'],
    ['http://192.168.1.1', 'private'],
    ['http://0.0.0.0', 'unspecified'],
    ['http://[::]', 'unspecified'],
    ['http://[fd00:ec2::254]', 'metadata'],
    ['http://[64:ff9b::7f00:1]', 'loopback via NAT64'],
    ['http://[2002:7f00:1::]', 'loopback via 6to4'],
    ['http://localhost.localdomain', 'loopback'],
    ['http://redis', 'fully qualified'],
  ])('still refuses %s (%s)', (raw, reason) => {
    expect(refusal(raw, SANDBOX).detail).toContain(reason);
  });
});

describe('nonPublicReason', () => {
  it.each([
    ['8.8.8.8', null],
    ['93.184.215.14', null],
    ['172.32.0.1', null],
    ['100.128.0.1', null],
    ['192.0.3.1', null],
    ['2606:4700:4700::1111', null],
    ['[2606:4700:4700::1111]', null],
    ['::ffff:8.8.8.8', null],
    ['2001:0:4136:e378:8000:63bf:a247:28f1', null],
    ['127.0.0.53', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::FFFF:7F00:1', 'loopback'],
    ['::FFFF:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['FD00:EC2::254', 'metadata'],
    ['FD12:3456::1', 'unique-local'],
    ['FE80::1', 'link-local'],
    ['fe80::1%eth0', 'zone-scoped'],
    ['10.1.2.3', 'private'],
    ['169.254.1.1', 'link-local'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'documentation via Teredo client'],
    ['1::', 'reserved'],
    ['localhost', 'not an IP address'],
    ['0177.0.0.1', 'not an IP address'],
  ])('%s is %s', (ip, reason) => {
    expect(nonPublicReason(ip)).toBe(reason);
  });
});

describe('addressAllowed', () => {
  it.each([
    ['8.8.8.8', TEST_MODE, true],
    ['127.0.0.1', TEST_MODE, false],
    ['127.0.0.1', SANDBOX, true],
    ['[::1]', SANDBOX, true],
    ['::ffff:7f00:1', SANDBOX, true],
    ['::', SANDBOX, false],
    ['10.0.0.1', SANDBOX, false],
    ['64:ff9b::7f00:1', SANDBOX, false],
  ] as const)('%s under %o is %s', (ip, policy, allowed) => {
    expect(addressAllowed(ip, policy)).toBe(allowed);
  });
});

describe('egressLookup', () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: unknown; family: number | undefined };

  const resolver =
    (table: Record<string, Array<{ address: string; family: number }>>) => async (name: string) => {
      const addresses = table[name];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return addresses;
    };

  const DNS = resolver({
    'mixed.example.com': [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ],
    'public.example.com': [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ],
    'mapped.example.com': [{ address: '::ffff:127.0.0.1', family: 6 }],
  });

  const ask = (policy: EgressPolicy, hostname: string, options: object) =>
    new Promise<Answer>((resolve) => {
      egressLookup(policy, DNS)(hostname, options, (error, address, family) =>
        resolve({ error, address, family }),
      );
    });

  it.each([{ all: true }, { all: false }, {}])(
    'refuses a name with any private address (%o)',
    async (options) => {
      const { error } = await ask(TEST_MODE, 'mixed.example.com', options);
      expect(error?.code).toBe('EEGRESSBLOCKED');
      expect(error?.message).toBe('The host resolves to a non-public address (private).');
    },
  );

  it('returns every address to an all: true caller', async () => {
    const answer = await ask(LIVE_MODE, 'public.example.com', { all: true });
    expect(answer.error).toBeNull();
    expect(answer.address).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
  });

  it('returns one address and its family to an all: false caller', async () => {
    const answer = await ask(LIVE_MODE, 'public.example.com', { all: false });
    expect(answer).toEqual({ error: null, address: '93.184.215.14', family: 4 });
  });

  it('honours the family the caller asks for', async () => {
    const answer = await ask(LIVE_MODE, 'public.example.com', { family: 6 });
    expect(answer).toEqual({ error: null, address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 });
  });

  it('refuses a name resolving to mapped-IPv6 loopback, unless loopback is allowed', async () => {
    expect((await ask(TEST_MODE, 'mapped.example.com', {})).error?.code).toBe('EEGRESSBLOCKED');
    expect(await ask(SANDBOX, 'mapped.example.com', {})).toEqual({
      error: null,
      address: '::ffff:127.0.0.1',
      family: 6,
    });
  });

  it('passes resolver errors through', async () => {
    expect((await ask(TEST_MODE, 'missing.example.com', { all: true })).error?.code).toBe('ENOTFOUND');
  });

  it('fits net.connect', () => {
    const lookup: LookupFunction = egressLookup(LIVE_MODE, DNS);
    expect(lookup).toBeTypeOf('function');
  });
});

describe('egressLookup in an undici Agent', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  // A public-looking name that resolves to this machine: the DNS rebinding case.
  const rebinding = async () => [{ address: '127.0.0.1', family: 4 }];

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits += 1;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (policy: EgressPolicy) => {
    const agent = new Agent({ connect: { lookup: egressLookup(policy, rebinding) } });
    try {
      const response = await request(`http://hooks.example.com:${port}/`, {
        method: 'POST',
        dispatcher: agent,
      });
      return await response.body.text();
    } finally {
      await agent.close();
    }
  };

  it('refuses to connect when the name resolves to loopback', async () => {
    await expect(post(TEST_MODE)).rejects.toMatchObject({ code: 'EEGRESSBLOCKED' });
    expect(hits).toBe(0);
  });

  it('connects when loopback is allowed', async () => {
    expect(await post(SANDBOX)).toBe('ok');
    expect(hits).toBe(1);
  });
});
