import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDataDir, processIdentity } from '../src/platform/db/data-dir-lock.js';
import { AppError } from '../src/platform/errors.js';

const hasProc = existsSync('/proc/self/stat');
const pid1IsNode =
  hasProc && basename(readFileSync('/proc/1/cmdline', 'utf8').split('\0')[0] ?? '').includes('node');

let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

/** A long-lived Node child, resolved once it runs (spawn has exec'd, so its /proc entry is final). */
function spawnNode(script = 'setInterval(() => {}, 1000)'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

const record = (pid: number, started: string | null, host = hostname()): string =>
  JSON.stringify({ pid, started, hostname: host });

const expectOurs = (): void => {
  const held = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; hostname: string };
  expect(held.pid).toBe(process.pid);
  expect(held.hostname).toBe(hostname());
};

const expectInUse = (pattern: RegExp): void => {
  try {
    claimDataDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    expect((error as AppError).code).toBe('data_dir_in_use');
    expect((error as AppError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected data_dir_in_use');
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'molam-lock-'));
  lockFile = join(dir, 'molam.pid');
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('claimDataDir', () => {
  it('creates the lock file with our record, and release removes it', () => {
    const release = claimDataDir(dir);
    expectOurs();
    const held = JSON.parse(readFileSync(lockFile, 'utf8')) as { started: string | null };
    expect(held.started).toBe(processIdentity(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('release leaves a lock that another process has since taken over', () => {
    const release = claimDataDir(dir);
    writeFileSync(lockFile, record(process.pid + 1, 'someone-else'));
    release();
    expect(existsSync(lockFile)).toBe(true);
  });

  it('refuses while another live process holds the folder', async () => {
    const child = await spawnNode();
    const pid = child.pid!;
    writeFileSync(lockFile, record(pid, processIdentity(pid)));
    expectInUse(new RegExp(`process ${pid}\\b`));
    expect(readFileSync(lockFile, 'utf8')).toBe(record(pid, processIdentity(pid)));
  });

  it('refuses a lock from another host, which it cannot check', () => {
    writeFileSync(lockFile, record(process.pid + 1, 'x:1', `${hostname()}-elsewhere`));
    expectInUse(/on host .*-elsewhere.*cannot be checked/);
  });

  it.skipIf(!hasProc)('takes over a live pid whose start identity differs (pid reused)', async () => {
    const child = await spawnNode();
    writeFileSync(lockFile, record(child.pid!, `${processIdentity(child.pid!)}0`));
    claimDataDir(dir);
    expectOurs();
  });

  it.skipIf(!hasProc)('takes over a record naming pid 1 from another boot', () => {
    writeFileSync(lockFile, record(1, 'another-boot:1'));
    claimDataDir(dir);
    expectOurs();
  });

  it('takes over a dead pid', async () => {
    const child = await spawnNode('');
    const pid = child.pid!;
    const started = processIdentity(pid);
    await exited(child);
    writeFileSync(lockFile, record(pid, started));
    claimDataDir(dir);
    expectOurs();
  });

  it('takes over garbage', () => {
    writeFileSync(lockFile, 'not a lock {');
    claimDataDir(dir);
    expectOurs();
  });

  it('takes over a lock file emptied or half-written', () => {
    writeFileSync(lockFile, '{"pid": 12');
    claimDataDir(dir);
    expectOurs();
  });

  it.skipIf(!hasProc || pid1IsNode)('takes over a legacy plain pid of a live non-Node process', () => {
    writeFileSync(lockFile, '1');
    claimDataDir(dir);
    expectOurs();
  });

  it('refuses a legacy plain pid of a live Node process', async () => {
    const child = await spawnNode();
    writeFileSync(lockFile, String(child.pid));
    expectInUse(new RegExp(`process ${child.pid}\\b`));
  });

  it('takes over a legacy plain pid that is dead', async () => {
    const child = await spawnNode('');
    await exited(child);
    writeFileSync(lockFile, String(child.pid));
    claimDataDir(dir);
    expectOurs();
  });
});
