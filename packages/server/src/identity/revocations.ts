import type { Redis } from 'ioredis';
import type { Queryable } from '../platform/db/index.js';

/** Tokens logged out before they expire: refused by every server of the deployment until then. */
export interface RevocationList {
  revoke(jti: string, expiresAt: Date): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
}

/** In PostgreSQL: shared by every server on the database; expired rows are deleted by the hourly cleanup. */
export function databaseRevocations(db: Queryable): RevocationList {
  return {
    async revoke(jti, expiresAt) {
      await db.query(
        'INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING',
        [jti, expiresAt],
      );
    },
    async isRevoked(jti) {
      const { rows } = await db.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [jti]);
      return rows.length > 0;
    },
  };
}

/**
 * With `REDIS_URL`: written to PostgreSQL (the record) and to Redis, read from Redis (no database round trip on
 * every user request). Each Redis entry expires with its token; the server copies the record into Redis when
 * it starts, so turning Redis on (or a Redis restarted empty) forgets nothing that was revoked before.
 */
export async function redisRevocations(
  redis: Redis,
  db: Queryable,
  prefix = 'molam:revoked:',
): Promise<RevocationList> {
  const record = databaseRevocations(db);
  const expiry = (expiresAt: Date) => Math.ceil(expiresAt.getTime() / 1000);
  const remember = (jti: string, expiresAt: Date) =>
    redis.set(`${prefix}${jti}`, '1', 'EXAT', expiry(expiresAt));
  const { rows } = await db.query<{ jti: string; expires_at: Date }>(
    'SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > now()',
  );
  // One round trip for the whole record, however long.
  const copy = redis.pipeline();
  for (const row of rows) copy.set(`${prefix}${row.jti}`, '1', 'EXAT', expiry(row.expires_at));
  const failed = (await copy.exec())?.find(([error]) => error !== null);
  if (failed) throw failed[0];
  return {
    async revoke(jti, expiresAt) {
      await record.revoke(jti, expiresAt);
      await remember(jti, expiresAt);
    },
    async isRevoked(jti) {
      return (await redis.exists(`${prefix}${jti}`)) === 1;
    },
  };
}

export async function deleteExpiredRevocations(db: Queryable): Promise<void> {
  await db.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
}
