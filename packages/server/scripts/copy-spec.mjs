// Ships the OpenAPI document inside the package, so an installed server validates against its own spec.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../openapi/', import.meta.url), { recursive: true });
copyFileSync(
  new URL('../../../openapi/molam.yaml', import.meta.url),
  new URL('../openapi/molam.yaml', import.meta.url),
);
