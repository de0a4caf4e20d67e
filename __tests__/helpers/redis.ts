/**
 * A real redis-server for a test (bench/redis.ts starts it: a free loopback port, no
 * persistence, stopped after). Required where redis-server is installed or `CI=true`
 * (.ci/run installs it), skipped with a warning elsewhere.
 */
import { redisAvailable } from '../../bench/redis.js';

export { freePort, redisAvailable, startRedis, type RedisServer } from '../../bench/redis.js';

/** `describe` where Redis must be tested (installed, or `CI=true`), else `describe.skip` after a warning. */
export function describeWithRedis(what: string): jest.Describe {
  const available = redisAvailable();
  if (!available) console.warn(`${what} skipped: redis-server is not installed (apt-get install -y redis-server)`);
  return available || process.env.CI === 'true' ? describe : describe.skip;
}
