const KEY_PATTERN = /\bmk_[a-z]+_[0-9A-Za-z]{8,}/g;
const URL_PASSWORD_PATTERN = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]+@/gi;

/** `mk_test_ab12…`: enough to recognise a key, useless to anyone reading a log or a screen share. */
export function maskKey(key: string): string {
  const match = /^(mk_[a-z]+_)([0-9A-Za-z]{4})[0-9A-Za-z]{4,}$/.exec(key);
  if (match) return `${match[1]}${match[2]}…`;
  return key.length >= 12 ? `${key.slice(0, 4)}…` : '…';
}

/** Masks API keys and URL passwords in free text (error details we did not write ourselves). */
export function redactSecrets(text: string): string {
  return text.replace(KEY_PATTERN, (key) => maskKey(key)).replace(URL_PASSWORD_PATTERN, '$1:***@');
}
