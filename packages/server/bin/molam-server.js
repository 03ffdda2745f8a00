#!/usr/bin/env node
// The `molam-server` command's entry point. It exists before anything is built, so installing the workspace links it
// without warnings; the program itself is compiled into dist/.
import { existsSync } from 'node:fs';

const program = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(program)) {
  process.stderr.write('molam-server is not built yet: run `pnpm build` at the root of the repository.\n');
  process.exit(1);
}
await import(program.href);
