import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@molam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const examples = join(import.meta.dirname, '..');
const cli = join(examples, '..', 'packages', 'cli', 'dist', 'bin.js');

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: 'memory://',
    env: { LOG_LEVEL: 'silent', JOB_POLL_MS: '50' },
  });
});
afterAll(() => server.close());

/** Async on purpose: the server runs in this process, so a blocking spawn would stop it from answering. */
function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: examples,
    env: {
      ...process.env,
      MOLAM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'molam-examples-')),
      NO_COLOR: '1',
      ...env,
    },
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
}

describe('examples', () => {
  it('sdk-quickstart.mjs runs against a sandbox server', async () => {
    const sandbox = server.sandbox!;
    const result = await run(process.execPath, ['sdk-quickstart.mjs'], {
      MOLAM_API_KEY: sandbox.merchantKey,
      MOLAM_BASE_URL: server.url,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`of merchant ${sandbox.merchantId}`);
    expect(result.stdout).toContain('The new key is listed.');
    expect(result.stdout).toMatch(/Revoked key_\w+: status revoked/);
  });

  it('sdk-payment.mjs collects a payment, and reports a rejected one', async () => {
    const env = { MOLAM_API_KEY: server.sandbox!.merchantKey, MOLAM_BASE_URL: server.url };
    const paid = await run(process.execPath, ['sdk-payment.mjs'], env);
    expect(paid.stderr).toBe('');
    expect(paid.status).toBe(0);
    expect(paid.stdout).toMatch(/Created pay_\w+: pending via sandbox/);
    expect(paid.stdout).toContain('Paid: 1250 ZMW');
    expect(paid.stdout).toContain('submit → accepted');
    const rejected = await run(process.execPath, ['sdk-payment.mjs', '46733123451'], env);
    expect(rejected.status).toBe(1);
    expect(rejected.stdout).toContain('Not paid: approval_rejected');
  });

  it('operator-runbook.sh runs against a sandbox server with the built CLI', async () => {
    const result = await run('bash', ['operator-runbook.sh'], {
      MOLAM_API_KEY: server.sandbox!.adminKey,
      MOLAM_BASE_URL: server.url,
      MOLAM: `${process.execPath} ${cli}`,
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/merchant mer_\w{26}/);
    expect(result.stdout).toContain('suspended\nactive');
    expect(result.stdout).toContain('revoked\nrevoked');
    expect(result.stdout).toContain('Runbook done.');
  });
});
