import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../errors.js';

/** What the lock file holds. `started` is null where the platform cannot tell processes apart (no /proc). */
interface LockRecord {
  pid: number;
  started: string | null;
  hostname: string;
}

/** A file we cannot make sense of, or a pre-JSON file holding only a pid. */
type Holder = LockRecord | { pid: number; legacy: true } | null;

const HAS_PROC = existsSync('/proc/self/stat');

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Who a pid is, beyond the number: the boot id plus the process start time (field 22 of /proc/<pid>/stat).
 * Pids are reused, after a reboot or simply over time; this pair is not. Null where /proc is unavailable.
 */
export function processIdentity(pid: number): string | null {
  const stat = HAS_PROC ? readOrNull(`/proc/${pid}/stat`) : null;
  if (stat === null) return null;
  // Field 2 is "(comm)" and comm may hold spaces and ')': the fields after it start past the LAST ')'.
  // There, index 0 is field 3 (state), so field 22 (starttime) is index 19.
  const starttime = stat
    .slice(stat.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/)[19];
  if (starttime === undefined || !/^\d+$/.test(starttime)) return null;
  const bootId = readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? '';
  return `${bootId}:${starttime}`;
}

/** A legacy file names only a pid: without an identity to compare, only a Node process is taken for ours. */
const looksLikeNode = (pid: number): boolean => {
  if (!HAS_PROC) return true; // cannot tell: keep the old rule, alive ⇒ in use
  const cmdline = readOrNull(`/proc/${pid}/cmdline`);
  if (cmdline === null) return true; // unreadable (e.g. hidepid): stay on the safe side
  return basename(cmdline.split('\0')[0] ?? '').includes('node');
};

const parseHolder = (text: string): Holder => {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), legacy: true };
  try {
    const value = JSON.parse(trimmed) as Partial<LockRecord> | null;
    if (
      Number.isInteger(value?.pid) &&
      (value?.pid ?? 0) > 0 &&
      (typeof value?.started === 'string' || value?.started === null) &&
      typeof value?.hostname === 'string'
    ) {
      return value as LockRecord;
    }
  } catch {
    // garbage: falls through to null
  }
  return null;
};

/** Why the folder is still taken, or null when the file is stale and may be taken over. */
const stillHeld = (holder: Holder): string | null => {
  if (holder === null) return null;
  if ('hostname' in holder && holder.hostname !== hostname()) {
    // A shared (network) folder: we cannot check a process on another machine, so we must not steal it.
    return `by process ${holder.pid} on host ${holder.hostname} (it cannot be checked from here; if that host no longer uses it, delete molam.pid)`;
  }
  if (holder.pid === process.pid || !isAlive(holder.pid)) return null;
  if ('legacy' in holder) return looksLikeNode(holder.pid) ? `by process ${holder.pid}` : null;
  const current = processIdentity(holder.pid);
  // Either side unknown means no /proc: fall back to alive ⇒ in use. Otherwise a mismatch is a reused pid.
  if (holder.started === null || current === null || holder.started === current) {
    return `by process ${holder.pid}`;
  }
  return null;
};

/**
 * The embedded database is one process's alone: a second process opening the same folder would corrupt it.
 * A lock file claims the folder; a stale one (its process gone, or its pid now another program's) is taken
 * over. Returns the release function.
 */
export function claimDataDir(dir: string): () => void {
  const lockFile = join(dir, 'molam.pid');
  const mine = JSON.stringify({
    pid: process.pid,
    started: processIdentity(process.pid),
    hostname: hostname(),
  } satisfies LockRecord);
  try {
    writeFileSync(lockFile, mine, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = readOrNull(lockFile); // null: released meanwhile, so free
    const heldBy = existing === null ? null : stillHeld(parseHolder(existing));
    if (heldBy !== null) {
      throw new AppError(
        409,
        'data_dir_in_use',
        `The embedded database in ${dir} is in use ${heldBy}. Stop it first, or use another --data-dir.`,
      );
    }
    writeFileSync(lockFile, mine);
  }
  // Only remove our own record: a process that took over a lock it found stale keeps its claim.
  return () => {
    if (readOrNull(lockFile) === mine) rmSync(lockFile, { force: true });
  };
}
