// Ships the OpenAPI document (and the AsyncAPI document of the Kafka topics, which shares its schemas) inside the
// package, so an installed server validates against its own spec.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../openapi/', import.meta.url), { recursive: true });
for (const file of ['molam.yaml', 'kafka.asyncapi.yaml']) {
  copyFileSync(
    new URL(`../../../openapi/${file}`, import.meta.url),
    new URL(`../openapi/${file}`, import.meta.url),
  );
}
