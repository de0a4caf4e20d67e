/**
 * Django's `django/utils/cache.py`: patching `Cache-Control` and `Vary`, never-cache headers,
 * and the conditional-request evaluation the `condition` decorator uses.
 */
import type { IncomingMessage } from 'node:http';
import { putCookie } from '../http/cookies.js';
import { toHeaderName } from '../http/headers.js';
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';
import { HttpResponse, HttpResponseNotModified } from '../http/response.js';
import { describe } from '../http/describe.js';
import { evaluatePreconditions, preconditionFailedText, type FailedPrecondition } from './conditional.js';
import { httpDate } from './http.js';
import { toEpochSeconds } from './epoch-seconds.js';

// The date and entity-tag parsers live in utils/http.ts (Django's django/utils/http.py); kept
// importable from here too.
export { httpDate, parseEtags, parseHttpDate, quoteEtag } from './http.js';

/** A response whose headers the helpers patch: one of this package's, or a web `Response`. */
export type PatchableResponse = HttpResponseBase | Response;

/**
 * `Cache-Control` directives in camelCase (`maxAge` → `max-age`, `sMaxage` → `s-maxage`,
 * `noCache` → `no-cache`): `true` writes the bare directive, a string or number writes
 * `directive=value`, `false` and `undefined` write nothing. Any other directive may be given
 * the same way (`{ 'stale-if-error': 60 }` or `{ staleIfError: 60 }`).
 */
export interface CacheControlOptions {
  /** `max-age=N` (seconds). Merged with an existing `max-age`, the smaller wins. @defaultValue none: left as the response has it */
  maxAge?: number;
  /** `s-maxage=N` (seconds). @defaultValue none: left as the response has it */
  sMaxage?: number;
  /** `public`; replaces an existing `private`. @defaultValue none: left as the response has it */
  public?: boolean;
  /** `private` (or `private="Field"`); replaces an existing `public`. @defaultValue none: left as the response has it */
  private?: boolean | string;
  /** `no-cache` (or `no-cache="Field"`, which may be given several times across calls). @defaultValue none: left as the response has it */
  noCache?: boolean | string;
  /** `no-store`. @defaultValue none: left as the response has it */
  noStore?: boolean;
  /** `no-transform`. @defaultValue none: left as the response has it */
  noTransform?: boolean;
  /** `must-revalidate`. @defaultValue none: left as the response has it */
  mustRevalidate?: boolean;
  /** `proxy-revalidate`. @defaultValue none: left as the response has it */
  proxyRevalidate?: boolean;
  /** `immutable`. @defaultValue none: left as the response has it */
  immutable?: boolean;
  /** `stale-while-revalidate=N` (seconds). @defaultValue none: left as the response has it */
  staleWhileRevalidate?: number;
  /** `stale-if-error=N` (seconds). @defaultValue none: left as the response has it */
  staleIfError?: number;
  /** Any other directive. */
  [directive: string]: boolean | string | number | undefined;
}

interface HeaderAccess {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  has(name: string): boolean;
}

function headersOf(response: PatchableResponse): HeaderAccess {
  if (isHttpResponse(response)) {
    return {
      get: (name) => response.get(name),
      set: (name, value) => void response.set(name, value),
      has: (name) => response.has(name),
    };
  }
  const headers = response.headers;
  return {
    get: (name) => headers.get(name) ?? undefined,
    set: (name, value) => headers.set(name, value),
    has: (name) => headers.has(name),
  };
}

/** Django's `cc_delim_re`: the comma, with any spaces around it, between list members. */
const LIST_DELIMITER = /\s*,\s*/;

/** `maxAge` → `max-age`, `sMaxage` → `s-maxage`, `no_cache` → `no-cache`, `'no-cache'` unchanged. */
function directiveName(key: string): string {
  return key
    .replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
    .replace(/_/g, '-')
    .toLowerCase();
}

/**
 * Django's `patch_cache_control`: add `directives` to the response's `Cache-Control`,
 * keeping the directives already there. A new `max-age` merged with an existing one keeps
 * the smaller; `public` removes `private` and vice versa; `no-cache` collects field names
 * (a bare `no-cache` wins over them).
 *
 * @example
 * ```ts
 * patchCacheControl(response, { maxAge: 3600, public: true }); // Cache-Control: max-age=3600, public
 * ```
 */
export function patchCacheControl<R extends PatchableResponse>(response: R, directives: CacheControlOptions): R {
  const headers = headersOf(response);
  // Values are `true` (bare directive) or the text after `=`; no-cache keeps a set, as Django's.
  const cc = new Map<string, true | string | Set<true | string>>();
  const add = (name: string, value: true | string): void => {
    if (name === 'no-cache') {
      const existing = cc.get(name);
      const values = existing instanceof Set ? existing : new Set<true | string>();
      values.add(value);
      cc.set(name, values);
    } else {
      cc.set(name, value);
    }
  };
  const current = headers.get('Cache-Control');
  if (current) {
    for (const field of current.split(LIST_DELIMITER)) {
      const eq = field.indexOf('=');
      if (eq === -1) add(field.toLowerCase(), true);
      else add(field.slice(0, eq).toLowerCase(), field.slice(eq + 1));
    }
  }
  const given = new Map<string, true | string>();
  for (const [key, value] of Object.entries(directives)) {
    if (value === undefined || value === false) continue;
    if (value !== true && typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`cacheControl option ${key} must be true, a string or a number (got ${describe(value)}).`);
    }
    given.set(directiveName(key), value === true ? true : String(value));
  }
  const newMaxAge = given.get('max-age');
  const oldMaxAge = cc.get('max-age');
  if (typeof newMaxAge === 'string' && typeof oldMaxAge === 'string') {
    const merged = Math.min(Number.parseInt(oldMaxAge, 10), Number(newMaxAge));
    if (!Number.isNaN(merged)) given.set('max-age', String(merged));
  }
  if (cc.has('private') && given.has('public')) cc.delete('private');
  else if (cc.has('public') && given.has('private')) cc.delete('public');
  for (const [name, value] of given) add(name, value);

  const rendered: string[] = [];
  const render = (name: string, value: true | string): string => (value === true ? name : `${name}=${value}`);
  for (const [name, value] of cc) {
    if (value instanceof Set) {
      if (value.has(true)) rendered.push(name);
      else for (const field of value) rendered.push(render(name, field));
    } else {
      rendered.push(render(name, value));
    }
  }
  headers.set('Cache-Control', rendered.join(', '));
  return response;
}

/**
 * Django's `get_max_age`: the `max-age` of the response's `Cache-Control` as an integer, or
 * `undefined` when there is none or it is not an integer.
 */
export function getMaxAge(response: PatchableResponse): number | undefined {
  const current = headersOf(response).get('Cache-Control');
  if (!current) return undefined;
  for (const field of current.split(LIST_DELIMITER)) {
    const [name, value] = field.split('=', 2);
    if (name?.toLowerCase() === 'max-age' && value !== undefined && /^\s*[+-]?\d+\s*$/.test(value)) {
      return Number.parseInt(value, 10);
    }
  }
  return undefined;
}

/**
 * Django's `add_never_cache_headers`: `Expires` now (unless the view set one) and
 * `Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private`, merged into any
 * `Cache-Control` already there.
 */
export function addNeverCacheHeaders<R extends PatchableResponse>(response: R): R {
  const headers = headersOf(response);
  if (!headers.has('Expires')) headers.set('Expires', httpDate(new Date()));
  patchCacheControl(response, { maxAge: 0 });
  return patchCacheControl(response, { noCache: true, noStore: true, mustRevalidate: true, private: true });
}

/**
 * Django's `patch_response_headers`: `Expires` `cacheTimeout` seconds from now (unless the
 * view set one) and `max-age=cacheTimeout` merged into `Cache-Control` (the smaller wins). A
 * negative timeout counts as 0.
 */
export function patchResponseHeaders<R extends PatchableResponse>(response: R, cacheTimeout: number): R {
  const seconds = Math.max(0, cacheTimeout);
  const headers = headersOf(response);
  if (!headers.has('Expires')) headers.set('Expires', httpDate(Date.now() / 1000 + seconds));
  return patchCacheControl(response, { maxAge: seconds });
}

/**
 * Django's `patch_vary_headers`: add `names` to the response's `Vary`, keeping the order and
 * what is already there, skipping names already present in any casing; a `*` anywhere makes
 * the header `*`.
 *
 * Written by hand rather than with `vary.append`, which keeps an existing value's spacing as
 * it was and drops repeated new names; Django normalises the one and keeps the other.
 *
 * @throws BadHeaderError when a name is not an HTTP header name.
 */
export function patchVaryHeaders<R extends PatchableResponse>(response: R, names: Iterable<string>): R {
  const headers = headersOf(response);
  const current = headers.get('Vary');
  const vary = current ? current.split(LIST_DELIMITER) : [];
  const existing = new Set(vary.map((name) => name.toLowerCase()));
  for (const name of names) {
    if (name !== '*') toHeaderName(name);
    if (!existing.has(name.toLowerCase())) vary.push(name);
  }
  headers.set('Vary', vary.includes('*') ? '*' : vary.join(', '));
  return response;
}

/** Django's `has_vary_header`: whether `name` (any casing) is listed in the response's `Vary`. */
export function hasVaryHeader(response: PatchableResponse, name: string): boolean {
  const current = headersOf(response).get('Vary');
  if (!current) return false;
  return current
    .split(LIST_DELIMITER)
    .map((field) => field.toLowerCase())
    .includes(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------
// Conditional requests (RFC 9110 §13.2.2), as Django's get_conditional_response.

/** The validators of the target resource, as `condition` computes them. */
export interface Validators {
  /** The quoted entity tag, or `undefined`. */
  etag?: string | undefined;
  /**
   * When the resource last changed: seconds since the epoch, as Django's `last_modified` and
   * {@link parseHttpDate}'s result, or a `Date`; `undefined` when unknown. A number past the
   * year 9999 (milliseconds, say) throws, naming the fix.
   */
  lastModified?: number | Date | undefined;
}

/** A 304 carrying the headers RFC 9110 §15.4.5 asks to keep, and the cookies, of `response`. */
function notModified(response: HttpResponseBase | undefined): HttpResponseNotModified {
  const result = new HttpResponseNotModified();
  if (response) {
    for (const name of ['Cache-Control', 'Content-Location', 'Date', 'ETag', 'Expires', 'Last-Modified', 'Vary']) {
      const value = response.get(name);
      if (value !== undefined) result.set(name, value);
    }
    for (const cookie of response.cookies.values()) putCookie(result.cookies, cookie);
  }
  return result;
}

/**
 * Django's `get_conditional_response`: evaluate the request's preconditions (RFC 9110
 * §13.2.2: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, in that order)
 * against `validators`. Returns a 412, a 304 (for GET and HEAD), or `response` (`undefined`
 * when none was given) when the request should be answered normally. A `response` that is
 * not 2xx is returned as it is.
 *
 * @throws RangeError when `lastModified` is a number past the year 9999 in seconds (such as
 *   milliseconds from `Date.now()`); TypeError when it is neither a number nor a `Date`.
 */
export function getConditionalResponse(
  req: Pick<IncomingMessage, 'headers' | 'method'>,
  validators: Validators,
  response?: HttpResponseBase,
): HttpResponseBase | undefined {
  if (response && !(response.statusCode >= 200 && response.statusCode < 300)) return response;
  const { etag, lastModified } = validators;
  const outcome = evaluatePreconditions(req.method, req.headers, {
    etag,
    lastModified:
      lastModified === undefined ? undefined : toEpochSeconds(lastModified, 'getConditionalResponse() lastModified'),
  });
  if (outcome.kind === 'not-modified') return notModified(response);
  if (outcome.kind === 'precondition-failed') return preconditionFailed(outcome.failed);
  return response;
}

/** A 412 with a short explanation (Django's has an empty body; RFC 9110 §15.5: a 4xx SHOULD explain itself). */
function preconditionFailed(failed: FailedPrecondition): HttpResponse {
  return new HttpResponse(preconditionFailedText(failed), { status: 412, contentType: 'text/plain; charset=utf-8' });
}
