import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMolam } from '../src/index.js';
import { BASE_URL, useMswServer } from './support.js';

const server = useMswServer();
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl';

describe('user tokens', () => {
  it('sends an accessToken as the bearer, and logs it out', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${BASE_URL}/api/v1/whoami`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({
          key_id: null,
          user_id: 'usr_1',
          merchant_id: null,
          mode: 'live',
          scopes: [],
        });
      }),
      http.post(`${BASE_URL}/api/v1/auth/logout`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const molam = createMolam({ accessToken: TOKEN, baseUrl: BASE_URL });
    expect((await molam.whoami()).user_id).toBe('usr_1');
    await molam.auth.logout();
    expect(seen).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('takes an API key or a user token, not both, and never shows either in the error', () => {
    expect(() => createMolam({ apiKey: 'mk_test_secret123', accessToken: TOKEN })).toThrow(
      /give `apiKey` or `accessToken`, not both/,
    );
    expect(() => createMolam({ accessToken: `${TOKEN}\n` })).toThrow(/`accessToken` contains spaces/);
    try {
      createMolam({ apiKey: 'mk_test_secret123', accessToken: TOKEN });
    } catch (error) {
      expect(String(error)).not.toContain('secret123');
      expect(String(error)).not.toContain(TOKEN);
    }
  });

  it('mints a development token with an admin key', async () => {
    server.use(
      http.post(`${BASE_URL}/api/v1/dev/tokens`, async ({ request }) => {
        expect(await request.json()).toEqual({ user_id: 'usr_2', roles: ['merchant_viewer'] });
        return HttpResponse.json(
          { object: 'dev_token', token: TOKEN, token_type: 'Bearer', expires_at: '2026-12-01T10:00:00Z' },
          { status: 201 },
        );
      }),
    );
    const molam = createMolam({ apiKey: 'mk_test_admin123', baseUrl: BASE_URL });
    const minted = await molam.auth.createDevToken({ user_id: 'usr_2', roles: ['merchant_viewer'] });
    expect(minted.token).toBe(TOKEN);
  });
});

describe('pay entry', () => {
  const entry = {
    object: 'pay_entry',
    user_id: 'usr_1',
    preferred_module: 'connect',
    preferred_module_source: 'sira',
    last_module_used: 'wallet',
    modules_enabled: ['wallet', 'connect'],
    auto_redirect: true,
    country: 'SN',
    currency: 'XOF',
    lang: 'fr',
    updated_at: '2026-12-07T09:30:00Z',
  } as const;

  it('reads and changes the user’s preferences with the user’s token', async () => {
    const seen: unknown[] = [];
    server.use(
      http.get(`${BASE_URL}/api/pay/entry`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(entry);
      }),
      http.post(`${BASE_URL}/api/pay/entry`, async ({ request }) => {
        seen.push(await request.json());
        return HttpResponse.json({ ...entry, auto_redirect: false, preferred_module_source: 'preference' });
      }),
    );
    const molam = createMolam({ accessToken: TOKEN, baseUrl: BASE_URL });
    expect(await molam.payEntry.get()).toEqual(entry);
    const changed = await molam.payEntry.update({ auto_redirect: false });
    expect(changed.preferred_module_source).toBe('preference');
    expect(seen).toEqual([`Bearer ${TOKEN}`, { auto_redirect: false }]);
  });

  it('rejects an API key’s call with the server’s code', async () => {
    server.use(
      http.get(`${BASE_URL}/api/pay/entry`, () =>
        HttpResponse.json(
          {
            type: 'https://molam.dev/problems/user_token_required',
            title: 'Forbidden',
            status: 403,
            code: 'user_token_required',
            detail: 'This operation acts for a Molam ID user.',
            request_id: 'req_1',
          },
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const molam = createMolam({ apiKey: 'mk_test_key123', baseUrl: BASE_URL });
    await expect(molam.payEntry.get()).rejects.toMatchObject({ status: 403, code: 'user_token_required' });
  });
});

describe('sign-in links', () => {
  it('mints with the admin key, and redeems with no credentials at all', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.post(`${BASE_URL}/api/v1/dev/sign-in-links`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(
          {
            object: 'sign_in_link',
            merchant_id: 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
            path: '/dashboard/#code=abcdefghijklmnopqrstuvwx',
            expires_at: '2026-12-07T10:00:00Z',
          },
          { status: 201 },
        );
      }),
      http.post(`${BASE_URL}/api/v1/dev/sign-in-links/redeem`, async ({ request }) => {
        seen.push(request.headers.get('authorization'));
        expect(await request.json()).toEqual({ code: 'abcdefghijklmnopqrstuvwx' });
        return HttpResponse.json(
          {
            object: 'sign_in',
            merchant_id: 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
            key_id: 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G',
            secret: 'mk_test_dashboardDashboard000000',
            expires_at: '2026-12-08T10:00:00Z',
          },
          { status: 201 },
        );
      }),
    );
    const admin = createMolam({ apiKey: 'mk_test_admin123', baseUrl: BASE_URL });
    const link = await admin.auth.createSignInLink({ merchant_id: 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G' });
    const anonymous = createMolam({ baseUrl: BASE_URL });
    const signIn = await anonymous.auth.redeemSignInLink(link.path.split('#code=')[1] ?? '');
    expect(signIn.secret).toBe('mk_test_dashboardDashboard000000');
    expect(seen).toEqual(['Bearer mk_test_admin123', null]);
  });
});
