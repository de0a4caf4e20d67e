/** Django's `cache` session engine, on a Keyv store (Redis through `@keyv/redis`, or any other). */
import { describe } from '../http/describe.js';
import { checkSessionValue, type SessionData, type SessionValue } from './json.js';
import { isStoredSessionKey } from './keys.js';
import { pickleSessionData, unpickleSessionData } from './pickle.js';
import { CreateError, UpdateError, type SessionSaveContext, type SessionStore } from './store.js';

/** Django's `django.contrib.sessions.backends.cache.KEY_PREFIX`. */
export const CACHE_KEY_PREFIX = 'django.contrib.sessions.cache';

/** The part of a Keyv instance this store uses. */
export interface KeyvLike {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key`, for `ttl` milliseconds (Keyv's unit) when given. */
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
  /** Removes `key`. */
  delete(key: string): Promise<unknown>;
  /** Whether `key` is stored. */
  has?(key: string): Promise<boolean>;
  /** The adapter: `@keyv/redis`'s has the Redis client the pickle serializer talks to. */
  store?: unknown;
}

/** The commands of a node-redis client (v4/v5) the pickle serializer sends. */
interface RedisClientLike {
  set(key: string, value: Buffer, options: { EX: number; NX?: true; XX?: true }): Promise<unknown>;
  del(key: string): Promise<unknown>;
  withTypeMapping?(mapping: Record<number, unknown>): { get(key: string): Promise<unknown> };
}

/** Options of {@link CacheSessionStore}. */
export interface CacheSessionStoreOptions {
  /**
   * How a session is stored:
   * - `'json'` (default): the session as an object through the Keyv instance (its own
   *   namespace, serializer and TTL): any Keyv store, for sessions only Node reads;
   * - `'pickle'`: the bytes Django's own `RedisCache` stores, `pickle.dumps(session_dict)`,
   *   straight on the Redis client of an `@keyv/redis` store under Django's key
   *   (`:1:django.contrib.sessions.cache<key>`), whatever the Keyv namespace and serializer:
   *   a Django site with `SESSION_ENGINE = "django.contrib.sessions.backends.cache"` on the same
   *   Redis reads and writes the same sessions. Only JSON-typed values are read (a session
   *   holding a Python `datetime` or `set` is read as a new one).
   * @defaultValue 'json'
   */
  serializer?: 'json' | 'pickle';
  /** Django's cache `KEY_PREFIX` (`CACHES['default']['KEY_PREFIX']`). @defaultValue '' */
  keyPrefix?: string;
  /** Django's cache `VERSION`. @defaultValue 1 */
  version?: number;
}

/** RESP's blob string type, for node-redis's `withTypeMapping`: read values as bytes. */
const RESP_BLOB_STRING = 36;

/**
 * Django's `django.contrib.sessions.backends.cache`: each session under the cache key
 * `<keyPrefix>:<version>:django.contrib.sessions.cache<sessionKey>` (Django's
 * `default_key_func`; by default `:1:django.contrib.sessions.cache…`), expiring with the
 * session (`SET … EX expiryAge`). As with Django's, nothing is signed — the data is only as safe
 * as the cache — and sessions go when the cache evicts them.
 *
 * @example
 * ```ts
 * import Keyv from 'keyv';
 * import KeyvRedis from '@keyv/redis';
 * const store = new CacheSessionStore(new Keyv(new KeyvRedis('redis://localhost:6379')), { serializer: 'pickle' });
 * app.use(sessionMiddleware({ secretKey, store }));
 * ```
 */
export class CacheSessionStore implements SessionStore {
  readonly #keyv: KeyvLike;
  readonly #pickle: boolean;
  readonly #prefix: string;

  /** @throws TypeError when `keyv` is not a Keyv instance, or `'pickle'` is asked of a store that is not `@keyv/redis`. */
  constructor(keyv: KeyvLike, options: CacheSessionStoreOptions = {}) {
    if (keyv === null || typeof keyv !== 'object' || typeof keyv.get !== 'function' || typeof keyv.set !== 'function') {
      throw new TypeError(
        `CacheSessionStore needs a Keyv instance, e.g. new Keyv(new KeyvRedis('redis://localhost:6379')) (got ${describe(keyv)}).`,
      );
    }
    const { serializer = 'json', keyPrefix = '', version = 1 } = options;
    if (serializer !== 'json' && serializer !== 'pickle') {
      throw new TypeError(
        `CacheSessionStore option serializer must be 'json' or 'pickle' (got ${describe(serializer)}).`,
      );
    }
    if (serializer === 'pickle' && !onRedis(keyv)) {
      throw new TypeError(
        "CacheSessionStore with serializer: 'pickle' writes Django's RedisCache bytes straight to Redis: give it a Keyv on @keyv/redis (new Keyv(new KeyvRedis(url))).",
      );
    }
    if (typeof keyPrefix !== 'string' || !Number.isSafeInteger(version)) {
      throw new TypeError(
        `CacheSessionStore options keyPrefix (a string) and version (an integer) are Django's cache KEY_PREFIX and VERSION (got ${describe(keyPrefix)}, ${describe(version)}).`,
      );
    }
    this.#keyv = keyv;
    this.#pickle = serializer === 'pickle';
    this.#prefix = `${keyPrefix}:${version}:${CACHE_KEY_PREFIX}`;
  }

  /** The cache key of `sessionKey`, as Django's cache builds it. */
  cacheKey(sessionKey: string): string {
    return this.#prefix + sessionKey;
  }

  /** Only keys Django could have made are looked up. */
  acceptsKey(sessionKey: string): boolean {
    return isStoredSessionKey(sessionKey);
  }

  /** The session, or `null` when the cache has none (expired, evicted, unreadable). */
  async load(sessionKey: string): Promise<SessionData | null> {
    const stored = await this.#get(sessionKey);
    if (stored === undefined) return null;
    try {
      return this.#decode(stored);
    } catch {
      return null; // Django: any failure to read is a missing session.
    }
  }

  /** Django's `save`: an add (`SET NX`) with `mustCreate`, else a set of a key still there (else {@link UpdateError}). */
  async save(sessionKey: string, data: SessionData, context: SessionSaveContext): Promise<void> {
    const key = this.cacheKey(sessionKey);
    const ttl = context.expiryAge;
    if (ttl <= 0) {
      // Already expired (a past expiry): as Django's cache with a timeout of 0 or less, gone.
      await this.delete(sessionKey);
      return;
    }
    const client = this.#pickle ? await redisClientOf(this.#keyv) : undefined;
    if (client !== undefined) {
      const bytes = pickleSessionData(data);
      const answer = await client.set(key, bytes, context.mustCreate ? { EX: ttl, NX: true } : { EX: ttl, XX: true });
      if (answer === null || answer === undefined) {
        if (context.mustCreate) throw new CreateError(`Session key ${sessionKey} exists`);
        throw new UpdateError(`Session ${sessionKey} was deleted`);
      }
      return;
    }
    const exists = this.#keyv.has ? await this.#keyv.has(key) : (await this.#keyv.get(key)) !== undefined;
    if (context.mustCreate && exists) throw new CreateError(`Session key ${sessionKey} exists`);
    if (!context.mustCreate && !exists) throw new UpdateError(`Session ${sessionKey} was deleted`);
    await this.#keyv.set(key, Object.fromEntries(data), ttl * 1000);
  }

  /** Delete the session of `sessionKey` from the cache. */
  async delete(sessionKey: string): Promise<void> {
    const key = this.cacheKey(sessionKey);
    const client = this.#pickle ? await redisClientOf(this.#keyv) : undefined;
    if (client !== undefined) await client.del(key);
    else await this.#keyv.delete(key);
  }

  async #get(sessionKey: string): Promise<unknown> {
    const key = this.cacheKey(sessionKey);
    if (!this.#pickle) return this.#keyv.get(key);
    const client = await redisClientOf(this.#keyv);
    if (client?.withTypeMapping === undefined)
      throw new TypeError('The Redis client cannot read bytes (node-redis 4.6+ needed).');
    const value = await client.withTypeMapping({ [RESP_BLOB_STRING]: Buffer }).get(key);
    return value === null ? undefined : value;
  }

  #decode(stored: unknown): SessionData {
    if (this.#pickle) {
      if (!Buffer.isBuffer(stored)) throw new TypeError('Not bytes');
      return unpickleSessionData(stored);
    }
    if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) throw new TypeError('Not an object');
    const data: SessionData = new Map();
    for (const [key, value] of Object.entries(stored)) {
      checkSessionValue(key, value);
      data.set(key, value as SessionValue);
    }
    return data;
  }
}

/**
 * The connected node-redis client under a Keyv on `@keyv/redis` (its `getClient()`), or
 * `undefined` for any other store.
 */
function redisClientOf(keyv: KeyvLike): Promise<RedisClientLike | undefined> | undefined {
  if (!onRedis(keyv)) return undefined;
  const adapter = keyv.store as { getClient: () => Promise<unknown> };
  return adapter.getClient().then((client) => client as RedisClientLike);
}

/** Whether `keyv` stores on `@keyv/redis` (an adapter with a Redis client and `getClient()`). */
function onRedis(keyv: KeyvLike): boolean {
  const adapter = keyv.store as { getClient?: unknown; client?: unknown } | null | undefined;
  return typeof adapter?.getClient === 'function' && adapter.client !== undefined;
}
