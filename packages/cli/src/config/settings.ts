import { DEFAULT_BASE_URL, type GlobalOptions, parseBaseUrl, profileName } from '../globals.js';
import type { IO } from '../io.js';
import { readConfig } from './file.js';

/** What a command talks to and with which key, after flags, environment and profile are weighed. */
export interface Settings {
  profile: string;
  apiKey: string | undefined;
  apiKeySource: 'MOLAM_API_KEY' | 'profile' | undefined;
  baseUrl: string;
  baseUrlSource: '--base-url' | 'MOLAM_BASE_URL' | 'profile' | 'default';
}

/** Precedence: flag, then environment, then the profile, then the default. */
export async function resolveSettings(globals: GlobalOptions, io: IO): Promise<Settings> {
  const profile = profileName(globals, io);
  const stored = (await readConfig(io)).profiles[profile] ?? {};

  const envKey = io.env.MOLAM_API_KEY || undefined;
  const apiKey = envKey ?? stored.api_key;
  const apiKeySource = envKey ? 'MOLAM_API_KEY' : stored.api_key ? 'profile' : undefined;

  let baseUrl = DEFAULT_BASE_URL;
  let baseUrlSource: Settings['baseUrlSource'] = 'default';
  if (globals.baseUrl) {
    baseUrl = parseBaseUrl(globals.baseUrl, '--base-url');
    baseUrlSource = '--base-url';
  } else if (io.env.MOLAM_BASE_URL) {
    baseUrl = parseBaseUrl(io.env.MOLAM_BASE_URL, 'MOLAM_BASE_URL');
    baseUrlSource = 'MOLAM_BASE_URL';
  } else if (stored.base_url) {
    baseUrl = parseBaseUrl(stored.base_url, `base_url of profile "${profile}"`);
    baseUrlSource = 'profile';
  }
  return { profile, apiKey, apiKeySource, baseUrl, baseUrlSource };
}
