import type { RunningServer } from '../../api/server.js';
import { updateProfile } from '../../config/file.js';
import type { IO } from '../../io.js';

export const SANDBOX_PROFILE = 'sandbox';
export const SANDBOX_ADMIN_PROFILE = 'sandbox-admin';

type SandboxCredentials = NonNullable<RunningServer['sandbox']>;

/** Saves the sandbox's keys so `molam --profile sandbox …` works without copying anything by hand. */
export async function saveSandboxProfiles(io: IO, sandbox: SandboxCredentials): Promise<string> {
  await updateProfile(io, SANDBOX_PROFILE, () => ({
    api_key: sandbox.merchantKey,
    base_url: sandbox.baseUrl,
  }));
  return updateProfile(io, SANDBOX_ADMIN_PROFILE, () => ({
    api_key: sandbox.adminKey,
    base_url: sandbox.baseUrl,
  }));
}
