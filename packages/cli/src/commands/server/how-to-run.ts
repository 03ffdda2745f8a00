import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this CLI runs from (its root has the workspace and a `molam` script), or null once installed. */
function repositoryRoot(file: string): string | null {
  let dir = dirname(file);
  for (let depth = 0; depth < 5; depth++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(manifest)) {
      try {
        const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> })
          .scripts;
        return scripts?.molam ? dir : null;
      } catch {
        return null;
      }
    }
    dir = dirname(dir);
  }
  return null;
}

/**
 * How someone at `cwd` runs this CLI: `molam` once installed; from a clone, where `molam` is on no PATH,
 * `pnpm molam` inside the repository and `pnpm --dir <root> molam` elsewhere.
 */
export function molamCommand(cwd: string, file: string = fileURLToPath(import.meta.url)): string {
  const root = repositoryRoot(file);
  if (root === null) return 'molam';
  const path = relative(root, cwd);
  const inside = path === '' || (!path.startsWith('..') && !isAbsolute(path));
  const quoted = /^[\w./-]+$/.test(root) ? root : `'${root.replaceAll("'", "'\\''")}'`;
  return inside ? 'pnpm molam' : `pnpm --dir ${quoted} molam`;
}
