import { resolveSettings, type Settings } from '../config/settings.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { DEFAULT_PROFILE, type GlobalOptions } from '../globals.js';
import type { IO } from '../io.js';
import type { MolamClient } from './client.js';

export function loginHint(profile: string): string {
  const flag = profile === DEFAULT_PROFILE ? '' : ` --profile ${profile}`;
  return `Run "molam login${flag}" or set MOLAM_API_KEY.`;
}

const connections = new WeakMap<IO, Settings>();

/** Where this run's API calls went (profile, base URL and where it came from), for its error messages. */
export function connectionOf(io: IO): Settings | undefined {
  return connections.get(io);
}

/** An SDK client for the selected profile; a usage error when there is no key to send. */
export async function connect(
  globals: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<{ client: MolamClient; settings: Settings }> {
  const settings = await resolveSettings(globals, io);
  if (!settings.apiKey) {
    throw new UsageError(
      `No API key for profile "${settings.profile}". ${loginHint(settings.profile)}`,
      'not_logged_in',
    );
  }
  const client = await deps.createClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl });
  connections.set(io, settings);
  return { client, settings };
}
