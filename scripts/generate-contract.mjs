#!/usr/bin/env node
// Writes packages/contract/src/index.ts from openapi/molam.yaml: the request and response types (as
// openapi-typescript writes them) and the spec's enums, limits and id patterns as code, so that the server, the
// CLI and the SDK never write them again by hand. One file, so that bundlers inline it whole. `--out FILE`
// writes elsewhere (the freshness check compares that with the committed file).
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const spec = parse(readFileSync('openapi/molam.yaml', 'utf8'));
const schemas = spec.components.schemas;
const out = process.argv.includes('--out')
  ? process.argv[process.argv.indexOf('--out') + 1]
  : 'packages/contract/src/index.ts';

/** [constant name, type name, the spec's list, what it is] */
const enums = [
  ['SCOPES', 'Scope', schemas.Scope.enum, 'Permissions an API key holds.'],
  ['KEY_MODES', 'KeyMode', schemas.KeyMode.enum, 'Test and live: separate worlds.'],
  ['EVENT_TYPES', 'EventType', schemas.EventType.enum, 'What can happen to a merchant’s objects.'],
  [
    'PROVIDER_NAMES',
    'ProviderName',
    schemas.ProviderName.enum,
    'The mobile-money providers and the simulator.',
  ],
  ['FLOWS', 'Flow', schemas.Flow.enum, 'Collections take money from a payer, disbursements pay a payee.'],
  ['PAYMENT_STATUSES', 'PaymentStatus', schemas.PaymentStatus.enum, 'Where a payment stands.'],
  ['FAILURE_CODES', 'FailureCode', schemas.PaymentFailure.properties.code.enum, 'Why a payment failed.'],
  ['MERCHANT_STATUSES', 'MerchantStatus', schemas.MerchantStatus.enum, 'Whether a merchant may transact.'],
  [
    'USER_ROLES',
    'UserRole',
    schemas.UserRole.enum,
    'What a Molam ID user may do on the merchant of its token.',
  ],
  ['PROBLEM_CODES', 'ProblemCode', schemas.ProblemCode.enum, 'Every code a problem document can carry.'],
];

/** Every `^xyz_<ULID>$` pattern in the spec, by prefix. */
const idPatterns = new Map();
(function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (node === null || typeof node !== 'object') return;
  const match =
    typeof node.pattern === 'string' && /^\^([a-z]+)_\[0-9A-HJKMNP-TV-Z\]\{26\}\$$/.exec(node.pattern);
  if (match) idPatterns.set(match[1], node.pattern);
  Object.values(node).forEach(collect);
})(spec);

const limit = spec.components.parameters.Limit.schema;
const idempotencyKey = spec.components.parameters.IdempotencyKey.schema;
const amount = schemas.MinorAmount;
const grace = schemas.ApiKeyRotate.properties.grace_period_seconds;
const externalId = schemas.ExternalId;
const metadata = schemas.Metadata;
const payment = schemas.CollectionCreate.properties;
const endpoint = schemas.WebhookEndpointCreate.properties;

const types = astToString(
  await openapiTS(new URL('../openapi/molam.yaml', import.meta.url), { defaultNonNullable: false }),
);

const list = (values) => JSON.stringify(values);
const lines = [
  '// Generated from openapi/molam.yaml by `pnpm generate`: do not edit. CI fails when it is stale.',
  '',
  types,
  "/** Every schema of the spec by name: `Schemas['Payment']` is what the API returns for a payment. */",
  "export type Schemas = components['schemas'];",
  '',
  ...enums.flatMap(([constant, type, values, doc]) => [
    `/** ${doc} */`,
    `export const ${constant} = ${list(values)} as const;`,
    `export type ${type} = (typeof ${constant})[number];`,
    '',
  ]),
  '/** Id patterns by prefix: a prefix and 26 characters of a ULID, sortable by time. */',
  `export const ID_PATTERNS = {${[...idPatterns]
    .sort()
    .map(([prefix, pattern]) => `${prefix}: ${JSON.stringify(pattern)}`)
    .join(', ')}} as const;`,
  'export type IdPrefix = keyof typeof ID_PATTERNS;',
  '',
  '/** The bounds the spec sets, and the patterns that go with them. */',
  'export const LIMITS = {',
  `  pageSize: { min: ${limit.minimum}, max: ${limit.maximum}, default: ${limit.default} },`,
  `  amount: { min: ${amount.minimum}, max: ${amount.maximum} },`,
  `  rotationGraceSeconds: { min: ${grace.minimum}, max: ${grace.maximum}, default: ${grace.default} },`,
  `  idempotencyKey: { min: ${idempotencyKey.minLength}, max: ${idempotencyKey.maxLength}, pattern: ${list(idempotencyKey.pattern)} },`,
  `  externalId: { min: ${externalId.minLength}, max: ${externalId.maxLength}, pattern: ${list(externalId.pattern)} },`,
  `  msisdn: { pattern: ${list(schemas.Msisdn.pattern)} },`,
  `  metadata: { maxKeys: ${metadata.maxProperties}, keyMax: ${metadata.propertyNames.maxLength}, keyPattern: ${list(metadata.propertyNames.pattern)}, valueMax: ${metadata.additionalProperties.maxLength} },`,
  `  paymentText: { description: ${payment.description.maxLength}, payer_message: ${payment.payer_message.maxLength}, payee_note: ${payment.payee_note.maxLength} },`,
  `  webhookEndpoint: { urlMax: ${endpoint.url.maxLength}, descriptionMax: ${endpoint.description.maxLength} },`,
  '} as const;',
  '',
];
writeFileSync(out, lines.join('\n'));
