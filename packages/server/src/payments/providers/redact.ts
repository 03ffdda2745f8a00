/**
 * What may leave an adapter in call records and messages: secrets never, phone numbers masked. Redaction works
 * by field name (so it survives any nesting) and, for free text, by scrubbing the configured secret values.
 */

const SECRET_FIELDS: readonly string[] = [
  'access_token',
  'refresh_token',
  'client_secret',
  'api_key',
  'apikey',
  'password',
  'pin',
  'credential',
  'secret',
];
const MSISDN_FIELDS: readonly string[] = ['msisdn', 'partyid'];
/** Fields of free text where a customer's number may be quoted; ids elsewhere keep their digits. */
const FREE_TEXT_FIELDS: readonly string[] = ['message', 'payermessage', 'payeenote', 'description', 'reason'];

export const REDACTED = '[redacted]';

export interface Redaction {
  /** Extra field names (any case) whose values are secret. */
  secretFields?: readonly string[];
  /** Extra field names (any case) that hold phone numbers. */
  msisdnFields?: readonly string[];
  /** Secret values to scrub from free text (error messages, provider messages). */
  secretValues?: readonly string[];
}

/** Keeps the first 3 and last 2 digits: 260971234567 → 260*******67. */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length <= 5) return '*'.repeat(msisdn.length);
  return `${msisdn.slice(0, 3)}${'*'.repeat(msisdn.length - 5)}${msisdn.slice(-2)}`;
}

/** A copy of a JSON-like value with secret fields replaced and phone-number fields masked. */
export function redactBody(value: unknown, redaction: Redaction = {}): unknown {
  const secrets = lowerSet(SECRET_FIELDS, redaction.secretFields);
  const msisdns = lowerSet(MSISDN_FIELDS, redaction.msisdnFields);
  const freeText = lowerSet(FREE_TEXT_FIELDS, undefined);
  const walk = (node: unknown, field: string | undefined): unknown => {
    const name = field?.toLowerCase();
    if (name !== undefined && secrets.has(name)) return REDACTED;
    if (Array.isArray(node)) return node.map((item) => walk(item, undefined));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, key)]));
    }
    if (name !== undefined && msisdns.has(name) && (typeof node === 'string' || typeof node === 'number')) {
      return maskMsisdn(String(node));
    }
    if (typeof node !== 'string') return node;
    return name !== undefined && freeText.has(name)
      ? redactText(node, redaction)
      : scrubSecrets(node, redaction);
  };
  return walk(value, undefined);
}

/** Free text: configured secret values removed, long digit runs (phone numbers) masked. */
export function redactText(text: string, redaction: Redaction = {}): string {
  return scrubSecrets(text, redaction).replace(/\d{8,15}/g, (digits) => maskMsisdn(digits));
}

/** Removes each secret as written and as a URL would carry it (credentials travel in query strings). */
function scrubSecrets(text: string, redaction: Redaction): string {
  let out = text;
  for (const secret of redaction.secretValues ?? []) {
    if (secret.length < 4) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ]);
    for (const form of forms) out = out.split(form).join(REDACTED);
  }
  return out;
}

function lowerSet(base: readonly string[], extra: readonly string[] | undefined): Set<string> {
  return new Set([...base, ...(extra ?? [])].map((name) => name.toLowerCase()));
}
