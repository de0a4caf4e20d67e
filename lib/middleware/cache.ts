/**
 * Django's cache middleware (`django/middleware/cache.py`): `UpdateCacheMiddleware`,
 * `FetchFromCacheMiddleware` and `CacheMiddleware`, the per-site and per-view page cache that
 * `cachePage` is derived from.
 */
import type { Request } from 'express';
import { MiddlewareMixin, type HookResult } from './mixin.js';
import type { ViewResult } from '../views/types.js';
import { isHttpResponse } from '../http/response-base.js';
import { HttpResponse } from '../http/response.js';
import { describe } from '../http/describe.js';
import { getMaxAge, hasVaryHeader, patchResponseHeaders } from '../utils/cache.js';
import { getCacheKey, learnCacheKey, type KeyStore } from '../utils/cache-keys.js';
import { fromCachedPage, toCachedPage } from '../utils/cached-page.js';
import { defaultStore, type CachePageStore } from '../utils/cache-store.js';
import { StoreGuard } from '../utils/store-guard.js';

export type { CachePageStore } from '../utils/cache-store.js';

/** Options of {@link UpdateCacheMiddleware}, {@link FetchFromCacheMiddleware} and {@link CacheMiddleware}. */
export interface CacheMiddlewareOptions {
  /**
   * How long a page stays in the cache, in seconds, whatever the view's own `max-age`
   * (Django's `page_timeout`, which `cache_page(timeout)` sets).
   * @defaultValue the response's `max-age` when it has one, else `cacheTimeout`
   */
  pageTimeout?: number;
  /**
   * Seconds a page is kept when neither `pageTimeout` nor the response's `max-age` says
   * (Django's `CACHE_MIDDLEWARE_SECONDS`). @defaultValue 600
   */
  cacheTimeout?: number;
  /**
   * Where pages are kept: any `Keyv` instance, e.g. `new Keyv(new KeyvRedis('redis://…'))`
   * (`@keyv/redis`) for a cache shared by every process and machine. Django's `cache_alias`.
   * @defaultValue one in-memory LRU store per process (1000 entries, 64 MiB), shared by every
   *   cache middleware without a `cache`, as Django's default `LocMemCache`
   */
  cache?: CachePageStore;
  /** Keeps the pages of different sites (or versions) apart in one store (Django's `CACHE_MIDDLEWARE_KEY_PREFIX`). @defaultValue `''` */
  keyPrefix?: string;
  /**
   * Called once per outage when the store fails (an error, or no answer within
   * `storeTimeout`); the view is then served uncached, never as a 500.
   * @defaultValue `console.warn` of one line naming the failure
   */
  onError?: (err: unknown) => void;
  /**
   * Seconds a read or write of the store may take, as `sessionMiddleware`'s `storeTimeout`;
   * at most 60. A larger number (such as milliseconds) throws, naming the seconds to write.
   * @defaultValue 0.5
   */
  storeTimeout?: number;
}

/**
 * What `FetchFromCacheMiddleware` decided for a request, for `UpdateCacheMiddleware` (Django's
 * `request._cache_update_cache`): `'store'` after a miss, `'headers'` when the store failed
 * (the caching headers are still set), absent when nothing is to be updated.
 */
const updateCache = new WeakMap<object, 'store' | 'headers'>();

/** The longest `storeTimeout`, in seconds: a cache slower than this is better skipped. */
const MAX_STORE_TIMEOUT = 60;

/** The options of a cache middleware, checked, with their defaults. */
interface CacheSettings {
  pageTimeout: number | undefined;
  cacheTimeout: number;
  cache: KeyStore;
  keyPrefix: string;
  guard: StoreGuard;
}

/** The options, checked, with their defaults; `who` names the middleware in messages. */
function settings(who: string, options: CacheMiddlewareOptions): CacheSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${who} options must be an object such as { keyPrefix: 'site1' } (got ${describe(options)}).`);
  }
  const { pageTimeout, cacheTimeout = 600, cache, keyPrefix = '', storeTimeout = 0.5 } = options;
  const onError = options.onError ?? ((err: unknown) => warn(who, err));
  for (const [name, value] of [
    ['pageTimeout', pageTimeout],
    ['cacheTimeout', cacheTimeout],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new TypeError(`${who} option ${name} must be a number of seconds from 0 up (got ${describe(value)}).`);
    }
  }
  if (cache !== undefined && (typeof cache?.get !== 'function' || typeof cache.set !== 'function')) {
    throw new TypeError(`${who} option cache must be a Keyv instance, e.g. new Keyv() (got ${describe(cache)}).`);
  }
  if (typeof keyPrefix !== 'string') {
    throw new TypeError(`${who} option keyPrefix must be a string (got ${describe(keyPrefix)}).`);
  }
  if (typeof onError !== 'function') {
    throw new TypeError(`${who} option onError must be a function (err) => void (got ${describe(onError)}).`);
  }
  if (typeof storeTimeout !== 'number' || !(storeTimeout > 0)) {
    throw new TypeError(
      `${who} option storeTimeout must be a number of seconds above 0 (got ${describe(storeTimeout)}).`,
    );
  }
  if (storeTimeout > MAX_STORE_TIMEOUT) {
    throw new RangeError(
      `${who} option storeTimeout is in seconds, at most ${MAX_STORE_TIMEOUT} (got ${storeTimeout}): for ${storeTimeout} milliseconds write { storeTimeout: ${storeTimeout / 1000} }.`,
    );
  }
  return {
    pageTimeout: pageTimeout === undefined ? undefined : Math.floor(pageTimeout),
    cacheTimeout: Math.floor(cacheTimeout),
    cache: cache ?? defaultStore(),
    keyPrefix,
    guard: new StoreGuard(storeTimeout, onError),
  };
}

function warn(who: string, err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  console.warn(`${who}: the cache store failed (${reason}); serving views uncached until it answers again.`);
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
 * Django's `UpdateCacheMiddleware`, the response phase of the page cache: stores the pages
 * that {@link FetchFromCacheMiddleware} did not find. Kept, as Django keeps them: 200s of a
 * buffered `HttpResponse` (not streaming ones, not web `Response`s) that set no cookie and
 * whose `Cache-Control` holds neither `private` nor `no-store` nor `max-age=0`. They are given
 * `Expires` and `Cache-Control: max-age` (as are 304s); with `pageTimeout`, a `max-age` the
 * view set only shortens the header while the page stays `pageTimeout` in the cache. The key is
 * the absolute URL with its query and the values of the request headers the response's `Vary`
 * names, learnt per URL (Django's `learn_cache_key`).
 *
 * As in Django, it must run outside `FetchFromCacheMiddleware` (first in the list):
 * `app.use(viewMiddleware(UpdateCacheMiddleware.asMiddleware(o), …, FetchFromCacheMiddleware.asMiddleware(o)))`.
 *
 * @throws TypeError when an option is of the wrong type.
 */
export class UpdateCacheMiddleware extends MiddlewareMixin {
  /** The checked options: shared with the fetch phase when one class does both. */
  protected readonly settings: CacheSettings;

  constructor(options: CacheMiddlewareOptions = {}, who = new.target.name) {
    super();
    this.settings = settings(who, options);
  }

  /** Django's `process_response`: the caching headers, and the page stored after a miss. */
  override async processResponse(req: Request, response: ViewResult): Promise<ViewResult> {
    const update = updateCache.get(req);
    // Another copy of this package (ESM beside CommonJS) has its own HttpResponse: not cached.
    if (update === undefined || !isHttpResponse(response) || !(response instanceof HttpResponse)) return response;
    if (response.streaming || (response.statusCode !== 200 && response.statusCode !== 304)) return response;
    if (!mayStore(response)) return response;
    const { pageTimeout, cacheTimeout, cache, keyPrefix, guard } = this.settings;
    const maxAge = getMaxAge(response);
    if (maxAge === 0) return response;
    const timeout = pageTimeout ?? maxAge ?? cacheTimeout;
    patchResponseHeaders(response, timeout);
    if (update !== 'store' || timeout === 0 || response.statusCode !== 200) return response;
    const stored = await guard.run('write', async () => {
      const key = await learnCacheKey(req, response, timeout, keyPrefix, cache);
      return key !== false && (await cache.set(key, toCachedPage(response), timeout * 1000)) !== false;
    });
    if (!stored.ok) return response;
    if (stored.value) guard.recovered();
    else guard.fail(new Error('the cache store refused a write (a Keyv store that failed reports false)'));
    return response;
  }
}

/**
 * Django's `process_request` of `FetchFromCacheMiddleware`: the cached page for a GET or HEAD
 * (a HEAD is answered from the GET's entry when there is one), else nothing, noting for the
 * update phase whether to store the response. A store that fails or does not answer within
 * `storeTimeout` is reported once (`onError`) and skipped: the view is served uncached, and
 * the store is asked again a second later.
 */
async function fetchFromCache(req: Request, settings: CacheSettings): Promise<HookResult> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    updateCache.delete(req);
    return undefined;
  }
  const { cache, keyPrefix, guard } = settings;
  if (guard.resting) {
    updateCache.set(req, 'headers');
    return undefined;
  }
  const found = await guard.run('read', async () => {
    for (const method of req.method === 'HEAD' ? ['GET', 'HEAD'] : ['GET']) {
      const key = await getCacheKey(req, keyPrefix, method, cache);
      if (key === undefined) return undefined;
      const page = fromCachedPage(await cache.get(key));
      if (page !== undefined) return page;
    }
    return undefined;
  });
  if (!found.ok) {
    updateCache.set(req, 'headers');
    return undefined;
  }
  if (found.value === undefined) {
    updateCache.set(req, 'store');
    return undefined;
  }
  updateCache.delete(req);
  guard.recovered();
  return found.value;
}

/**
 * Django's `FetchFromCacheMiddleware`, the request phase of the page cache: answers a GET or
 * HEAD from the cache without running the view when the page is there. It must run inside
 * {@link UpdateCacheMiddleware} (last in the list), which stores what it did not find.
 *
 * @throws TypeError when an option is of the wrong type.
 */
export class FetchFromCacheMiddleware extends MiddlewareMixin {
  /** The checked options. */
  protected readonly settings: CacheSettings;

  constructor(options: CacheMiddlewareOptions = {}, who = new.target.name) {
    super();
    this.settings = settings(who, options);
  }

  /** Django's `process_request`: the cached page, or nothing to run the view. */
  override processRequest(req: Request): Promise<HookResult> {
    return fetchFromCache(req, this.settings);
  }
}

/**
 * Django's `CacheMiddleware`: both phases in one middleware, the per-view page cache that
 * `cachePage(seconds)` is (`decoratorFromMiddlewareWithArgs(CacheMiddleware)`), also usable
 * around every view: `app.use(viewMiddleware(CacheMiddleware.asMiddleware({ cacheTimeout: 60 })))`.
 * See {@link UpdateCacheMiddleware} for what is kept and {@link FetchFromCacheMiddleware} for
 * what is answered.
 *
 * @throws TypeError when an option is of the wrong type.
 */
export class CacheMiddleware extends UpdateCacheMiddleware {
  /** Django's `process_request`: the cached page, or nothing to run the view. */
  override processRequest(req: Request): Promise<HookResult> {
    return fetchFromCache(req, this.settings);
  }
}
