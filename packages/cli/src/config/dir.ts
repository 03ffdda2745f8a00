import { join, win32 } from 'node:path';
import type { IO } from '../io.js';

/**
 * Where profiles live: `$MOLAM_CONFIG_DIR`, else `$XDG_CONFIG_HOME/molam`, else the platform's usual place
 * for per-user settings.
 */
export function configDir(io: Pick<IO, 'env' | 'platform' | 'homeDir'>): string {
  const { env, platform, homeDir } = io;
  if (env.MOLAM_CONFIG_DIR) return env.MOLAM_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'molam');
  if (platform === 'win32')
    return win32.join(env.APPDATA ?? win32.join(homeDir, 'AppData', 'Roaming'), 'molam');
  if (platform === 'darwin') return join(homeDir, 'Library', 'Preferences', 'molam');
  return join(homeDir, '.config', 'molam');
}

export function configPath(io: Pick<IO, 'env' | 'platform' | 'homeDir'>): string {
  const dir = configDir(io);
  return io.platform === 'win32' ? win32.join(dir, 'config.json') : join(dir, 'config.json');
}
