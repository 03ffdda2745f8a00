import { describe, expect, it } from 'vitest';
import { run as health } from '../src/commands/health.js';
import { fakeClient, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';

describe('molam health', () => {
  it('reports a healthy server without sending a key', async () => {
    const deps = fakeDeps({
      client: fakeClient({ health: async () => ({ status: 'healthy', database: 'up', version: '0.1.0' }) }),
    });
    const io = fakeIO({ env: { MOLAM_API_KEY: 'mk_test_envENVenvENVenv', MOLAM_BASE_URL: 'http://h.test' } });
    await health({ json: false }, io, deps);
    expect(deps.clientOptions).toEqual([{ apiKey: undefined, baseUrl: 'http://h.test' }]);
    expect(io.out()).toContain('status    healthy');
  });

  it('prints the answer and fails when the server is unhealthy', async () => {
    const deps = fakeDeps({
      client: fakeClient({
        health: async () => ({ status: 'unhealthy', database: 'down', version: '0.1.0' }),
      }),
    });
    const io = fakeIO({ env: { MOLAM_CONFIG_DIR: '/nonexistent/molam' } });
    await expect(health({ json: true }, io, deps)).rejects.toMatchObject({ code: 'unhealthy' });
    expect(JSON.parse(io.out())).toEqual({ status: 'unhealthy', database: 'down', version: '0.1.0' });
  });
});
