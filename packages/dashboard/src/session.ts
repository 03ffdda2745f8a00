/** The credential the dashboard calls the API with: kept in this tab's session storage, never in a URL. */
export interface Credential {
  /** An API key (`mk_…`) with `analytics:read`, or a Molam ID user token. */
  secret: string;
}

const KEY = 'molam.dashboard.credential';

export function loadCredential(storage: Storage = sessionStorage): Credential | null {
  const secret = storage.getItem(KEY);
  return secret ? { secret } : null;
}

export function saveCredential(credential: Credential, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, credential.secret);
}

export function forgetCredential(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/**
 * The code of a one-click sign-in link (`/dashboard/#code=…`), taken out of the address bar at once so that it
 * stays in no history entry, bookmark or screenshot; null when the page was opened without one.
 */
export function takeSignInCode(
  location: Location = window.location,
  history: History = window.history,
): string | null {
  const match = /^#code=([\w-]+)$/.exec(location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return match[1];
}
