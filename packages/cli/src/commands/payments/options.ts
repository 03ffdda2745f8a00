import { FLOWS, LIMITS, PAYMENT_STATUSES, PROVIDER_NAMES } from '@molam/contract';
import { InvalidArgumentError } from 'commander';
import type { Flow, ProviderName } from '../../api/client.js';

export { FLOWS, PAYMENT_STATUSES as STATUSES, PROVIDER_NAMES as PROVIDERS };

export function isProvider(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

export function isFlow(value: string): value is Flow {
  return (FLOWS as readonly string[]).includes(value);
}

/** The API's rule for `external_id`. */
export const isExternalId = (value: string): boolean =>
  value.length >= LIMITS.externalId.min &&
  value.length <= LIMITS.externalId.max &&
  new RegExp(LIMITS.externalId.pattern).test(value);
export const EXTERNAL_ID_RULE = `${LIMITS.externalId.min} to ${LIMITS.externalId.max} letters, digits, "_", ".", ":" or "-"`;

/** The API's pattern for a phone number: E.164 digits without `+`. */
const MSISDN = new RegExp(LIMITS.msisdn.pattern);

/** `+260 97-123 4567` → `260971234567`; undefined when it is not a phone number even then. */
export function normalizeMsisdn(value: string): string | undefined {
  const digits = value.trim().replace(/^\+/, '').replace(/[\s-]/g, '');
  return MSISDN.test(digits) ? digits : undefined;
}

export const MSISDN_HINT = 'expected a phone number in international format, such as 260971234567';

const METADATA_KEY = new RegExp(LIMITS.metadata.keyPattern);
const {
  maxKeys: MAX_METADATA_KEYS,
  keyMax: MAX_METADATA_KEY,
  valueMax: MAX_METADATA_VALUE,
} = LIMITS.metadata;

/** `--metadata order=1042 --metadata channel=pos` → `{ order: '1042', channel: 'pos' }`. */
export function metadataEntry(
  value: string,
  previous: Record<string, string> | undefined,
): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('Expected key=value, such as order=1042.');
  const key = value.slice(0, at);
  const entry = value.slice(at + 1);
  if (key.length > MAX_METADATA_KEY || !METADATA_KEY.test(key)) {
    throw new InvalidArgumentError(
      `Metadata key "${key}": at most ${MAX_METADATA_KEY} letters, digits, "_", ".", ":" or "-".`,
    );
  }
  if (entry.length > MAX_METADATA_VALUE) {
    throw new InvalidArgumentError(`Metadata value of "${key}": at most ${MAX_METADATA_VALUE} characters.`);
  }
  const metadata = { ...previous };
  if (key in metadata) throw new InvalidArgumentError(`Metadata key "${key}" is given twice.`);
  metadata[key] = entry;
  if (Object.keys(metadata).length > MAX_METADATA_KEYS) {
    throw new InvalidArgumentError(`At most ${MAX_METADATA_KEYS} metadata keys.`);
  }
  return metadata;
}

/** A commander parser for `--timeout`: whole seconds, 1 second to 1 day. */
export function timeoutSeconds(value: string): number {
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new InvalidArgumentError('Expected whole seconds from 1 to 86400.');
  }
  return seconds;
}

/** How long `watch` and `create --wait` wait by default; a payer may take minutes to approve. */
export const DEFAULT_TIMEOUT_SECONDS = 300;
