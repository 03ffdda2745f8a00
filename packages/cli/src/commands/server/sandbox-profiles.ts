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
  /** Why the usual names were not used: they point at another sandbox that is still running. */
  keptLive?: { profile: string; baseUrl: string };
}

/** Whether the profile's server answers and takes its key: replacing it would strand someone using it. */
async function servesProfile(profile: Profile, deps: Pick<Deps, 'createClient'>): Promise<boolean> {
  if (!profile.api_key || !profile.base_url) return false;
  try {
    const client = await deps.createClient({ apiKey: profile.api_key, baseUrl: profile.base_url });
    await client.whoami({ timeoutMs: 1500, maxRetries: 0 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the sandbox's keys so `molam --profile sandbox …` works without copying anything by hand. The usual
 * names are replaced when they are free, already this sandbox's (same key: the same data folder, restarted), or
 * point at a server that no longer answers; while they point at another live sandbox, this one is saved as
 * `sandbox-<port>` and `sandbox-<port>-admin` instead, so the first terminal's profile keeps working.
 */
export async function saveSandboxProfiles(
  io: IO,
  sandbox: SandboxCredentials,
  deps: Pick<Deps, 'createClient'>,
): Promise<SavedProfiles> {
  const existing = (await readConfig(io)).profiles[SANDBOX_PROFILE];
  const ours =
    existing === undefined ||
    existing.api_key === sandbox.merchantKey ||
    existing.base_url === sandbox.baseUrl ||
    !(await servesProfile(existing, deps));
  const port = new URL(sandbox.baseUrl).port || '80';
  const names: SavedProfiles = ours
    ? { merchant: SANDBOX_PROFILE, admin: SANDBOX_ADMIN_PROFILE }
    : {
        merchant: `${SANDBOX_PROFILE}-${port}`,
        admin: `${SANDBOX_PROFILE}-${port}-admin`,
        keptLive: { profile: SANDBOX_PROFILE, baseUrl: existing?.base_url ?? '' },
      };
  await updateProfile(io, names.merchant, () => ({
    api_key: sandbox.merchantKey,
    base_url: sandbox.baseUrl,
  }));
  await updateProfile(io, names.admin, () => ({ api_key: sandbox.adminKey, base_url: sandbox.baseUrl }));
  return names;
}
