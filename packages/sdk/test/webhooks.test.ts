import type { IncomingHttpHeaders } from 'node:http';
import { WebhookVerificationError as OfficialVerificationError, Webhook } from 'standardwebhooks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ApiKey,
  createMolam,
  type DisabledWebhookEndpoint,
  generateWebhookSecret,
  MolamError,
  type Payment,
  signWebhook,
  verifyWebhook,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookRequestHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '../src/index.js';
import { MERCHANT_ID } from './support.js';

// Fixed key bytes, so that failures are reproducible; `generateWebhookSecret` is tested on its own.
const SECRET = `whsec_${btoa('molam-test-webhook-secret-0123')}`;
const OTHER_SECRET = `whsec_${btoa('another-webhook-secret-456789')}`;
const T = 1_760_000_000; // the delivery's timestamp, in seconds
const at = (seconds: number) => () => seconds * 1000;
const NOW = at(T + 5);

const PAYMENT: Payment = {
  id: 'pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  object: 'payment',
  merchant_id: MERCHANT_ID,
  external_id: 'order-1042',
  flow: 'collection',
  amount: 1250,
  currency: 'ZMW',
  payer: '260971234567',
  payee: null,
  provider: 'mtn',
  status: 'successful',
  failure: null,
  provider_transaction_id: 'mtn-778899',
  description: 'Café order — 1042',
  payer_message: null,
  payee_note: null,
  metadata: {},
  mode: 'test',
  created_at: '2025-10-09T08:53:20.000Z',
  updated_at: '2025-10-09T08:53:25.000Z',
  completed_at: '2025-10-09T08:53:25.000Z',
};
const EVENT = {
  id: 'evt_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
  object: 'event',
  type: 'payment.succeeded',
  created: '2025-10-09T08:53:25.000Z',
  data: { object: PAYMENT },
} satisfies WebhookEvent;
// Compact, as the server sends it; the description holds non-ASCII characters on purpose.
const BODY = JSON.stringify(EVENT);

function signed(body = BODY, timestamp = T, secret = SECRET): Promise<WebhookHeaders> {
  return signWebhook({ id: EVENT.id, timestamp, body }, secret);
}

/** The rejection of a verification, checked to be a WebhookVerificationError. */
async function failure(verification: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await verification.then(
    () => expect.unreachable('the verification succeeded'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

async function reasonOf(verification: Promise<unknown>): Promise<WebhookVerificationReason> {
  return (await failure(verification)).reason;
}

describe('signWebhook and verifyWebhook', () => {
  it('round-trips: the event comes back parsed', async () => {
    const headers = await signed();
    expect(headers['webhook-id']).toBe(EVENT.id);
    expect(headers['webhook-timestamp']).toBe(String(T));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('is also molam.webhooks, on a client made without an API key', async () => {
    const molam = createMolam();
    const headers = await molam.webhooks.sign({ id: EVENT.id, timestamp: T, body: BODY }, SECRET);
    expect(headers).toEqual(await signed());
    await expect(molam.webhooks.verify(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('signs with the current time when no timestamp is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = await signWebhook({ id: EVENT.id, body: BODY }, SECRET);
    const timestamp = Number(headers['webhook-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // And the default `now` of verify is the real clock.
    await expect(verifyWebhook(BODY, headers, SECRET)).resolves.toEqual(EVENT);
  });

  it('takes the body as a string, a Uint8Array, a Buffer, an ArrayBuffer or a view into a larger buffer', async () => {
    const headers = await signed();
    const bytes = new TextEncoder().encode(BODY);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    for (const body of [
      bytes,
      Buffer.from(BODY),
      bytes.slice().buffer,
      padded.subarray(4, 4 + bytes.length),
    ]) {
      await expect(verifyWebhook(body, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
    }
  });

  it('types the event as a union told apart by `type`', async () => {
    const event = await verifyWebhook(BODY, await signed(), SECRET, { now: NOW });
    expectTypeOf(event.type).toEqualTypeOf<
      | 'payment.created'
      | 'payment.succeeded'
      | 'payment.failed'
      | 'api_key.created'
      | 'api_key.revoked'
      | 'webhook_endpoint.disabled'
    >();
    switch (event.type) {
      case 'payment.succeeded':
        expectTypeOf(event.data.object).toEqualTypeOf<Payment>();
        expect(event.data.object.amount).toBe(1250);
        break;
      case 'api_key.revoked':
        expectTypeOf(event.data.object).toEqualTypeOf<ApiKey>();
        break;
      case 'webhook_endpoint.disabled':
        expectTypeOf(event.data.object).toEqualTypeOf<DisabledWebhookEndpoint>();
        break;
      default:
        expect.unreachable(`unexpected type ${event.type}`);
    }
  });

  it('returns events of types this SDK does not know yet, unchanged', async () => {
    const body = JSON.stringify({ ...EVENT, type: 'payout.paid' });
    await expect(verifyWebhook(body, await signed(body), SECRET, { now: NOW })).resolves.toMatchObject({
      type: 'payout.paid',
    });
  });
});

describe('generateWebhookSecret', () => {
  it('makes whsec_ and 24 random bytes in base64, which sign and verify', async () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(atob(secret.slice('whsec_'.length))).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
    const headers = await signed(BODY, T, secret);
    await expect(verifyWebhook(BODY, headers, secret, { now: NOW })).resolves.toEqual(EVENT);
    expect(await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: NOW }))).toBe('no_matching_signature');
  });
});

describe('interoperability with the official standardwebhooks library', () => {
  it('verifies what Webhook.sign signs', async () => {
    const official = new Webhook(SECRET);
    const signature = official.sign(EVENT.id, new Date(T * 1000), BODY);
    const headers = {
      'webhook-id': EVENT.id,
      'webhook-timestamp': String(T),
      'webhook-signature': signature,
    };
    expect(headers).toEqual(await signed());
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
    const bytes = new TextEncoder().encode(BODY);
    await expect(verifyWebhook(bytes, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('verifies the official signature among several (rotation)', async () => {
    const timestamp = new Date(T * 1000);
    const signature = [
      new Webhook(OTHER_SECRET).sign(EVENT.id, timestamp, BODY),
      new Webhook(SECRET).sign(EVENT.id, timestamp, BODY),
    ].join(' ');
    const headers = {
      'webhook-id': EVENT.id,
      'webhook-timestamp': String(T),
      'webhook-signature': signature,
    };
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
    await expect(verifyWebhook(BODY, headers, OTHER_SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('has its Webhook.verify accept what signWebhook signs', async () => {
    // The official library checks the timestamp against the real clock.
    const headers = await signWebhook({ id: EVENT.id, body: BODY }, SECRET);
    expect(new Webhook(SECRET).verify(BODY, { ...headers })).toEqual(EVENT);
    expect(() => new Webhook(OTHER_SECRET).verify(BODY, { ...headers })).toThrow(OfficialVerificationError);
    expect(() => new Webhook(SECRET).verify(`${BODY} `, { ...headers })).toThrow(OfficialVerificationError);
  });

  it('agrees on secrets made by generateWebhookSecret', async () => {
    const secret = generateWebhookSecret();
    const headers = await signWebhook({ id: 'msg_1', body: BODY }, secret);
    expect(new Webhook(secret).verify(BODY, { ...headers })).toEqual(EVENT);
  });
});

describe('headers', () => {
  it("takes Node's req.headers, a fetch Request's headers and sign's output as they are typed", () => {
    expectTypeOf<IncomingHttpHeaders>().toExtend<WebhookRequestHeaders>();
    expectTypeOf<Request['headers']>().toExtend<WebhookRequestHeaders>();
    expectTypeOf<WebhookHeaders>().toExtend<WebhookRequestHeaders>();
  });

  it('reads a Headers object', async () => {
    const headers = new Headers(Object.entries(await signed()));
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('reads a plain object whatever the case of its names', async () => {
    const signedHeaders = await signed();
    const headers = {
      'Webhook-Id': signedHeaders['webhook-id'],
      'WEBHOOK-TIMESTAMP': signedHeaders['webhook-timestamp'],
      'webhook-Signature': signedHeaders['webhook-signature'],
      'content-type': 'application/json',
      'x-unset': undefined,
    };
    await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it('reads header values given as arrays (Node) and repeated headers (fetch)', async () => {
    const good = (await signed())['webhook-signature'];
    const bad = (await signed(BODY, T, OTHER_SECRET))['webhook-signature'];
    const asArrays = {
      'webhook-id': [EVENT.id],
      'webhook-timestamp': [String(T)],
      'webhook-signature': [bad, good],
    };
    await expect(verifyWebhook(BODY, asArrays, SECRET, { now: NOW })).resolves.toEqual(EVENT);

    const repeated = new Headers({ 'webhook-id': EVENT.id, 'webhook-timestamp': String(T) });
    repeated.append('webhook-signature', bad);
    repeated.append('webhook-signature', good);
    expect(repeated.get('webhook-signature')).toBe(`${bad}, ${good}`);
    await expect(verifyWebhook(BODY, repeated, SECRET, { now: NOW })).resolves.toEqual(EVENT);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
    'rejects a delivery without %s, or with it empty (missing_header)',
    async (name) => {
      const headers: Record<string, string | string[] | undefined> = { ...(await signed()) };
      for (const value of [undefined, '', '  ', []]) {
        headers[name] = value;
        const error = await failure(verifyWebhook(BODY, headers, SECRET, { now: NOW }));
        expect(error.reason).toBe('missing_header');
        expect(error.header).toBe(name);
        expect(error.message).toContain(name);
      }
      const fetchHeaders = new Headers(Object.entries(await signed()));
      fetchHeaders.delete(name);
      expect((await failure(verifyWebhook(BODY, fetchHeaders, SECRET, { now: NOW }))).header).toBe(name);
    },
  );
});

describe('signatures', () => {
  it('accepts a delivery when any of several v1 signatures matches (secret rotation)', async () => {
    const current = (await signed())['webhook-signature'];
    const previous = (await signed(BODY, T, OTHER_SECRET))['webhook-signature'];
    for (const signature of [
      `${previous} ${current}`,
      `${current} ${previous}`,
      `v1a,${current.slice(3)} ${current}`, // an asymmetric signature is skipped, not an error
      `v1,not-base64! v2,${current.slice(3)} ${current}`,
    ]) {
      const headers = { ...(await signed()), 'webhook-signature': signature };
      await expect(verifyWebhook(BODY, headers, SECRET, { now: NOW })).resolves.toEqual(EVENT);
    }
  });

  it('rejects a wrong secret, a changed body, id or timestamp (no_matching_signature)', async () => {
    const headers = await signed();
    const other = await signed(BODY, T, OTHER_SECRET);
    const cases: Array<[string, Record<string, string>]> = [
      [BODY, other],
      [BODY.replace('1250', '9250'), headers],
      [BODY.replace('order-1042', 'order-1043'), headers],
      [BODY, { ...headers, 'webhook-id': 'evt_another' }],
      [BODY, { ...headers, 'webhook-timestamp': String(T + 1) }],
    ];
    for (const [body, given] of cases) {
      const error = await failure(verifyWebhook(body, given, SECRET, { now: NOW }));
      expect(error.reason).toBe('no_matching_signature');
      expect(error.message).not.toContain(SECRET.slice('whsec_'.length));
    }
  });

  it('rejects a header without any usable v1 signature (no_matching_signature)', async () => {
    const good = (await signed())['webhook-signature'];
    const sig = good.slice(3);
    for (const signature of [
      `v1a,${sig}`,
      sig,
      `v2,${sig}`,
      'v1,',
      `v1,${sig.slice(0, -1)}`, // unpadded
      `v1,${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`, // one character changed
      `v1,${btoa('short')}`,
    ]) {
      const headers = { ...(await signed()), 'webhook-signature': signature };
      expect(await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: NOW })), signature).toBe(
        'no_matching_signature',
      );
    }
  });

  it('accepts only the canonical base64 spelling of a signature', async () => {
    // 32 bytes encode to 43 characters and "=": the last character carries 2 unused bits.
    const headers = await signed();
    const sig = headers['webhook-signature'].slice(3);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(sig.at(-2) ?? '');
    const sameBytes = `${sig.slice(0, -2)}${alphabet[last ^ 1]}=`;
    expect(atob(sameBytes)).toBe(atob(sig));
    const forged = { ...headers, 'webhook-signature': `v1,${sameBytes}` };
    expect(await reasonOf(verifyWebhook(BODY, forged, SECRET, { now: NOW }))).toBe('no_matching_signature');
  });
});

describe('timestamps', () => {
  it('accepts a delivery up to toleranceSeconds old or ahead (default 300)', async () => {
    const headers = await signed();
    for (const now of [at(T - 300), at(T), at(T + 300), () => (T + 300) * 1000 + 999]) {
      await expect(verifyWebhook(BODY, headers, SECRET, { now })).resolves.toEqual(EVENT);
    }
  });

  it('rejects a delivery older than the tolerance (timestamp_too_old)', async () => {
    const headers = await signed();
    const error = await failure(verifyWebhook(BODY, headers, SECRET, { now: at(T + 301) }));
    expect(error.reason).toBe('timestamp_too_old');
    expect(error.message).toContain('301 s');
    expect(
      await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: at(T + 11), toleranceSeconds: 10 })),
    ).toBe('timestamp_too_old');
    await expect(
      verifyWebhook(BODY, headers, SECRET, { now: at(T + 3600), toleranceSeconds: 3600 }),
    ).resolves.toEqual(EVENT);
  });

  it('rejects a delivery dated ahead by more than the tolerance (timestamp_in_future)', async () => {
    const headers = await signed();
    expect(await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: at(T - 301) }))).toBe(
      'timestamp_in_future',
    );
    expect(
      await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: at(T - 11), toleranceSeconds: 10 })),
    ).toBe('timestamp_in_future');
    const exact = { now: at(T), toleranceSeconds: 0 };
    await expect(verifyWebhook(BODY, headers, SECRET, exact)).resolves.toEqual(EVENT);
  });

  it.each(['abc', '1760000000.5', '-1760000000', '1760000000abc', '1e9', '0x68e5d600', '9'.repeat(16)])(
    'rejects the timestamp %j (invalid_timestamp)',
    async (timestamp) => {
      const headers = { ...(await signed()), 'webhook-timestamp': timestamp };
      expect(await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: NOW }))).toBe('invalid_timestamp');
    },
  );

  it('reports a forged request as such even when its timestamp is also stale', async () => {
    const headers = await signed(BODY, T, OTHER_SECRET);
    expect(await reasonOf(verifyWebhook(BODY, headers, SECRET, { now: at(T + 3600) }))).toBe(
      'no_matching_signature',
    );
  });
});

describe('secrets', () => {
  it.each([
    ['an API key', 'mk_test_s3cr3tvalue0123456789'],
    ['the bare base64', SECRET.slice('whsec_'.length)],
    ['an empty key', 'whsec_'],
    ['invalid base64', 'whsec_not*base64!'],
    ['unpadded base64', 'whsec_YWJjZA'],
    ['a trailing newline', `${SECRET}\n`],
  ])('rejects %s (invalid_secret), without echoing it', async (_what, secret) => {
    const error = await failure(verifyWebhook(BODY, await signed(), secret, { now: NOW }));
    expect(error.reason).toBe('invalid_secret');
    if (secret !== 'whsec_') expect(error.message).not.toContain(secret.trim());
    // Checked first: a misconfiguration shows even on a request without the headers.
    expect(await reasonOf(verifyWebhook(BODY, {}, secret))).toBe('invalid_secret');
  });

  it('rejects a secret that is not a string (invalid_secret)', async () => {
    const secret = undefined as unknown as string; // process.env.MOLAM_WEBHOOK_SECRET, unset
    expect(await reasonOf(verifyWebhook(BODY, await signed(), secret))).toBe('invalid_secret');
  });
});

describe('bodies that are not the raw body', () => {
  it('refuses an already parsed body (body_reserialized) before anything else', async () => {
    const headers = await signed();
    for (const parsed of [JSON.parse(BODY), {}, [EVENT]]) {
      const error = await failure(verifyWebhook(parsed, headers, SECRET, { now: NOW }));
      expect(error.reason).toBe('body_reserialized');
      expect(error.message).toContain('express.raw');
      expect(await reasonOf(verifyWebhook(parsed, {}, SECRET))).toBe('body_reserialized');
    }
  });

  it('says body_reserialized when the signature matches the body once serialised again', async () => {
    const headers = await signed();
    const pretty = JSON.stringify(EVENT, null, 2);
    const error = await failure(verifyWebhook(pretty, headers, SECRET, { now: NOW }));
    expect(error.reason).toBe('body_reserialized');
    expect(error.message).toMatch(/raw body/);
    // So is a newline added, or a number spelt otherwise: only the formatting differs from what was signed.
    for (const body of [`${BODY}\n`, BODY.replace('"amount":1250', '"amount":1250.0')]) {
      expect(await reasonOf(verifyWebhook(body, headers, SECRET, { now: NOW }))).toBe('body_reserialized');
    }
    const prettyBytes = new TextEncoder().encode(pretty);
    expect(await reasonOf(verifyWebhook(prettyBytes, headers, SECRET, { now: NOW }))).toBe(
      'body_reserialized',
    );
    // With a wrong secret it stays a plain mismatch: the diagnosis needs a matching signature.
    const other = await signed(BODY, T, OTHER_SECRET);
    expect(await reasonOf(verifyWebhook(pretty, other, SECRET, { now: NOW }))).toBe('no_matching_signature');
  });

  it('accepts a re-serialised body that is byte for byte what was signed', async () => {
    const headers = await signed();
    await expect(
      verifyWebhook(JSON.stringify(JSON.parse(BODY)), headers, SECRET, { now: NOW }),
    ).resolves.toEqual(EVENT);
  });

  it.each([undefined, null, 42])('refuses %j as a body with a TypeError', async (body) => {
    await expect(verifyWebhook(body as unknown as string, await signed(), SECRET)).rejects.toThrow(TypeError);
  });
});

describe('invalid_json', () => {
  it.each(['not json', '', '[1,2]', 'null', '{"id":"evt_1","type":"payment.created"}', '{"id":1,"data":{}}'])(
    'rejects the signed body %j',
    async (body) => {
      const headers = await signed(body);
      expect(await reasonOf(verifyWebhook(body, headers, SECRET, { now: NOW }))).toBe('invalid_json');
    },
  );
});

describe('WebhookVerificationError', () => {
  it('is its own kind, not a MolamError, so nothing treats it as an API failure', async () => {
    const error = await failure(verifyWebhook(BODY, {}, SECRET));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(MolamError);
    expect(error.name).toBe('WebhookVerificationError');
    expect(String(error)).toMatch(/^WebhookVerificationError: .*\(reason missing_header\)$/);
    expect(error).not.toHaveProperty('status');
    expect(new MolamError({ status: 0, code: 'x' })).not.toBeInstanceOf(WebhookVerificationError);
  });
});

describe('argument checks', () => {
  it('rejects bad verify options with a TypeError', async () => {
    const headers = await signed();
    const bad: unknown[] = [
      { tolerance: 10 },
      { toleranceSeconds: -1 },
      { toleranceSeconds: Number.POSITIVE_INFINITY },
      { toleranceSeconds: '300' },
      { now: 1000 },
      { now: () => Number.NaN },
      'strict',
    ];
    for (const options of bad) {
      await expect(
        verifyWebhook(BODY, headers, SECRET, options as { now: () => number }),
        JSON.stringify(options),
      ).rejects.toThrow(TypeError);
    }
    await expect(verifyWebhook(BODY, 'headers' as unknown as Headers, SECRET)).rejects.toThrow(TypeError);
  });

  it('rejects bad sign arguments with a TypeError naming the method', async () => {
    const bad: unknown[] = [
      { id: '', body: BODY },
      { id: EVENT.id, body: EVENT },
      { id: EVENT.id, body: BODY, timestamp: 1.5 },
      { id: EVENT.id, body: BODY, timestamp: -1 },
      { id: EVENT.id, body: BODY, timestamp: '1760000000' },
      null,
    ];
    for (const message of bad) {
      await expect(signWebhook(message as { id: string; body: string }, SECRET)).rejects.toThrow(
        /^signWebhook: /,
      );
    }
    await expect(signWebhook({ id: EVENT.id, body: BODY }, 'mk_test_abc')).rejects.toThrow(TypeError);
    await expect(createMolam().webhooks.sign({ id: '', body: BODY }, SECRET)).rejects.toThrow(
      /^webhooks\.sign: /,
    );
  });
});
