import type { RunningServer } from '../../api/server.js';
import { type Profile, readConfig, updateProfile } from '../../config/file.js';
import type { Deps } from '../../deps.js';
import type { IO } from '../../io.js';

export const SANDBOX_PROFILE = 'sandbox';
export const SANDBOX_ADMIN_PROFILE = 'sandbox-admin';

type SandboxCredentials = NonNullable<RunningServer['sandbox']>;

export interface SavedProfiles {
  merchant: string;
  admin: string;
  /** Why the usual names were not used: they point at another sandbox still running, or at no sandbox. */
  kept?: { profile: string; baseUrl: string };
  /** The server the usual names pointed at before, which no longer answers. */
  replaced?: { profile: string; baseUrl: string };
}

/** A profile a local sandbox saved: a test key on this machine. Anything else is someone's real profile. */
function isLocalSandbox(profile: Profile): boolean {
  if (!profile.api_key?.startsWith('mk_test_') || !profile.base_url) return false;
  try {
    const host = new URL(profile.base_url).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** Whether the profile's server answers and takes its key: replacing it would strand someone using it. */
async function servesProfile(profile: Profile, deps: Pick<Deps, 'createClient'>): Promise<boolean> {
  if (!profile.api_key || !profile.base_url) return false;
  try {
    const client = await deps.createClient({ apiKey: profile.api_key, baseUrl: profile.base_url });
    // A busy sandbox may be slow to answer: one retry, and seconds, before calling it gone.
    await client.whoami({ timeoutMs: 3000, maxRetries: 1 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the sandbox's keys so `molam --profile sandbox …` works without copying anything by hand. The usual
 * names are taken when they are free, already this sandbox's (same key: the same data folder, restarted), or
 * left by a local sandbox that no longer answers (said in the banner); while they point at another live
 * sandbox, or at anything but a local sandbox, this one is saved as `sandbox-<port>` and `sandbox-<port>-admin`
 * instead, so nobody's profile changes under them.
 */
export async function saveSandboxProfiles(
  io: IO,
  sandbox: SandboxCredentials,
  deps: Pick<Deps, 'createClient'>,
): Promise<SavedProfiles> {
  const existing = (await readConfig(io)).profiles[SANDBOX_PROFILE];
  const port = new URL(sandbox.baseUrl).port || '80';
  const own = { merchant: SANDBOX_PROFILE, admin: SANDBOX_ADMIN_PROFILE };
  const aside = { merchant: `${SANDBOX_PROFILE}-${port}`, admin: `${SANDBOX_PROFILE}-${port}-admin` };
  let names: SavedProfiles;
  if (
    existing === undefined ||
    existing.api_key === sandbox.merchantKey ||
    existing.base_url === sandbox.baseUrl
  ) {
    names = own;
  } else if (!isLocalSandbox(existing) || (await servesProfile(existing, deps))) {
    names = { ...aside, kept: { profile: SANDBOX_PROFILE, baseUrl: existing.base_url ?? '' } };
  } else {
    names = { ...own, replaced: { profile: SANDBOX_PROFILE, baseUrl: existing.base_url ?? '' } };
  }
  await updateProfile(io, names.merchant, () => ({
    api_key: sandbox.merchantKey,
    base_url: sandbox.baseUrl,
  }));
  await updateProfile(io, names.admin, () => ({ api_key: sandbox.adminKey, base_url: sandbox.baseUrl }));
  return names;
}
