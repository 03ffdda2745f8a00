import { SETTING_NAMES, type SettingName } from '../../config/file.js';
import { UsageError } from '../../errors.js';
import { maskKey } from '../../secrets.js';

export function parseSettingName(name: string): SettingName {
  const found = SETTING_NAMES.find((candidate) => candidate === name);
  if (!found) throw new UsageError(`Unknown setting "${name}": use ${SETTING_NAMES.join(' or ')}.`);
  return found;
}

/** How a stored value may be shown: keys masked, everything else as is. */
export function displayValue(name: SettingName, value: string): string {
  return name === 'api_key' ? maskKey(value) : value;
}
