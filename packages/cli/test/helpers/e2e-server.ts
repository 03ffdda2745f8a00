import { join } from 'node:path';
import type { RunningServer, ServerModule } from '../../src/api/server.js';
import { tempDir } from './fake-io.js';
import { assertBuilt, runBin } from './run-bin.js';

/** Fails, rather than skips, while the server package cannot start a server: these tests must run. */
async function loadServer(): Promise<ServerModule> {
  let loaded: Partial<ServerModule>;
  try {
    loaded = await import('@molam/server');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `@molam/server cannot be loaded (build it: pnpm --filter @molam/server build): ${reason}`,
    );
  }
  if (typeof loaded.startServer !== 'function') {
    throw new Error('@molam/server does not export startServer yet; this end-to-end test needs it.');
  }
  return loaded as ServerModule;
}

export interface E2eServer {
  server: RunningServer;
  /** The environment the built CLI runs with: its own config folder. */
  env: Record<string, string>;
  configDir: string;
  /** Runs the built CLI and parses its --json answer, failing with its stderr when it did not exit 0. */
  json<T>(args: string[], input?: string): Promise<T>;
  close(): Promise<void>;
}

/** A real server in this process (in-memory database, fast workers) and a config folder for the CLI. */
export async function startE2eServer(): Promise<E2eServer> {
  assertBuilt();
  const { startServer } = await loadServer();
  const { DATABASE_URL: _ignored, ...processEnv } = process.env;
  const server = await startServer({
    port: 0,
    dataDir: 'memory://',
    env: {
      ...processEnv,
      LOG_LEVEL: 'silent',
      // Workers poll fast and the sandbox settles within a second, so `--wait` ends quickly.
      JOB_POLL_MS: '50',
      SANDBOX_PENDING_SECONDS: '1',
      RATE_LIMIT_MAX: '100000',
    },
  });
  const dir = await tempDir();
  const env = { MOLAM_CONFIG_DIR: join(dir.path, 'molam') };
  return {
    server,
    env,
    configDir: dir.path,
    async json<T>(args: string[], input?: string): Promise<T> {
      const result = await runBin([...args, '--json'], { env, ...(input === undefined ? {} : { input }) });
      if (result.code !== 0)
        throw new Error(`molam ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    async close() {
      await server.close();
      await dir.cleanup();
    },
  };
}
