import type { Command } from 'commander';
import { UsageError } from './errors.js';
import type { IO } from './io.js';

/** Flags every command accepts, parsed on the root command. */
export interface GlobalOptions {
  profile?: string | undefined;
  baseUrl?: string | undefined;
  json: boolean;
}

export const DEFAULT_PROFILE = 'default';
export const DEFAULT_BASE_URL = 'http://localhost:8080';

export function readGlobals(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ profile?: string; baseUrl?: string; json?: boolean }>();
  return { profile: options.profile, baseUrl: options.baseUrl, json: options.json === true };
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `--profile`, else `MOLAM_PROFILE`, else `default`. */
export function profileName(globals: GlobalOptions, io: IO): string {
  const name = globals.profile ?? (io.env.MOLAM_PROFILE || DEFAULT_PROFILE);
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`Invalid profile name "${name}": use letters, digits, "-", "_" or ".".`);
  }
  return name;
}

/** An http(s) URL without a trailing slash, or a usage error naming where the bad value came from. */
export function parseBaseUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source} is not a URL: "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} must be an http:// or https:// URL.`);
  }
  if (url.username || url.password) throw new UsageError(`${source} must not contain credentials.`);
  return url.href.replace(/\/+$/, '');
}
