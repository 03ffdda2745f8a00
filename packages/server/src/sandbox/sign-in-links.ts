import { randomBytes } from 'node:crypto';
import type { Schemas } from '@molam/contract';
import type { Actor } from '../audit/audit.js';
import { assertMayGrant, type Grantor } from '../keys/authority.js';
import { hashSecret } from '../keys/secrets.js';
import { createMerchantKey } from '../keys/service.js';
import { getMerchant } from '../merchants/service.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';

/** How long a link waits to be clicked, and how long the key it signs in with lasts (at most). */
const LINK_TTL_MS = 15 * 60_000;
const KEY_TTL_MS = 24 * 3_600_000;
/** What a dashboard session needs: figures, payments, webhooks and the live stream. */
const DASHBOARD_SCOPES: Schemas['Scope'][] = ['analytics:read', 'payments:read', 'webhooks:manage'];
const MAX_PENDING = 1000;

interface PendingLink {
  merchantId: string;
  grantor: NonNullable<Grantor>;
  actor: Actor;
  expiresAt: number;
  /** When the key it makes stops working: a day, or sooner when the minting key expires sooner. */
  keyExpiresAt: Date;
}

/**
 * One-click sign-in to a sandbox's dashboard. An admin key mints a link whose code (in the URL fragment, which
 * browsers never send to servers) can be redeemed once, within 15 minutes, for a new test key of that merchant
 * holding only the dashboard's scopes for a day. Codes live in this process's memory, hashed: a sandbox is one
 * process, and a restart simply voids them.
 */
export class SignInLinks {
  private readonly pending = new Map<string, PendingLink>();

  constructor(private readonly db: Database) {}

  async mint(
    merchantId: string,
    grantor: NonNullable<Grantor>,
    actor: Actor,
  ): Promise<Schemas['SignInLink']> {
    await getMerchant(this.db, merchantId, null); // 404 for an unknown merchant
    const now = Date.now();
    // Whatever would refuse the key is said now, to the admin, not later to whoever clicks the link.
    if (grantor.mode !== 'test') {
      throw new AppError(
        403,
        'mode_mismatch',
        'Sign-in links make test keys: mint them with a test admin key.',
      );
    }
    const dayLater = new Date(now + KEY_TTL_MS);
    const keyExpiresAt =
      grantor.expiresAt !== null && grantor.expiresAt < dayLater ? grantor.expiresAt : dayLater;
    assertMayGrant(grantor, { mode: 'test', scopes: DASHBOARD_SCOPES, expiresAt: keyExpiresAt });
    for (const [hash, link] of this.pending) if (link.expiresAt <= now) this.pending.delete(hash);
    if (this.pending.size >= MAX_PENDING) {
      throw new AppError(429, 'rate_limited', 'Too many unused sign-in links: use or let some expire first.');
    }
    const code = randomBytes(24).toString('base64url');
    const expiresAt = now + LINK_TTL_MS;
    this.pending.set(hashSecret(code), { merchantId, grantor, actor, expiresAt, keyExpiresAt });
    return {
      object: 'sign_in_link',
      merchant_id: merchantId,
      path: `/dashboard/#code=${code}`,
      expires_at: new Date(expiresAt).toISOString(),
    };
  }

  /** The key for a code, once; an unknown, used or expired code is one answer, so none can be told apart. */
  async redeem(
    code: string,
    redeemer: Pick<Actor, 'ip' | 'userAgent' | 'requestId'>,
  ): Promise<Schemas['SignIn']> {
    const hash = hashSecret(code);
    const link = this.pending.get(hash);
    // Taken out at once, so two clicks cannot both spend it; put back if no key could be made.
    this.pending.delete(hash);
    if (!link || link.expiresAt <= Date.now()) {
      throw new AppError(
        401,
        'invalid_sign_in_code',
        'This sign-in link was used already or has expired: run `molam dev sign-in-link` for a new one, or paste a key.',
      );
    }
    let key: Awaited<ReturnType<typeof createMerchantKey>>;
    try {
      key = await createMerchantKey(
        this.db,
        { ...link.actor, ...redeemer },
        link.grantor,
        link.merchantId,
        {
          name: 'dashboard sign-in link',
          mode: 'test',
          scopes: DASHBOARD_SCOPES,
          expires_at: link.keyExpiresAt.toISOString(),
        },
        { liveKeysAllowed: false },
      );
    } catch (error) {
      this.pending.set(hash, link);
      throw error;
    }
    return {
      object: 'sign_in',
      merchant_id: link.merchantId,
      key_id: key.id,
      secret: key.secret ?? '',
      expires_at: key.expires_at ?? '',
    };
  }
}
