// The migrated embedded database new sandboxes start from (see src/platform/db/template.ts): made in a
// temporary folder with every migration applied, then dumped beside its manifest into template/.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  currentTemplateManifest,
  migrateUp,
  openDatabase,
  templateArchivePath,
  templateManifestPath,
  usableTemplate,
} from '../dist/index.js';

// Rebuilt unless the one there is whole and matches (its archive's checksum included).
if (!usableTemplate()) {
  const dir = mkdtempSync(join(tmpdir(), 'molam-template-'));
  try {
    const db = await openDatabase({ dataDir: dir });
    await migrateUp(db);
    await db.close();
    const raw = await PGlite.create(dir);
    const archive = Buffer.from(await (await raw.dumpDataDir('gzip')).arrayBuffer());
    await raw.close();
    mkdirSync(join(templateArchivePath(), '..'), { recursive: true });
    // The manifest goes first and comes back last: a template half-written by a crash is never used.
    rmSync(templateManifestPath(), { force: true });
    writeFileSync(`${templateArchivePath()}.tmp`, archive);
    renameSync(`${templateArchivePath()}.tmp`, templateArchivePath());
    const manifest = {
      ...currentTemplateManifest(),
      archiveSha256: createHash('sha256').update(archive).digest('hex'),
    };
    writeFileSync(`${templateManifestPath()}.tmp`, JSON.stringify(manifest));
    renameSync(`${templateManifestPath()}.tmp`, templateManifestPath());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
