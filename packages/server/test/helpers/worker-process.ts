import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/**
 * Starts `molam-server --role worker` (or another role) as a process of its own on a PostgreSQL database,
 * resolving once it listens: a second machine, as far as the database can tell, and one a test can SIGKILL.
 */
export async function startWorkerProcess(
  databaseUrl: string,
  env: Record<string, string>,
  role = 'worker',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, '--role', role, '--port', '0'], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, MOLAM_DATA_DIR: 'memory://' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      if (stderr.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
  });
  return child;
}
