import { signWebhook } from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { fakeClock, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';
import { EVENT_ID, paymentEvent, WEBHOOK_SECRET } from './helpers/fixtures.js';

const OTHER_SECRET = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const body = JSON.stringify(paymentEvent());

async function delivery(options: { secret?: string; timestamp?: number; body?: string } = {}) {
  const clock = fakeClock();
  const timestamp = options.timestamp ?? Math.floor(clock.now() / 1000) - 5;
  const headers = await signWebhook(
    { id: EVENT_ID, timestamp, body: options.body ?? body },
    options.secret ?? WEBHOOK_SECRET,
  );
  const flags = [
    '--id',
    headers['webhook-id'],
    '--timestamp',
    headers['webhook-timestamp'],
    '--signature',
    headers['webhook-signature'],
  ];
  return { clock, flags };
}

describe('molam webhooks verify', () => {
  it('prints the event of a genuine delivery (exit 0)', async () => {
    const { clock, flags } = await delivery();
    const io = fakeIO({ stdin: body, env: {} });
    expect(
      await main(['webhooks', 'verify', '--secret', WEBHOOK_SECRET, ...flags], io, fakeDeps({ clock })),
    ).toBe(0);
    expect(io.out()).toContain(`id       ${EVENT_ID}`);
    expect(io.out()).toContain('object   payment pay_');
    expect(io.err()).toContain(`Signature verified: payment.succeeded ${EVENT_ID}, signed 5 s ago.`);

    const json = fakeIO({ stdin: body, env: { MOLAM_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    expect(await main(['webhooks', 'verify', '--json', ...flags], json, fakeDeps({ clock }))).toBe(0);
    expect(JSON.parse(json.out())).toEqual(paymentEvent());
    expect(json.err()).toBe('');
  });

  it('names the reason a delivery fails (exit 1)', async () => {
    const { clock, flags } = await delivery({ secret: OTHER_SECRET });
    const io = fakeIO({ stdin: body });
    expect(
      await main(
        ['webhooks', 'verify', '--json', '--secret', WEBHOOK_SECRET, ...flags],
        io,
        fakeDeps({ clock }),
      ),
    ).toBe(1);
    expect(io.out()).toBe('');
    expect(JSON.parse(io.err()).error).toMatchObject({
      code: 'no_matching_signature',
      detail: expect.stringContaining('No v1 signature matches (1 checked)'),
    });

    const changed = fakeIO({ stdin: body.replace('1250', '9999') });
    const good = await delivery();
    expect(
      await main(
        ['webhooks', 'verify', '--secret', WEBHOOK_SECRET, ...good.flags],
        changed,
        fakeDeps({ clock: good.clock }),
      ),
    ).toBe(1);
    expect(changed.err()).toContain('a wrong secret, a changed body, or a forgery');
  });

  it('says when only the line break at the end of standard input is in the way', async () => {
    const { clock, flags } = await delivery();
    const io = fakeIO({ stdin: `${body}\n` });
    expect(
      await main(['webhooks', 'verify', '--secret', WEBHOOK_SECRET, ...flags], io, fakeDeps({ clock })),
    ).toBe(1);
    expect(io.err()).toContain('The signature matches the body without the line break at its end');
  });

  it('checks the timestamp, and --tolerance widens it', async () => {
    const clock = fakeClock();
    const old = await delivery({ timestamp: Math.floor(clock.now() / 1000) - 3600 });
    const io = fakeIO({ stdin: body });
    expect(
      await main(
        ['webhooks', 'verify', '--json', '--secret', WEBHOOK_SECRET, ...old.flags],
        io,
        fakeDeps({ clock }),
      ),
    ).toBe(1);
    expect(JSON.parse(io.err()).error).toMatchObject({
      code: 'timestamp_too_old',
      detail: expect.stringContaining('Add --tolerance SECONDS'),
    });
    const wider = fakeIO({ stdin: body });
    const args = ['webhooks', 'verify', '--secret', WEBHOOK_SECRET, '--tolerance', '7200', ...old.flags];
    expect(await main(args, wider, fakeDeps({ clock }))).toBe(0);
  });

  it('is a usage error without a secret, with an API key for one, or without a piped body (exit 2)', async () => {
    const { clock, flags } = await delivery();
    const none = fakeIO({ stdin: body });
    expect(await main(['webhooks', 'verify', ...flags], none, fakeDeps({ clock }))).toBe(2);
    expect(none.err()).toContain('--secret or MOLAM_WEBHOOK_SECRET');
    const apiKey = fakeIO({ stdin: body });
    expect(
      await main(
        ['webhooks', 'verify', '--secret', 'mk_test_abcdefgh12345678', ...flags],
        apiKey,
        fakeDeps({ clock }),
      ),
    ).toBe(2);
    expect(apiKey.err()).toContain('that is an API key');
    const tty = fakeIO({ stdinTTY: true });
    expect(
      await main(['webhooks', 'verify', '--secret', WEBHOOK_SECRET, ...flags], tty, fakeDeps({ clock })),
    ).toBe(2);
    expect(tty.err()).toContain('Pipe the raw body');
    expect(
      await main(['webhooks', 'verify', '--secret', WEBHOOK_SECRET], fakeIO({ stdin: body }), fakeDeps()),
    ).toBe(2);
  });
});
