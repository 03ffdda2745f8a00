import { MolamConnectionError, MolamValidationError } from '@molam/sdk';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { fakeClient, fakeDeps } from './helpers/fake-deps.js';
import { fakeIO } from './helpers/fake-io.js';

const KEY = 'mk_test_ab12cd34EFGH5678ijkl9012MNOP3456';
const env = { MOLAM_API_KEY: KEY, MOLAM_CONFIG_DIR: '/nonexistent/molam' };

const invalid = new MolamValidationError({
  status: 400,
  code: 'validation_failed',
  title: 'Validation failed',
  detail: 'The request has 1 invalid field.',
  requestId: 'req_1',
  errors: [{ field: 'body.country', message: 'must match pattern ^[A-Z]{2}$', code: 'pattern' }],
});

function failingCreate(error: Error) {
  return fakeDeps({ client: fakeClient({ merchants: { create: async () => Promise.reject(error) } }) });
}

const CREATE = ['merchants', 'create', '--name', 'Shop', '--country', 'ZM', '--currency', 'ZMW'];

describe('main', () => {
  it('exits 2 on usage errors, with a pointer to the help of the command', async () => {
    const io = fakeIO({ env });
    expect(await main(['keys', 'list', '--limit', '0'], io, fakeDeps())).toBe(2);
    expect(io.err()).toContain('Run "molam keys list --help" for usage.');
    expect(io.out()).toBe('');
    expect(await main(['nope'], fakeIO({ env }), fakeDeps())).toBe(2);
    expect(await main(['keys'], fakeIO({ env }), fakeDeps())).toBe(2);
  });

  it('exits 0 for --help and --version', async () => {
    const io = fakeIO();
    expect(await main(['--version'], io, fakeDeps())).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await main(['keys', 'create', '--help'], fakeIO(), fakeDeps())).toBe(0);
  });

  it('renders an API error with its fields and request id, exit 1', async () => {
    const io = fakeIO({ env });
    expect(await main(CREATE, io, failingCreate(invalid))).toBe(1);
    expect(io.err()).toBe(
      'Error: Validation failed: The request has 1 invalid field. (HTTP 400, validation_failed)\n' +
        '  body.country: must match pattern ^[A-Z]{2}$\nRequest id: req_1\n',
    );
  });

  it('in --json mode keeps stdout empty and writes one JSON error line to stderr', async () => {
    const io = fakeIO({ env });
    expect(await main(['--json', ...CREATE], io, failingCreate(invalid))).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(io.err())).toEqual({
      error: {
        code: 'validation_failed',
        status: 400,
        title: 'Validation failed',
        detail: 'The request has 1 invalid field.',
        request_id: 'req_1',
        errors: [{ field: 'body.country', message: 'must match pattern ^[A-Z]{2}$', code: 'pattern' }],
      },
    });
  });

  it('reports usage errors as JSON too, even those commander finds, and for a missing subcommand', async () => {
    for (const argv of [
      ['keys', 'list', '--json', '--limit', 'x'],
      ['--json', 'keys'],
      ['--json', 'bogus'],
    ]) {
      const io = fakeIO({ env });
      expect(await main(argv, io, fakeDeps())).toBe(2);
      expect(io.out()).toBe('');
      expect(JSON.parse(io.err()).error).toMatchObject({ code: 'usage_error', status: null });
    }
  });

  it('masks a key that an error message happens to contain', async () => {
    const leaky = new MolamConnectionError({
      status: 0,
      code: 'connection_error',
      title: 'Connection failed',
      detail: `bad ${KEY}`,
    });
    const io = fakeIO({ env });
    expect(await main(CREATE, io, failingCreate(leaky))).toBe(1);
    expect(io.err()).toContain('mk_test_ab12…');
    expect(io.err()).not.toContain(KEY);
    // The hint names where the request went, and where that URL came from.
    expect(io.err()).toContain(
      'Nothing answers at http://localhost:8080 (the default URL (profile "default" names none)).',
    );
    expect(io.err()).toContain('"molam config list" shows every profile and its URL');
  });

  it('turns colour on only for a terminal without NO_COLOR or --no-color', async () => {
    const colour = async (argv: string[], tty: boolean, extraEnv: Record<string, string> = {}) => {
      const io = fakeIO({ env: { ...env, ...extraEnv }, stdoutTTY: tty });
      await main(argv, io, fakeDeps());
      return io.color;
    };
    expect(await colour(['config', 'list'], true)).toBe(true);
    expect(await colour(['config', 'list'], false)).toBe(false);
    expect(await colour(['config', 'list'], true, { NO_COLOR: '1' })).toBe(false);
    expect(await colour(['--no-color', 'config', 'list'], true)).toBe(false);
  });
});
