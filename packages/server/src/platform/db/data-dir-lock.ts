import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded database is one process's alone: a second process opening the same folder would corrupt it.
 * A pid file claims the folder; a stale one (its process gone) is taken over. Returns the release function.
 */
export function claimDataDir(dir: string): () => void {
  const lockFile = join(dir, 'molam.pid');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lockFile, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new AppError(
        409,
        'data_dir_in_use',
        `The embedded database in ${dir} is in use by process ${owner}. Stop it first, or use another --data-dir.`,
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}
