import { loadSpec } from '../../src/platform/spec.js';

/** Requests built from the OpenAPI document: every operation, with valid-looking parameters and bodies. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = Array<string | number>;
type Schema = Record<string, unknown>;

export interface SpecParameter {
  name: string;
  in: string;
  required: boolean;
  schema: Schema;
}

export interface SpecOperation {
  operationId: string;
  /** Upper case, as sent. */
  method: string;
  /** The spec's path template, such as `/api/v1/payments/{payment_id}`. */
  path: string;
  isPublic: boolean;
  scopes: string[];
  parameters: SpecParameter[];
  body: { schema: Schema; required: boolean; example: Json | undefined } | undefined;
}

export interface SampleBody {
  value: Json;
  /** Where the body holds `format: date-time` strings. */
  dateTimes: JsonPath[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const { document, operations } = loadSpec();

function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, not ${ref}.`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), document);
}

/** Follows `$ref`s (to `#/components/...`) until a schema, parameter or body remains. */
export function resolve(node: unknown): Schema {
  let current = node;
  for (let hops = 0; isRecord(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error('A $ref cycle in the spec.');
    current = pointer(current.$ref);
  }
  if (!isRecord(current)) throw new Error(`Not a schema: ${JSON.stringify(node)}`);
  return current;
}

/** Every operation of the spec, in document order. */
export function specOperations(): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(document.paths)) {
    const item = resolve(rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== 'string') continue;
      const security = operations.get(operation.operationId);
      if (!security) throw new Error(`loadSpec() does not know ${operation.operationId}.`);
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const parameters = [...shared, ...own].map((raw): SpecParameter => {
        const parameter = resolve(raw);
        return {
          name: String(parameter.name),
          in: String(parameter.in),
          required: parameter.required === true,
          schema: resolve(parameter.schema ?? {}),
        };
      });
      found.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        isPublic: security.isPublic,
        scopes: security.scopes,
        parameters,
        body: requestBodyOf(operation.requestBody),
      });
    }
  }
  return found;
}

function requestBodyOf(raw: unknown): SpecOperation['body'] {
  if (raw === undefined) return undefined;
  const body = resolve(raw);
  const content = isRecord(body.content) ? body.content : {};
  const media = content['application/json'];
  if (!isRecord(media)) throw new Error('A request body without application/json content.');
  return {
    schema: resolve(media.schema ?? {}),
    required: body.required === true,
    example: media.example === undefined ? undefined : (media.example as Json),
  };
}

/**
 * The simplest string a (simple) regular expression accepts: literals, classes, escapes and quantifiers,
 * each class taken at its first character and each quantifier at its minimum (at least once).
 */
export function sampleFromPattern(pattern: string): string {
  const source = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let index = 0;
  const readEscape = (at: number): [string, number] => {
    const next = source[at + 1];
    if (next === 'x') return [String.fromCharCode(Number.parseInt(source.slice(at + 2, at + 4), 16)), at + 4];
    if (next === 'd') return ['0', at + 2];
    if (next === 'w') return ['a', at + 2];
    if (next === undefined) throw new Error(`A trailing backslash in ${pattern}`);
    return [next, at + 2];
  };
  while (index < source.length) {
    const char = source[index] ?? '';
    let unit: string;
    if (char === '[') {
      const first = source[index + 1] === '\\' ? readEscape(index + 1)[0] : (source[index + 1] ?? '');
      const end = source.indexOf(']', index + 2);
      if (end < 0 || source[index + 1] === '^') throw new Error(`Unsupported class in ${pattern}`);
      unit = first;
      index = end + 1;
    } else if (char === '\\') {
      [unit, index] = readEscape(index);
    } else if ('()|.'.includes(char)) {
      throw new Error(`Unsupported pattern ${pattern}`);
    } else {
      unit = char;
      index += 1;
    }
    const quantifier = /^(?:\{(\d+)(?:,\d*)?\}|[+*?])/.exec(source.slice(index));
    let count = 1;
    if (quantifier) {
      index += quantifier[0].length;
      count = quantifier[1] !== undefined ? Number(quantifier[1]) : quantifier[0] === '+' ? 1 : 0;
    }
    out += unit.repeat(count);
  }
  if (!new RegExp(pattern, 'u').test(out)) throw new Error(`Could not sample ${pattern} (got ${out})`);
  return out;
}

/**
 * The enum value to use: `sandbox` (the one provider this server runs without credentials), else the first,
 * which for the states in this spec is the harmless one (`active`, `enabled`, `test`): a base request must
 * never suspend the merchant or disable what it touches.
 */
export const enumChoice = (values: unknown[]): Json =>
  (values.includes('sandbox') ? 'sandbox' : values[0]) as Json;

/** A date-time far enough ahead that fields such as `expires_at` accept it. */
const FUTURE = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/** A value the schema accepts, with every optional property present (so every field gets fuzzed). */
export function sampleSchema(node: unknown, path: JsonPath = [], dateTimes: JsonPath[] = []): Json {
  const schema = resolve(node);
  if ('const' in schema) return schema.const as Json;
  if (Array.isArray(schema.enum)) return enumChoice(schema.enum);
  if (Array.isArray(schema.allOf)) {
    const merged: Record<string, Json> = {};
    for (const part of schema.allOf.map((item) => sampleSchema(item, path, dateTimes))) {
      if (isRecord(part)) Object.assign(merged, part);
    }
    return merged;
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives)) {
    const branch = alternatives.find((item) => resolve(item).type !== 'null') ?? alternatives[0];
    return sampleSchema(branch, path, dateTimes);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  switch (type) {
    case 'object':
    case undefined:
      return sampleObject(schema, path, dateTimes);
    case 'array': {
      const items = schema.items ?? {};
      const itemSchema = resolve(items);
      const wanted = Math.max(1, Number(schema.minItems ?? 1));
      // Unique enum items: the first distinct values, `sandbox` first for providers.
      if (Array.isArray(itemSchema.enum)) {
        const first = enumChoice(itemSchema.enum);
        const rest = itemSchema.enum.filter((value) => value !== first) as Json[];
        return [first, ...rest].slice(0, wanted);
      }
      return Array.from({ length: wanted }, (_, index) => sampleSchema(items, [...path, index], dateTimes));
    }
    case 'string':
      return sampleString(schema, path, dateTimes);
    case 'integer':
    case 'number':
      return Number(schema.default ?? schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      throw new Error(`Unsupported schema type ${String(type)} at ${path.join('.')}`);
  }
}

function sampleObject(schema: Schema, path: JsonPath, dateTimes: JsonPath[]): Json {
  const out: Record<string, Json> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    out[name] = sampleSchema(property, [...path, name], dateTimes);
  }
  // A map (metadata, currencies): one entry whose key obeys `propertyNames`.
  if (Object.keys(properties).length === 0 && isRecord(schema.additionalProperties)) {
    const names = isRecord(schema.propertyNames) ? schema.propertyNames : {};
    const key = typeof names.pattern === 'string' ? sampleFromPattern(names.pattern) : 'key';
    out[key] = sampleSchema(schema.additionalProperties, [...path, key], dateTimes);
  }
  return out;
}

function sampleString(schema: Schema, path: JsonPath, dateTimes: JsonPath[]): string {
  if (schema.format === 'date-time') {
    dateTimes.push(path);
    return FUTURE;
  }
  if (schema.format === 'date') return '2026-11-01';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri') return 'https://example.com/fuzz';
  if (typeof schema.pattern === 'string') return sampleFromPattern(schema.pattern);
  const minLength = Number(schema.minLength ?? 1);
  return 'fuzz'.padEnd(minLength, 'z').slice(0, Number(schema.maxLength ?? 4096));
}

/**
 * A valid-looking body: the schema's sample with the spec's example laid over it (its values are curated and
 * valid together), except for enum choices, which stay the harmless ones (the example of `updateMerchant`
 * suspends the merchant).
 */
export function sampleBody(operation: SpecOperation): SampleBody | undefined {
  if (!operation.body) return undefined;
  const dateTimes: JsonPath[] = [];
  const sampled = sampleSchema(operation.body.schema, [], dateTimes);
  const { example } = operation.body;
  if (!isRecord(sampled) || !isRecord(example)) return { value: example ?? sampled, dateTimes };
  const properties = isRecord(operation.body.schema.properties) ? operation.body.schema.properties : {};
  const value: Record<string, Json> = { ...sampled };
  for (const [name, exampleValue] of Object.entries(example)) {
    const property = properties[name];
    if (property !== undefined && Array.isArray(resolve(property).enum)) continue;
    value[name] = exampleValue as Json;
  }
  return { value, dateTimes };
}

/** A syntactically valid value for a path parameter: the merchant's own id, a provider, or an id of nobody. */
export function pathValue(parameter: SpecParameter, merchantId: string): string {
  if (parameter.name === 'merchant_id') return merchantId;
  if (Array.isArray(parameter.schema.enum)) return String(enumChoice(parameter.schema.enum));
  if (typeof parameter.schema.pattern === 'string') return sampleFromPattern(parameter.schema.pattern);
  throw new Error(`No value for path parameter ${parameter.name}`);
}

export function concretePath(operation: SpecOperation, merchantId: string): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters.find((item) => item.in === 'path' && item.name === name);
    if (!parameter) throw new Error(`${operation.operationId} declares no path parameter ${name}`);
    return encodeURIComponent(pathValue(parameter, merchantId));
  });
}

/** Paths of every string value (walking arrays and objects), in document order. */
export function stringPaths(value: Json, path: JsonPath = []): JsonPath[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (isRecord(value))
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

/** Paths of every object key, as the path of the value under it. */
export function keyPaths(value: Json, path: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, [...path, index]));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, item]) => [
      [...path, key],
      ...keyPaths(item, [...path, key]),
    ]);
  }
  return [];
}

/** Paths of every leaf: scalars, and empty arrays and objects. */
export function leafPaths(value: Json, path: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [path] : value.flatMap((item, index) => leafPaths(item, [...path, index]));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([key, item]) => leafPaths(item, [...path, key]));
  }
  return [path];
}

/** A copy of `value` with the value at `path` replaced. */
export function withValueAt(value: Json, path: JsonPath, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    return value.map((item, index) => (index === head ? withValueAt(item, rest, replacement) : item));
  }
  if (isRecord(value) && typeof head === 'string') {
    return { ...value, [head]: withValueAt(value[head] ?? null, rest, replacement) };
  }
  throw new Error(`No ${path.join('.')} in the body`);
}

/** A copy of `value` with the key at `path` renamed (keeping the order of keys). */
export function withKeyAt(value: Json, path: JsonPath, newKey: string): Json {
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    return value.map((item, index) => (index === head ? withKeyAt(item, rest, newKey) : item));
  }
  if (isRecord(value) && typeof head === 'string') {
    if (rest.length > 0) return { ...value, [head]: withKeyAt(value[head] ?? null, rest, newKey) };
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key === head ? newKey : key, item]),
    );
  }
  throw new Error(`No ${path.join('.')} in the body`);
}

/**
 * JSON text of `value`, with the value at some paths replaced by raw JSON text (so a body can hold what
 * `JSON.stringify` cannot produce: `1e400`, integers beyond 2^53, deep nesting).
 */
export function jsonText(value: Json, raw: Map<string, string>, path: JsonPath = []): string {
  const replaced = raw.get(JSON.stringify(path));
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value))
    return `[${value.map((item, index) => jsonText(item, raw, [...path, index])).join(',')}]`;
  if (isRecord(value)) {
    const members = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}:${jsonText(item, raw, [...path, key])}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The query string of a well-formed request: each required query parameter with a sample value, and `extra`
 * (`name=value`, the hostile part) in place of the sample of the same name.
 */
export function queryString(operation: SpecOperation, extra = ''): string {
  const hostile = extra.replace(/^\?/, '');
  const hostileName = hostile.split('=')[0];
  const parts = operation.parameters
    .filter((parameter) => parameter.in === 'query' && parameter.required && parameter.name !== hostileName)
    .map((parameter) => `${parameter.name}=${encodeURIComponent(String(sampleSchema(parameter.schema)))}`);
  if (hostile !== '') parts.push(hostile);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
