// The migrated embedded database new sandboxes start from (see src/platform/db/template.ts): made in a
// temporary folder with every migration applied, then dumped beside its manifest into template/. Skipped when
// the template there already matches.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  currentTemplateManifest,
  migrateUp,
  openDatabase,
  templateArchivePath,
  templateManifestPath,
} from '../dist/index.js';

const manifest = JSON.stringify(currentTemplateManifest());
const current =
  existsSync(templateArchivePath()) &&
  existsSync(templateManifestPath()) &&
  readFileSync(templateManifestPath(), 'utf8') === manifest;
if (!current) {
  const dir = mkdtempSync(join(tmpdir(), 'molam-template-'));
  try {
    const db = await openDatabase({ dataDir: dir });
    await migrateUp(db);
    await db.close();
    const raw = await PGlite.create(dir);
    const archive = await raw.dumpDataDir('gzip');
    await raw.close();
    mkdirSync(join(templateArchivePath(), '..'), { recursive: true });
    writeFileSync(templateArchivePath(), Buffer.from(await archive.arrayBuffer()));
    writeFileSync(templateManifestPath(), manifest);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
