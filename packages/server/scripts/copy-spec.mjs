// Ships the OpenAPI document (and the AsyncAPI document of the Kafka topics, which shares its schemas) inside the
// package, so an installed server validates against its own spec; and the OpenAPI document parsed, as JSON with
// the digest of its YAML, so a start need not parse the YAML (see parseSpecYaml in src/platform/spec.ts).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const source = (file) => new URL(`../../../openapi/${file}`, import.meta.url);
const target = (file) => new URL(`../openapi/${file}`, import.meta.url);

mkdirSync(target(''), { recursive: true });
for (const file of ['molam.yaml', 'kafka.asyncapi.yaml']) copyFileSync(source(file), target(file));
const yaml = readFileSync(source('molam.yaml'), 'utf8');
const sourceSha256 = createHash('sha256').update(yaml).digest('hex');
writeFileSync(target('molam.json'), JSON.stringify({ sourceSha256, document: parse(yaml) }));
