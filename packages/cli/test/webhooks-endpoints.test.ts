import type {
  EventListParams,
  EventResendParams,
  ListParams,
  RequestOptions,
  WebhookEndpointCreateParams,
  WebhookEndpointUpdateParams,
} from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { fakeClient, fakeDeps, pagesOf } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';
import {
  DELIVERY_ID,
  delivery,
  ENDPOINT_ID,
  EVENT_ID,
  event,
  record,
  SECRET,
  WEBHOOK_SECRET,
  webhookEndpoint,
  webhookEndpointWithSecret,
} from './helpers/fixtures.js';

const env = {
  MOLAM_API_KEY: SECRET,
  MOLAM_BASE_URL: 'http://api.test',
  MOLAM_CONFIG_DIR: '/nonexistent/molam',
};

describe('molam webhooks endpoints', () => {
  it('creates an endpoint for every event by default and prints its secret once', async () => {
    const calls: [WebhookEndpointCreateParams, RequestOptions | undefined][] = [];
    const client = fakeClient({
      webhookEndpoints: {
        create: async (body, opts) => record(calls, [body, opts], webhookEndpointWithSecret()),
      },
    });
    const io = fakeIO({ env });
    const args = ['webhooks', 'endpoints', 'create', '--url', 'https://shop.example.com/hooks/molam'];
    expect(await main(args, io, fakeDeps({ client }))).toBe(0);
    expect(calls).toEqual([
      [{ url: 'https://shop.example.com/hooks/molam', enabled_events: ['*'] }, undefined],
    ]);
    expect(io.out()).toContain(`secret       ${WEBHOOK_SECRET}`);
    expect(io.err()).toContain('not shown again');

    const chosen = fakeIO({ env });
    const more = [...args, '--events', 'payment.succeeded', '--events', 'payment.failed,payment.succeeded'];
    await main(
      [...more, '--description', 'shop', '--idempotency-key', 'endpoint-1', '--json'],
      chosen,
      fakeDeps({ client }),
    );
    expect(calls[1]).toEqual([
      {
        url: 'https://shop.example.com/hooks/molam',
        enabled_events: ['payment.succeeded', 'payment.failed'],
        description: 'shop',
      },
      { idempotencyKey: 'endpoint-1' },
    ]);
    expect(JSON.parse(chosen.out())).toMatchObject({ id: ENDPOINT_ID, secret: WEBHOOK_SECRET });
  });

  it('asks for the URL on a terminal; refuses bad values before sending (exit 2)', async () => {
    const client = fakeClient({ webhookEndpoints: { create: async () => webhookEndpointWithSecret() } });
    const deps = fakeDeps({ client, answers: { text: ['http://localhost:3000/hooks'] } });
    expect(await main(['webhooks', 'endpoints', 'create'], fakeIO({ env, stdinTTY: true }), deps)).toBe(0);
    expect(deps.questions).toEqual(['Endpoint URL (where Molam POSTs your events):']);
    const refused = fakeDeps();
    expect(await main(['webhooks', 'endpoints', 'create'], fakeIO({ env }), refused)).toBe(2);
    expect(
      await main(['webhooks', 'endpoints', 'create', '--url', 'ftp://x'], fakeIO({ env }), refused),
    ).toBe(2);
    const star = fakeIO({ env });
    expect(
      await main(
        ['webhooks', 'endpoints', 'create', '--url', 'https://x.test', '--events', '*,payment.failed'],
        star,
        refused,
      ),
    ).toBe(2);
    expect(star.err()).toContain('"*" means every event type');
    expect(refused.clientOptions).toEqual([]);
  });

  it('lists, gets and updates endpoints', async () => {
    const updates: [string, WebhookEndpointUpdateParams][] = [];
    const seen: (ListParams | undefined)[] = [];
    const client = fakeClient({
      webhookEndpoints: {
        list: (params) => record(seen, params, pagesOf([[webhookEndpoint()]])),
        get: async () => webhookEndpoint({ status: 'disabled', disabled_reason: '410 Gone' }),
        update: async (id, body) => record(updates, [id, body], webhookEndpoint()),
      },
    });
    const list = fakeIO({ env });
    await main(['webhooks', 'endpoints', 'list', '--limit', '5'], list, fakeDeps({ client }));
    expect(seen).toEqual([{ limit: 5 }]);
    expect(list.out().split('\t').slice(0, 4)).toEqual([
      ENDPOINT_ID,
      'https://shop.example.com/hooks/molam',
      'payment.succeeded,payment.failed',
      'enabled',
    ]);
    const get = fakeIO({ env });
    await main(['webhooks', 'endpoints', 'get', ENDPOINT_ID], get, fakeDeps({ client }));
    expect(get.out()).toContain('disabled because  410 Gone');
    expect(get.out()).not.toContain('whsec_');

    const update = ['webhooks', 'endpoints', 'update', ENDPOINT_ID];
    await main(
      [...update, '--status', 'disabled', '--clear-description', '--events', '*'],
      fakeIO({ env }),
      fakeDeps({ client }),
    );
    await main(
      [...update, '--url', 'https://new.example/h', '--description', 'd'],
      fakeIO({ env }),
      fakeDeps({ client }),
    );
    expect(updates).toEqual([
      [ENDPOINT_ID, { enabled_events: ['*'], description: null, status: 'disabled' }],
      [ENDPOINT_ID, { url: 'https://new.example/h', description: 'd' }],
    ]);
    const nothing = fakeIO({ env });
    expect(await main(update, nothing, fakeDeps({ client }))).toBe(2);
    expect(nothing.err()).toContain('Nothing to update');
  });

  it('deletes and rotates only after a confirmation, or with --yes', async () => {
    const calls: string[] = [];
    const client = fakeClient({
      webhookEndpoints: {
        delete: async (id) =>
          record(calls, `delete ${id}`, { id, object: 'webhook_endpoint', deleted: true as const }),
        rotateSecret: async (id) => record(calls, `rotate ${id}`, webhookEndpointWithSecret()),
      },
    });
    const piped = fakeIO({ env });
    expect(await main(['webhooks', 'endpoints', 'delete', ENDPOINT_ID], piped, fakeDeps({ client }))).toBe(2);
    expect(piped.err()).toContain('Pass --yes');
    expect(
      await main(
        ['webhooks', 'endpoints', 'rotate-secret', ENDPOINT_ID],
        fakeIO({ env }),
        fakeDeps({ client }),
      ),
    ).toBe(2);
    expect(calls).toEqual([]);

    const declined = fakeDeps({ client, answers: { confirm: [false] } });
    expect(
      await main(['webhooks', 'endpoints', 'delete', ENDPOINT_ID], fakeIO({ env, stdinTTY: true }), declined),
    ).toBe(1);
    expect(declined.questions[0]).toContain(`Delete webhook endpoint ${ENDPOINT_ID}?`);
    expect(calls).toEqual([]);

    const deleted = fakeIO({ env });
    expect(
      await main(['webhooks', 'endpoints', 'delete', ENDPOINT_ID, '--yes'], deleted, fakeDeps({ client })),
    ).toBe(0);
    expect(deleted.err()).toContain(`Deleted webhook endpoint ${ENDPOINT_ID}.`);
    const confirmed = fakeDeps({ client, answers: { confirm: [true] } });
    const rotated = fakeIO({ env, stdinTTY: true });
    expect(await main(['webhooks', 'endpoints', 'rotate-secret', ENDPOINT_ID], rotated, confirmed)).toBe(0);
    expect(confirmed.questions[0]).toContain('The old secret keeps signing for 24 hours.');
    expect(rotated.out()).toContain(WEBHOOK_SECRET);
    expect(calls).toEqual([`delete ${ENDPOINT_ID}`, `rotate ${ENDPOINT_ID}`]);
  });
});

describe('molam webhooks deliveries and recover', () => {
  it('lists, shows and retries deliveries', async () => {
    const calls: unknown[] = [];
    const client = fakeClient({
      webhookEndpoints: {
        listDeliveries: (id, params) => record(calls, ['list', id, params], pagesOf([[delivery()]])),
        getDelivery: async (id, deliveryId) => record(calls, ['get', id, deliveryId], delivery()),
        retryDelivery: async (id, deliveryId) =>
          record(calls, ['retry', id, deliveryId], delivery({ status: 'pending' })),
      },
    });
    const list = fakeIO({ env });
    await main(['webhooks', 'deliveries', 'list', ENDPOINT_ID, '--limit', '3'], list, fakeDeps({ client }));
    expect(list.out()).toContain(`${DELIVERY_ID}\t${EVENT_ID}\tpayment.succeeded\tfailed\t1\t500\t`);
    const get = fakeIO({ env });
    await main(['webhooks', 'deliveries', 'get', ENDPOINT_ID, DELIVERY_ID], get, fakeDeps({ client }));
    expect(get.out()).toContain('2026-11-22T09:30:01.000Z\t500\t42 ms\t-');
    expect(get.err()).toContain('Last answer: oops');
    const retry = fakeIO({ env });
    await main(
      ['webhooks', 'deliveries', 'retry', ENDPOINT_ID, DELIVERY_ID, '--json'],
      retry,
      fakeDeps({ client }),
    );
    expect(JSON.parse(retry.out())).toMatchObject({ id: DELIVERY_ID, status: 'pending' });
    expect(calls).toEqual([
      ['list', ENDPOINT_ID, { limit: 3 }],
      ['get', ENDPOINT_ID, DELIVERY_ID],
      ['retry', ENDPOINT_ID, DELIVERY_ID],
    ]);
  });

  it('recovers the deliveries failed since a time', async () => {
    const calls: unknown[] = [];
    const client = fakeClient({
      webhookEndpoints: {
        recover: async (id, body) =>
          record(calls, [id, body], { object: 'webhook_recovery' as const, queued: 3 }),
      },
    });
    const io = fakeIO({ env });
    const args = ['webhooks', 'recover', ENDPOINT_ID, '--since', '2026-11-21T01:00:00+01:00'];
    expect(await main(args, io, fakeDeps({ client }))).toBe(0);
    expect(calls).toEqual([[ENDPOINT_ID, { since: '2026-11-21T00:00:00.000Z' }]]);
    expect(io.err()).toContain(`Queued 3 failed deliveries to ${ENDPOINT_ID} again`);
    expect(await main(['webhooks', 'recover', ENDPOINT_ID], fakeIO({ env }), fakeDeps({ client }))).toBe(2);
    expect(
      await main(
        ['webhooks', 'recover', ENDPOINT_ID, '--since', 'yesterday'],
        fakeIO({ env }),
        fakeDeps({ client }),
      ),
    ).toBe(2);
  });
});

describe('molam events', () => {
  it('lists with filters, gets and resends', async () => {
    const listed: (EventListParams | undefined)[] = [];
    const resent: [string, EventResendParams | undefined][] = [];
    const client = fakeClient({
      events: {
        list: (params) => record(listed, params, pagesOf([[event()]])),
        get: async () => event(),
        resend: async (id, params) =>
          record(resent, [id, params], {
            object: 'list' as const,
            data: [delivery({ status: 'pending' })],
            has_more: false,
            next_cursor: null,
          }),
      },
    });
    const list = fakeIO({ env });
    const args = ['events', 'list', '--type', 'payment.succeeded', '--since', '2026-11-01T00:00:00Z'];
    await main(args, list, fakeDeps({ client }));
    expect(listed).toEqual([{ type: 'payment.succeeded', created_gte: '2026-11-01T00:00:00.000Z' }]);
    expect(list.out()).toBe(
      `${EVENT_ID}\tpayment.succeeded\tpayment pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G\t2026-11-22T09:30:02.000Z\n`,
    );

    const get = fakeIO({ env });
    await main(['events', 'get', EVENT_ID], get, fakeDeps({ client }));
    expect(get.out()).toContain('"status": "successful"');

    const resend = fakeIO({ env });
    await main(['events', 'resend', EVENT_ID, '--endpoint', ENDPOINT_ID], resend, fakeDeps({ client }));
    await main(['events', 'resend', EVENT_ID], fakeIO({ env }), fakeDeps({ client }));
    expect(resent).toEqual([
      [EVENT_ID, { endpoint_id: ENDPOINT_ID }],
      [EVENT_ID, undefined],
    ]);
    expect(resend.err()).toContain(`Queued 1 delivery of ${EVENT_ID}.`);
    expect(await main(['events', 'list', '--type', 'nope'], fakeIO({ env }), fakeDeps({ client }))).toBe(2);
  });
});
