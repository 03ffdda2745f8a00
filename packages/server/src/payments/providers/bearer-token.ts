import type { Authorization, Authorizer, CallSpec, ProviderClient, Verdict } from './provider-client.js';
import type { CallLog } from './types.js';

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

export type TokenFetch = (
  log: CallLog,
) => Promise<{ ok: true; grant: TokenGrant } | { ok: false; verdict: Verdict }>;

/** Refresh this long before expiry, or at half the lifetime for tokens that live under two minutes. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Caches one bearer token: fetched once however many calls ask at the same moment, reused until shortly before
 * it expires, and dropped when the provider refuses it so the next call fetches a fresh one.
 */
export class BearerTokenCache implements Authorizer {
  private cached: { header: string; refreshAt: number } | undefined;
  private inflight: Promise<Authorization> | undefined;

  constructor(
    private readonly fetchToken: TokenFetch,
    private readonly now: () => number = Date.now,
  ) {}

  authorize(log: CallLog): Promise<Authorization> {
    if (this.cached && this.now() < this.cached.refreshAt) {
      return Promise.resolve({ ok: true, header: this.cached.header });
    }
    this.inflight ??= this.fetch(log).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(header: string): void {
    if (this.cached?.header === header) this.cached = undefined;
  }

  private async fetch(log: CallLog): Promise<Authorization> {
    const result = await this.fetchToken(log);
    if (!result.ok) return result;
    const lifetimeMs = result.grant.expiresInSeconds * 1000;
    const header = `Bearer ${result.grant.accessToken}`;
    this.cached = {
      header,
      refreshAt: this.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
    return { ok: true, header };
  }
}

/** `{access_token, expires_in}` where `expires_in` may be a number or a numeric string (Airtel sends both). */
export function parseTokenGrant(json: unknown): TokenGrant | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { access_token: accessToken, expires_in: expiresIn } = json as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  const seconds = typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
  const expiresInSeconds =
    typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  return { accessToken, expiresInSeconds };
}

/**
 * Fetches tokens through a provider client. A token that cannot be had means the payment call was never sent,
 * so whatever went wrong comes back as `unavailable`.
 */
export function tokenFetcher(client: ProviderClient, spec: CallSpec): TokenFetch {
  return async (log) => {
    const verdict = await client.call(spec, log);
    const { exchange } = verdict;
    const answered = verdict.decision === 'answered' && exchange?.kind === 'response';
    const grant = answered ? parseTokenGrant(exchange.body.json) : undefined;
    if (grant) return { ok: true, grant };
    const reason = answered ? `${verdict.reason}: no access_token in the answer` : verdict.reason;
    return { ok: false, verdict: { ...verdict, decision: 'unavailable', reason } };
  };
}
