import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { specPath } from './spec.js';

/** The documents whose schemas the server validates data against, by file name (refs between them work). */
const DOCUMENTS = ['molam.yaml', 'kafka.asyncapi.yaml'] as const;
type DocumentName = (typeof DOCUMENTS)[number];
const BASE = 'http://molam.invalid/openapi/';

let ajv: Ajv2020 | undefined;

function validatorInstance(): Ajv2020 {
  if (ajv) return ajv;
  // Not strict: the documents carry OpenAPI and AsyncAPI keywords (`discriminator`, `x-…`) JSON Schema ignores.
  const instance = new Ajv2020({ strict: false, allErrors: true, useDefaults: true });
  addFormats.default(instance);
  for (const name of DOCUMENTS) {
    instance.addSchema(parse(readFileSync(specPath(name), 'utf8')) as object, `${BASE}${name}`);
  }
  ajv = instance;
  return instance;
}

export interface SchemaIssue {
  field: string;
  message: string;
}

/** A validator for one schema of the spec's documents, e.g. `kafka.asyncapi.yaml`, `PaymentRequested`. */
export function specSchema(document: DocumentName, name: string): ValidateFunction {
  return validatorInstance().compile({ $ref: `${BASE}${document}#/components/schemas/${name}` });
}

/** Ajv's errors as the API's field errors: `amount: must be integer`. */
export function schemaIssues(errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((error) => ({
    field: error.instancePath === '' ? '(message)' : error.instancePath.slice(1).replaceAll('/', '.'),
    message:
      error.keyword === 'required'
        ? `${String(error.params.missingProperty)} is required`
        : error.keyword === 'enum'
          ? `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`
          : (error.message ?? 'is invalid'),
  }));
}
