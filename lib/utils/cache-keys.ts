/**
 * Django's per-view cache keys (`django/utils/cache.py`: `learn_cache_key`, `get_cache_key`,
 * `_generate_cache_key`, `_generate_cache_header_key`), with Django's key format, so a key
 * names the same page as Django's would.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpResponseBase } from '../http/response-base.js';

/** What the keys read of a request: Express's `req` has all of it. */
export interface CacheKeyRequest {
  /** The request method, upper-case. */
  method: string;
  /** `http` or `https` (Express's `req.protocol`, which honours `trust proxy`). */
  protocol: string;
  /** The request target as the client sent it, query included (Express's `req.originalUrl`). */
  originalUrl: string;
  /** The request headers, lower-case names. */
  headers: IncomingHttpHeaders;
}

/** The get/set of a Keyv store, which is all the keys need. */
export interface KeyStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
}

/** Django's `cc_delim_re`. */
const LIST_DELIMITER = /\s*,\s*/;

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** Django's `request.build_absolute_uri()`: scheme, `Host` and the full path with the query. */
export function buildAbsoluteUri(req: CacheKeyRequest): string {
  const host = req.headers.host ?? '';
  return `${req.protocol}://${host}${req.originalUrl}`;
}

/** The request header Django's `META` name (`HTTP_ACCEPT_ENCODING`) stands for, or `undefined`. */
function metaValue(req: CacheKeyRequest, metaName: string): string | undefined {
  const name = metaName
    .replace(/^HTTP_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Django's `_generate_cache_key`: the page key from `method`, the absolute URI and the values
 * of the request headers in `headerList` (Django's `META` names, `HTTP_ACCEPT_ENCODING`). An
 * absent header hashes as `-,`, which no value can (RFC 9111 §4.1: absent is not empty).
 * No locale or time zone suffix: this package has no `USE_I18N`/`USE_TZ`, so the key is the
 * one Django makes with both off.
 */
export function generateCacheKey(
  req: CacheKeyRequest,
  method: string,
  headerList: readonly string[],
  keyPrefix: string,
): string {
  const ctx = createHash('md5');
  for (const header of headerList) {
    const value = metaValue(req, header);
    ctx.update(value ?? '-,', 'utf8');
  }
  const url = md5(buildAbsoluteUri(req));
  return `views.decorators.cache.cache_page.${keyPrefix}.${method}.${url}.${ctx.digest('hex')}`;
}

/** Django's `_generate_cache_header_key`: where the header list of a URL is kept. */
export function generateCacheHeaderKey(keyPrefix: string, req: CacheKeyRequest): string {
  return `views.decorators.cache.cache_header.${keyPrefix}.${md5(buildAbsoluteUri(req))}`;
}

/** The header list a store returned, if it is one (anything else counts as none). */
function asHeaderList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((name) => typeof name === 'string') ? value : undefined;
}

/**
 * Django's `get_cache_key`: the page key for `req` from the header list learnt for its URL,
 * or `undefined` when none is stored yet (the page must be built).
 */
export async function getCacheKey(
  req: CacheKeyRequest,
  keyPrefix: string,
  method: string,
  cache: KeyStore,
): Promise<string | undefined> {
  const headerList = asHeaderList(await cache.get(generateCacheHeaderKey(keyPrefix, req)));
  return headerList === undefined ? undefined : generateCacheKey(req, method, headerList, keyPrefix);
}

/**
 * Django's `learn_cache_key`: store the request headers the response's `Vary` names (as
 * sorted `META` names) under the URL's header key for `cacheTimeout` seconds, and return the
 * page key for `req`. Resolves to `false` in place of the key when the store refused the write.
 */
export async function learnCacheKey(
  req: CacheKeyRequest,
  response: HttpResponseBase,
  cacheTimeout: number,
  keyPrefix: string,
  cache: KeyStore,
): Promise<string | false> {
  const vary = response.get('Vary');
  const headerList = vary
    ? vary
        .split(LIST_DELIMITER)
        .filter((name) => name !== '')
        .map((name) => `HTTP_${name.toUpperCase().replace(/-/g, '_')}`)
        .sort()
    : [];
  const stored = await cache.set(generateCacheHeaderKey(keyPrefix, req), headerList, cacheTimeout * 1000);
  if (stored === false) return false;
  return generateCacheKey(req, req.method, headerList, keyPrefix);
}
