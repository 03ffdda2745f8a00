import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../errors.js';
import type { IO } from '../io.js';
import { configPath } from './dir.js';

export const SETTING_NAMES = ['api_key', 'base_url'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];
export type Profile = Partial<Record<SettingName, string>>;

export interface ConfigFile {
  profiles: Record<string, Profile>;
}

type Env = Pick<IO, 'env' | 'platform' | 'homeDir'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseProfile(value: unknown): Profile {
  const profile: Profile = {};
  if (!isRecord(value)) return profile;
  for (const name of SETTING_NAMES) {
    const setting = value[name];
    if (typeof setting === 'string') profile[name] = setting;
  }
  return profile;
}

/** The config file, or an empty one when it does not exist yet. */
export async function readConfig(io: Env): Promise<ConfigFile> {
  const path = configPath(io);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`The config file ${path} is not valid JSON. Fix or delete it.`, {
      code: 'config_invalid',
    });
  }
  const profiles = isRecord(parsed) && isRecord(parsed.profiles) ? parsed.profiles : {};
  return {
    profiles: Object.fromEntries(
      Object.entries(profiles).map(([name, value]) => [name, parseProfile(value)]),
    ),
  };
}

/**
 * Writes the whole file at once: a temporary file created with mode 0600 is renamed over the old one, so a
 * crash never leaves half a file and the key is never readable by other users, not even for a moment.
 */
export async function writeConfig(io: Env, config: ConfigFile): Promise<string> {
  const path = configPath(io);
  const dir = dirname(path);
  // Only folders created here get 0700: MOLAM_CONFIG_DIR may name a folder the user shares on purpose.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(config, null, 2)}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

/** Reads, changes one profile, writes back; an emptied profile is dropped. */
export async function updateProfile(
  io: Env,
  name: string,
  change: (profile: Profile) => Profile,
): Promise<string> {
  const config = await readConfig(io);
  const next = change({ ...config.profiles[name] });
  const profiles = { ...config.profiles };
  if (Object.keys(next).length === 0) delete profiles[name];
  else profiles[name] = next;
  return writeConfig(io, { profiles });
}
