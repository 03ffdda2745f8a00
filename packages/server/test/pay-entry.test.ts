import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl, type SiraFake, startSiraFake } from './fakes/sira-fake.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

// Pay Entry (seed 000): a Molam ID user's own preferences, made from their token on the first visit, changed
// only in valid ways, every change in an immutable history; SIRA's hint within a hard budget, or a local one.

async function userToken(server: TestServer, userId: string, claims: Record<string, string> = {}) {
  const minted = await server.call('POST', '/api/v1/dev/tokens', {
    body: { user_id: userId, roles: ['customer'], ...claims },
  });
  expect(minted.status).toBe(201);
  return minted.body.token as string;
}

const auditRows = async (server: TestServer, userId: string) =>
  (
    await server.db.query<{ action: string; old_values: unknown; new_values: unknown; changed_by: string }>(
      'SELECT action, old_values, new_values, changed_by FROM pay_entry_audit_log WHERE user_id = $1 ORDER BY id',
      [userId],
    )
  ).rows;

describe('pay entry preferences', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('makes a new user’s preferences from the token’s claims on the first visit, once', async () => {
    const token = await userToken(server, 'usr_first', { country: 'SN', currency: 'XOF', lang: 'fr' });
    const first = await server.call('GET', '/api/pay/entry', { key: token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'pay_entry',
      user_id: 'usr_first',
      preferred_module: 'wallet',
      preferred_module_source: 'preference',
      last_module_used: null,
      modules_enabled: ['wallet', 'connect'],
      auto_redirect: false,
      country: 'SN',
      currency: 'XOF',
      lang: 'fr',
    });
    const again = await server.call('GET', '/api/pay/entry', { key: token });
    expect(again.body).toEqual(first.body);
    const audit = await auditRows(server, 'usr_first');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', old_values: null, changed_by: 'usr_first' });
  });

  it('makes one row and one history entry when a user’s first visits race', async () => {
    const token = await userToken(server, 'usr_race');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => server.call('GET', '/api/pay/entry', { key: token })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(await auditRows(server, 'usr_race')).toHaveLength(1);
  });

  it('changes what the request names, records old and new values, and ignores a change to the same values', async () => {
    const token = await userToken(server, 'usr_change');
    const changed = await server.call('POST', '/api/pay/entry', {
      key: token,
      body: {
        preferred_module: 'connect',
        modules_enabled: ['wallet', 'connect', 'eats'],
        auto_redirect: true,
      },
      headers: { 'user-agent': 'molam-app/1.0' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      preferred_module: 'connect',
      // No SIRA on this server: the user's own choice stands.
      preferred_module_source: 'preference',
      modules_enabled: ['wallet', 'connect', 'eats'],
      auto_redirect: true,
    });
    expect((await server.call('GET', '/api/pay/entry', { key: token })).body).toEqual(changed.body);

    const same = await server.call('POST', '/api/pay/entry', { key: token, body: { auto_redirect: true } });
    expect(same.body.updated_at).toBe(changed.body.updated_at);

    const audit = await auditRows(server, 'usr_change');
    expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({
      old_values: {
        preferred_module: 'wallet',
        modules_enabled: ['wallet', 'connect'],
        auto_redirect: false,
      },
      new_values: {
        preferred_module: 'connect',
        modules_enabled: ['wallet', 'connect', 'eats'],
        auto_redirect: true,
      },
    });
    const { rows } = await server.db.query<{ ip_address: string; user_agent: string; request_id: string }>(
      `SELECT ip_address, user_agent, request_id FROM pay_entry_audit_log WHERE user_id = 'usr_change' AND action = 'update'`,
    );
    expect(rows[0]).toMatchObject({
      user_agent: 'molam-app/1.0',
      request_id: changed.headers.get('x-request-id'),
    });
    expect(rows[0]?.ip_address).toMatch(/127\.0\.0\.1/);
  });

  it('refuses invalid changes with the field at fault, and changes nothing', async () => {
    const token = await userToken(server, 'usr_invalid');
    const before = await server.call('GET', '/api/pay/entry', { key: token });
    const post = (body: unknown) => server.call('POST', '/api/pay/entry', { key: token, body });

    const unknownModule = await post({ modules_enabled: ['wallet', 'casino'] });
    expectProblem(unknownModule, 400, 'unknown_module');
    expect(unknownModule.body.errors).toEqual([expect.objectContaining({ field: 'body.modules_enabled.1' })]);

    const notEnabled = await post({ preferred_module: 'eats' });
    expectProblem(notEnabled, 400, 'module_not_enabled');
    expect(notEnabled.body.errors[0].field).toBe('body.preferred_module');

    const dropsPreferred = await post({ modules_enabled: ['connect'] });
    expectProblem(dropsPreferred, 400, 'module_not_enabled');
    expect(dropsPreferred.body.errors[0].field).toBe('body.modules_enabled');

    for (const body of [
      { auto_redirect: 'true' },
      { auto_redirect: 1 },
      { modules_enabled: 'wallet' },
      { modules_enabled: ['wallet', 'wallet'] },
      { preferred_module: 42 },
      { theme: 'dark' },
      { user_id: 'someone_else' },
      {},
    ]) {
      expectProblem(await post(body), 400, 'validation_failed');
    }
    expect((await server.call('GET', '/api/pay/entry', { key: token })).body).toEqual(before.body);
    expect(await auditRows(server, 'usr_invalid')).toHaveLength(1);

    // Null is a valid preference (none), and the preferred module can then go.
    const none = await post({ preferred_module: null, modules_enabled: ['connect'] });
    expect(none.body).toMatchObject({ preferred_module: null, modules_enabled: ['connect'] });
  });

  it('belongs to users: API keys and anonymous callers are refused', async () => {
    expectProblem(await server.call('GET', '/api/pay/entry'), 403, 'user_token_required');
    expectProblem(
      await server.call('POST', '/api/pay/entry', { key: server.merchantKey, body: { auto_redirect: true } }),
      403,
      'user_token_required',
    );
    expectProblem(await server.call('GET', '/api/pay/entry', { key: null }), 401, 'unauthenticated');
    expectProblem(
      await server.call('GET', '/api/pay/entry', { key: 'eyJhbGciOiJub25lIn0.e30.' }),
      401,
      'invalid_user_token',
    );
  });

  it('keeps its history immutable', async () => {
    await server.call('GET', '/api/pay/entry', { key: await userToken(server, 'usr_history') });
    for (const statement of [
      `UPDATE pay_entry_audit_log SET changed_by = 'attacker' WHERE user_id = 'usr_history'`,
      `DELETE FROM pay_entry_audit_log WHERE user_id = 'usr_history'`,
      'TRUNCATE pay_entry_audit_log',
    ]) {
      await expect(server.db.query(statement)).rejects.toThrow(/append-only/);
    }
    expect(await auditRows(server, 'usr_history')).toHaveLength(1);
  });

  it('counts requests with the seed’s metric names, refusals included', async () => {
    const token = await userToken(server, 'usr_metrics');
    await server.call('GET', '/api/pay/entry', { key: token });
    await server.call('POST', '/api/pay/entry', { key: token, body: { auto_redirect: false } });
    await server.call('GET', '/api/pay/entry', { key: null });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = (method: string, status: string) =>
      new RegExp(
        `molam_pay_entry_requests_total\\{method="${method}",endpoint="/api/pay/entry",status="${status}"\\} [1-9]`,
      );
    expect(metrics).toMatch(line('GET', '200'));
    expect(metrics).toMatch(line('POST', '200'));
    expect(metrics).toMatch(line('GET', '401'));
    expect(metrics).toMatch(
      /molam_pay_entry_request_duration_seconds_count\{method="POST",endpoint="\/api\/pay\/entry"\} [1-9]/,
    );
    expect(metrics).toMatch(/^pg_pool_size /m);
    expect(metrics).toMatch(/^pg_pool_idle /m);
  });
});

describe('SIRA hints', () => {
  let sira: SiraFake;
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    sira = await startSiraFake();
    // A high threshold: these tests fail SIRA on purpose, and the breaker has its own test. A budget of 1 s
    // keeps the slow case short and still leaves a loaded machine time for the fake's quick answers.
    server = await startTestServer({
      SIRA_URL: sira.url,
      SIRA_TIMEOUT_MS: '1000',
      CIRCUIT_BREAKER_THRESHOLD: '100',
    });
    token = await userToken(server, 'usr_sira', { country: 'ZM', currency: 'ZMW', lang: 'en' });
    const setUp = await server.call('POST', '/api/pay/entry', {
      key: token,
      body: { modules_enabled: ['wallet', 'connect', 'eats'], auto_redirect: true },
    });
    expect(setUp.status).toBe(200);
    // Eats used most: the local recommendation.
    for (const module of ['eats', 'connect', 'eats']) {
      await server.call('POST', '/api/pay/entry', { key: token, body: { last_module_used: module } });
    }
  });
  afterAll(async () => {
    await server.close();
    await sira.close();
  });

  const entry = () => server.call('GET', '/api/pay/entry', { key: token });

  it('asks SIRA, which may override the preferred module', async () => {
    sira.behave({ kind: 'hint', module: 'connect' });
    const asked = sira.questions.length;
    const answer = await entry();
    expect(answer.body).toMatchObject({ preferred_module: 'connect', preferred_module_source: 'sira' });
    expect(sira.questions.slice(asked)).toEqual([
      {
        user_id: 'usr_sira',
        country: 'ZM',
        currency: 'ZMW',
        lang: 'en',
        modules_enabled: ['wallet', 'connect', 'eats'],
        preferred_module: 'wallet',
        last_module_used: 'eats',
      },
    ]);
  });

  it('keeps the preference when SIRA has no hint', async () => {
    sira.behave({ kind: 'hint', module: null });
    expect((await entry()).body).toMatchObject({
      preferred_module: 'wallet',
      preferred_module_source: 'preference',
    });
  });

  it('answers from the local recommendation when SIRA is slower than its budget, without waiting for it', async () => {
    sira.behave({ kind: 'slow' });
    const answer = await entry();
    // SIRA never answered: the response came from the fallback, while SIRA was still holding its answer.
    expect(answer.body).toMatchObject({ preferred_module: 'eats', preferred_module_source: 'fallback' });
    sira.release();
  });

  it.each([
    ['a 500', { kind: 'status', status: 500 }],
    ['garbage JSON', { kind: 'garbage' }],
    ['JSON of another shape', { kind: 'wrong_shape' }],
    ['a hint for a module the user has not enabled', { kind: 'hint', module: 'shop' }],
  ] as const)('falls back on %s', async (_name, behaviour) => {
    sira.behave(behaviour);
    expect((await entry()).body).toMatchObject({
      preferred_module: 'eats',
      preferred_module_source: 'fallback',
    });
  });

  it('answers a change with what was saved, without asking SIRA', async () => {
    sira.behave({ kind: 'hint', module: 'connect' });
    const asked = sira.questions.length;
    const reported = await server.call('POST', '/api/pay/entry', {
      key: token,
      body: { last_module_used: 'wallet' },
    });
    expect(reported.body).toMatchObject({
      preferred_module: 'wallet',
      preferred_module_source: 'preference',
    });
    expect(sira.questions.length).toBe(asked);
  });

  it('does not ask SIRA for users without auto-redirect', async () => {
    const other = await userToken(server, 'usr_no_redirect');
    const asked = sira.questions.length;
    expect((await server.call('GET', '/api/pay/entry', { key: other })).body.preferred_module_source).toBe(
      'preference',
    );
    expect(sira.questions.length).toBe(asked);
  });

  it('counts SIRA’s outcomes', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    for (const outcome of ['hint', 'no_hint', 'timeout', 'error', 'invalid', 'rejected']) {
      expect(metrics).toMatch(
        new RegExp(`molam_pay_entry_sira_requests_total\\{outcome="${outcome}"\\} [1-9]`),
      );
    }
  });
});

describe('SIRA’s circuit breaker', () => {
  it('falls back at once while SIRA is down, and stops calling it once its circuit opens', async () => {
    const server = await startTestServer({ SIRA_URL: await closedPortUrl(), CIRCUIT_BREAKER_THRESHOLD: '2' });
    try {
      const token = await userToken(server, 'usr_down');
      await server.call('POST', '/api/pay/entry', { key: token, body: { auto_redirect: true } });
      for (let i = 0; i < 4; i++) {
        expect((await server.call('GET', '/api/pay/entry', { key: token })).body).toMatchObject({
          preferred_module: 'wallet',
          preferred_module_source: 'fallback',
        });
      }
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      // The first two GETs found it down and opened the circuit; the next two did not call.
      expect(metrics).toMatch(/molam_pay_entry_sira_requests_total\{outcome="error"\} 2/);
      expect(metrics).toMatch(/molam_pay_entry_sira_requests_total\{outcome="breaker_open"\} 2/);
    } finally {
      await server.close();
    }
  });

  it('tries SIRA again after a while, and uses its hints once it answers', async () => {
    const sira = await startSiraFake();
    const server = await startTestServer({
      SIRA_URL: sira.url,
      CIRCUIT_BREAKER_THRESHOLD: '2',
      CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: '100',
    });
    try {
      const token = await userToken(server, 'usr_recover');
      await server.call('POST', '/api/pay/entry', { key: token, body: { auto_redirect: true } });
      const entry = () => server.call('GET', '/api/pay/entry', { key: token });
      sira.behave({ kind: 'status', status: 503 });
      await entry();
      await entry();
      const asked = sira.questions.length;
      expect((await entry()).body.preferred_module_source).toBe('fallback');
      // Open: that call never reached SIRA.
      expect(sira.questions.length).toBe(asked);

      sira.behave({ kind: 'hint', module: 'connect' });
      await waitFor(entry, (answer) => answer.body.preferred_module_source === 'sira');
    } finally {
      await server.close();
      await sira.close();
    }
  });
});
