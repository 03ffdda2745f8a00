import { Redis } from 'ioredis';

/** The Redis the tests that need one use; they are skipped (saying why) where none answers. */
export const TEST_REDIS_URL = process.env.MOLAM_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export async function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {}); // the failure is the answer; do not print it
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
