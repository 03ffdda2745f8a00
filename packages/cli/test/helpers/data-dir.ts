import { join } from 'node:path';
import { tempDir } from './fake-io.js';
import { runBin } from './run-bin.js';

type ServerDatabase = Awaited<ReturnType<typeof import('@molam/server')['openDatabase']>>;

export interface MigratedDataDir {
  dataDir: string;
  /** Runs `work` on the database with the server's own code (as a worker would write it), then closes it. */
  write(work: (db: ServerDatabase) => Promise<void>): Promise<void>;
  cleanup(): Promise<void>;
}

/** An embedded database in a temporary folder, migrated by the built CLI (`molam migrate up`). */
export async function migratedDataDir(): Promise<MigratedDataDir> {
  const dir = await tempDir();
  const dataDir = join(dir.path, 'data');
  const migrated = await runBin(['migrate', 'up', '--data-dir', dataDir], { env: {} });
  if (migrated.code !== 0) throw new Error(`molam migrate up exited ${migrated.code}: ${migrated.stderr}`);
  return {
    dataDir,
    async write(work) {
      const { openDatabase } = await import('@molam/server');
      const db = await openDatabase({ dataDir });
      try {
        await work(db);
      } finally {
        await db.close();
      }
    },
    cleanup: () => dir.cleanup(),
  };
}
