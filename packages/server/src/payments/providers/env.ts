import { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

/** A provider variable is set but malformed: the server should refuse to start and name every such variable. */
export class ProviderConfigError extends Error {
  readonly problems: readonly { field: string; message: string }[];

  constructor(problems: readonly { field: string; message: string }[]) {
    super(`Invalid provider configuration:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'ProviderConfigError';
    this.problems = problems;
  }
}

/**
 * Parses the variables a shape names. Empty strings count as unset, so `FOO=` in a .env file disables rather
 * than breaks. Values are never echoed in messages: most of these are credentials.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: Shape, env: Env): z.infer<z.ZodObject<Shape>> {
  const present = Object.fromEntries(
    Object.keys(shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = z.object(shape).safeParse(present);
  if (parsed.success) return parsed.data;
  throw new ProviderConfigError(
    parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })),
  );
}

/** The names among `names` that have no value. */
export function missingFrom(values: Readonly<Record<string, unknown>>, names: readonly string[]): string[] {
  return names.filter((name) => values[name] === undefined);
}

export const disabledReason = (what: string, missing: readonly string[]): string =>
  `${what} is disabled: set ${missing.join(', ')}`;

export const timeoutMsSchema = z.coerce.number().int().min(100).max(120_000);
export const baseUrlSchema = z.url({ protocol: /^https?$/ });

/** A value the caller has already checked for; typed as present. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}
