/** Django's `cache_page` (`django/views/decorators/cache.py`, `django/middleware/cache.py`). */
import type { Request } from 'express';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import type { ViewDecorator } from '../types.js';
import { isHttpResponse } from '../../http/response-base.js';
import { HttpResponse } from '../../http/response.js';
import { describe } from '../../http/describe.js';
import { getMaxAge, hasVaryHeader, patchResponseHeaders } from '../../utils/cache.js';
import { getCacheKey, learnCacheKey, type KeyStore } from '../../utils/cache-keys.js';
import { fromCachedPage, toCachedPage } from './cached-page.js';
import { StoreGuard } from './store-guard.js';
import { decorator } from './wrap.js';

/** The get/set of a Keyv instance: what {@link cachePage} uses of its `cache`. */
export type CachePageStore = Pick<Keyv, 'get' | 'set'>;

/** Options of {@link cachePage}. */
export interface CachePageOptions {
  /**
   * Where pages are kept: any `Keyv` instance, e.g. `new Keyv(new KeyvRedis('redis://…'))`
   * (`@keyv/redis`) for a cache shared by every process and machine. Django's `cache=` alias.
   * @defaultValue one in-memory LRU store per process (1000 entries, 64 MiB), shared by every
   *   `cachePage` without a `cache`, as Django's default `LocMemCache`
   */
  cache?: CachePageStore;
  /** Keeps the pages of different sites (or versions) apart in one store. @defaultValue `''` */
  keyPrefix?: string;
  /**
   * Called once per outage when the store fails (an error, or no answer within
   * `storeTimeout`); the view is then served uncached, never as a 500.
   * @defaultValue `console.warn` of one line naming the failure
   */
  onError?: (err: unknown) => void;
  /** How long a read or write of the store may take, in milliseconds. @defaultValue 500 */
  storeTimeout?: number;
}

const DEFAULT_STORE_KEY = Symbol.for('express-httpresponse.cachePage.defaultStore');

/** Roughly what an entry of the in-memory store holds, in bytes: its body, or a small constant. */
function entrySize(entry: unknown): number {
  const body = (entry as { value?: { body?: unknown } } | null)?.value?.body;
  return body instanceof Uint8Array ? body.byteLength + 512 : 512;
}

/**
 * A bounded in-memory Keyv store, as Django's `LocMemCache` is (it culls past 300 entries):
 * the least recently used pages go first. Keyv keeps the expiry inside each value; the TTL it
 * also passes to `set` is left out, since `lru-cache` takes options there, not a number.
 */
function lruStore(): Pick<Map<string, unknown>, 'get' | 'set' | 'delete' | 'clear'> {
  const lru = new LRUCache<string, NonNullable<unknown>>({
    max: 1000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: entrySize,
  });
  const store = {
    get: (key: string) => lru.get(key),
    set: (key: string, value: unknown) => {
      if (value !== undefined && value !== null) lru.set(key, value);
      return store as unknown as Map<string, unknown>;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
  };
  return store;
}

/**
 * The process's default store, shared by the ESM and CommonJS copies of this package. Its
 * entries stay objects (no serializer): nothing leaves the process, and a hit then costs no
 * JSON and no base64.
 */
function defaultStore(): CachePageStore {
  const holder = globalThis as { [DEFAULT_STORE_KEY]?: CachePageStore };
  if (holder[DEFAULT_STORE_KEY] === undefined) {
    const keyv = new Keyv({ store: lruStore() });
    keyv.serialize = undefined;
    keyv.deserialize = undefined;
    holder[DEFAULT_STORE_KEY] = keyv;
  }
  return holder[DEFAULT_STORE_KEY];
}

function warn(err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  console.warn(`cachePage(): the cache store failed (${reason}); serving views uncached until it answers again.`);
}

/** Whether Django's `UpdateCacheMiddleware` would keep `response`, status aside. */
function mayStore(response: HttpResponse): boolean {
  // Django skips a response that sets a cookie only when it varies on Cookie; any Set-Cookie
  // here, since a cookie stored with the page would be handed to every visitor.
  if (response.cookies.values().length > 0) return false;
  const cacheControl = (response.get('Cache-Control') ?? '').toLowerCase();
  // Django: `'private' in response.get('Cache-Control', ())`. RFC 9111 §5.2.2.5: no-store too.
  if (cacheControl.includes('private') || /(?:^|[\s,])no-store(?:$|[\s,])/.test(cacheControl)) return false;
  // RFC 9111 §4.1: a Vary of `*` never matches a later request.
  return !hasVaryHeader(response, '*');
}

/**
 * Django's `cache_page(timeout, cache=, key_prefix=)`: keep the view's GET and HEAD answers
 * for `seconds` and answer later requests for the same URL from the cache, without running
 * the view.
 *
 * Kept, as Django's `UpdateCacheMiddleware` keeps them: 200s of a buffered `HttpResponse`
 * (not streaming ones, not web `Response`s) that set no cookie and whose `Cache-Control`
 * holds neither `private` nor `no-store` nor `max-age=0`. They are given `Expires` and
 * `Cache-Control: max-age` (`patchResponseHeaders`, as are 304s); a `max-age` the view set
 * only shortens the header, while the page stays `seconds` in the cache (Django's page
 * timeout wins). The key is the absolute URL with its query and the values of the request
 * headers the response's `Vary` names, learnt per URL (`learn_cache_key`); a HEAD is
 * answered from the GET's entry when there is one.
 *
 * A store that fails or does not answer within `storeTimeout` is reported once (`onError`)
 * and skipped: the view is served uncached, and the store is asked again a second later.
 *
 * @throws TypeError when `seconds` is not a non-negative number, or an option is of the wrong type.
 *
 * @example
 * ```ts
 * app.get('/programme', view(programme, cachePage(60 * 15)));
 * // One cache for every process: npm install keyv @keyv/redis
 * const shared = new Keyv(new KeyvRedis('redis://localhost:6379'));
 * app.get('/talks', view(talks, cachePage(60, { cache: shared, keyPrefix: 'site1' })));
 * ```
 */
export function cachePage(seconds: number, options: CachePageOptions = {}): ViewDecorator {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError(`cachePage() needs the seconds to keep a page, a number from 0 up (got ${describe(seconds)}).`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `cachePage() options must be an object such as { keyPrefix: 'site1' } (got ${describe(options)}).`,
    );
  }
  const { cache: given, keyPrefix = '', onError = warn, storeTimeout = 500 } = options;
  if (given !== undefined && (typeof given?.get !== 'function' || typeof given.set !== 'function')) {
    throw new TypeError(`cachePage() option cache must be a Keyv instance, e.g. new Keyv() (got ${describe(given)}).`);
  }
  if (typeof keyPrefix !== 'string') {
    throw new TypeError(`cachePage() option keyPrefix must be a string (got ${describe(keyPrefix)}).`);
  }
  if (typeof onError !== 'function') {
    throw new TypeError(`cachePage() option onError must be a function (err) => void (got ${describe(onError)}).`);
  }
  if (typeof storeTimeout !== 'number' || !(storeTimeout > 0)) {
    throw new TypeError(
      `cachePage() option storeTimeout must be a number of milliseconds above 0 (got ${describe(storeTimeout)}).`,
    );
  }
  const cache: KeyStore = given ?? defaultStore();
  const guard = new StoreGuard(storeTimeout, onError);
  const timeout = Math.floor(seconds);

  /** Django's `FetchFromCacheMiddleware.process_request`: the cached page, or why there is none. */
  async function fetchPage(req: Request): Promise<HttpResponse | 'miss' | 'failed'> {
    const found = await guard.run('read', async () => {
      for (const method of req.method === 'HEAD' ? ['GET', 'HEAD'] : ['GET']) {
        const key = await getCacheKey(req, keyPrefix, method, cache);
        if (key === undefined) return undefined;
        const page = fromCachedPage(await cache.get(key));
        if (page !== undefined) return page;
      }
      return undefined;
    });
    if (!found.ok) return 'failed';
    if (found.value === undefined) return 'miss';
    guard.recovered();
    return found.value;
  }

  /**
   * Django's `UpdateCacheMiddleware.process_response`: the caching headers, and the page
   * stored when `store` (the store did not just fail) and it may be.
   */
  async function updateCache(req: Request, response: HttpResponse, store: boolean): Promise<void> {
    if (response.streaming || (response.statusCode !== 200 && response.statusCode !== 304)) return;
    if (!mayStore(response) || getMaxAge(response) === 0) return;
    patchResponseHeaders(response, timeout);
    if (!store || timeout === 0 || response.statusCode !== 200) return;
    const stored = await guard.run('write', async () => {
      const key = await learnCacheKey(req, response, timeout, keyPrefix, cache);
      return key !== false && (await cache.set(key, toCachedPage(response), timeout * 1000)) !== false;
    });
    if (!stored.ok) return;
    if (stored.value) guard.recovered();
    else guard.fail(new Error('the cache store refused a write (a Keyv store that failed reports false)'));
  }

  return decorator('cachePage()', (next) => async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(req, res);
    const cached = guard.resting ? 'failed' : await fetchPage(req);
    if (cached instanceof HttpResponse) return cached;
    const response = await next(req, res);
    // Another copy of this package (ESM beside CommonJS) has its own HttpResponse: not cached.
    if (isHttpResponse(response) && response instanceof HttpResponse) {
      await updateCache(req, response, cached === 'miss');
    }
    return response;
  });
}
