import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.js';

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

interface OperationObject {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
}

export interface OperationSecurity {
  method: string;
  path: string;
  /** True when the operation declares `security: []`. */
  isPublic: boolean;
  /** Scopes the key must hold (any one of them is not enough: all of them). */
  scopes: string[];
  /** Whether a Molam ID user token (the `bearerJwt` scheme) may call it. */
  acceptsUserTokens: boolean;
  /** Whether an API key (any other scheme) may call it: not for operations that act for a user. */
  acceptsApiKeys: boolean;
}

/** The security scheme of Molam ID user tokens. */
export const USER_TOKEN_SCHEME = 'bearerJwt';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/**
 * In the repository the spec is read from `openapi/` (the source of truth, never a stale copy); an installed
 * package reads the copy it ships.
 */
export function specPath(file = 'molam.yaml'): string {
  const inRepository = join(packageRoot(), '..', '..', 'openapi', file);
  return existsSync(inRepository) ? inRepository : join(packageRoot(), 'openapi', file);
}

export interface LoadedSpec {
  document: OpenApiDocument;
  yaml: string;
  operations: Map<string, OperationSecurity>;
}

let cached: LoadedSpec | undefined;

/** `$ref: '#/components/pathItems/X'` → that path item. */
function resolvePathItem(document: OpenApiDocument, item: Record<string, unknown>): Record<string, unknown> {
  const ref = item.$ref;
  if (typeof ref !== 'string') return item;
  const name = ref.replace('#/components/pathItems/', '');
  const items = (document.components as { pathItems?: Record<string, Record<string, unknown>> } | undefined)
    ?.pathItems;
  const resolved = items?.[name];
  if (!resolved) throw new Error(`The OpenAPI document has no path item ${ref}.`);
  return resolved;
}

/**
 * The parsed document. YAML this size takes a third of a second or more to parse, at every start: the build
 * leaves the parsed document as JSON beside the package's copy (`openapi/molam.json`, with the digest of the
 * YAML it came from), used only while that digest matches the YAML being served, so it can never be stale.
 */
export function parseSpecYaml(
  yaml: string,
  cacheFile = join(packageRoot(), 'openapi', 'molam.json'),
): OpenApiDocument {
  const digest = createHash('sha256').update(yaml).digest('hex');
  try {
    const built = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      sourceSha256?: string;
      document?: OpenApiDocument;
    };
    if (built.sourceSha256 === digest && built.document) return built.document;
  } catch {
    // not built yet, or unreadable: parse the YAML
  }
  return parse(yaml) as OpenApiDocument;
}

export function loadSpec(): LoadedSpec {
  if (cached) return cached;
  const yaml = readFileSync(specPath(), 'utf8');
  const document = parseSpecYaml(yaml);
  const globalSecurity = (document.security as OperationObject['security']) ?? [];
  const operations = new Map<string, OperationSecurity>();
  for (const [path, entry] of Object.entries(document.paths)) {
    const item = resolvePathItem(document, entry);
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      // A path item shared by two paths (a v1 path and its seed alias) is one operation: the first path names it.
      if (!operation?.operationId || operations.has(operation.operationId)) continue;
      const security = operation.security ?? globalSecurity;
      operations.set(operation.operationId, {
        method,
        path,
        isPublic: security.length === 0,
        // Every alternative scheme lists the same scopes; the first one speaks for all.
        scopes: Object.values(security[0] ?? {})[0] ?? [],
        acceptsUserTokens: security.some((requirement) => USER_TOKEN_SCHEME in requirement),
        acceptsApiKeys: security.some((requirement) =>
          Object.keys(requirement).some((s) => s !== USER_TOKEN_SCHEME),
        ),
      });
    }
  }
  cached = { document, yaml, operations };
  return cached;
}

/** The security the spec declares for an operation; a typo in an operationId fails at start-up. */
export function operationSecurity(operationId: string): OperationSecurity {
  const found = loadSpec().operations.get(operationId);
  if (!found) throw new Error(`The OpenAPI document has no operation ${operationId}.`);
  return found;
}

/** Regular expressions for the public (unauthenticated) paths under a prefix, from the spec. */
export function publicPathPatterns(): RegExp[] {
  return [...loadSpec().operations.values()]
    .filter((operation) => operation.isPublic)
    .map((operation) => new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`));
}
