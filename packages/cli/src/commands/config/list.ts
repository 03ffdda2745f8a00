import type { Command } from 'commander';
import type { App } from '../../app.js';
import { configPath } from '../../config/dir.js';
import { readConfig } from '../../config/file.js';
import { type GlobalOptions, profileName, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeTable } from '../../output/table.js';
import { note, orDash, writeJson } from '../../output/write.js';
import { maskKey } from '../../secrets.js';

export interface ProfileSummary {
  name: string;
  active: boolean;
  api_key: string | null;
  base_url: string | null;
}

export async function run(options: GlobalOptions, io: IO): Promise<void> {
  const active = profileName(options, io);
  const path = configPath(io);
  const profiles: ProfileSummary[] = Object.entries((await readConfig(io)).profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, profile]) => ({
      name,
      active: name === active,
      api_key: profile.api_key ? maskKey(profile.api_key) : null,
      base_url: profile.base_url ?? null,
    }));
  if (options.json) {
    writeJson(io, { path, active_profile: active, profiles });
    return;
  }
  note(io, `Config file: ${path}`);
  for (const name of ['MOLAM_API_KEY', 'MOLAM_BASE_URL']) {
    if (io.env[name]) note(io, `Note: ${name} is set and takes precedence over every profile.`);
  }
  if (profiles.length === 0) {
    note(io, 'No profiles yet. Run "molam login" to create one.');
    return;
  }
  await writeTable(io, profiles, [
    { header: '', value: (row) => (row.active ? '*' : '') },
    { header: 'PROFILE', value: (row) => row.name },
    { header: 'API KEY', value: (row) => orDash(row.api_key) },
    { header: 'BASE URL', value: (row) => orDash(row.base_url) },
  ]);
}

export function register(parent: Command, app: App): void {
  parent
    .command('list')
    .description('List every profile (keys masked); * marks the selected one')
    .action((_flags: object, command: Command) => run(readGlobals(command), app.io));
}
