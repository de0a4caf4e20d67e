/** Django's `django/views/decorators/http.py`: method restrictions and conditional views. */
import { types } from 'node:util';
import type { Request, Response } from 'express';
import type { ViewDecorator, ViewResult } from '../types.js';
import type { HttpResponseBase } from '../../http/response-base.js';
import { ProblemDetailsResponse } from '../../http/problem-details-response.js';
import { HttpResponseNotAllowed } from '../../http/response.js';
import { prefersJson } from '../../utils/negotiate.js';
import { getConditionalResponse, httpDate, patchVaryHeaders, quoteEtag } from '../../utils/cache.js';
import { describe } from '../../http/describe.js';
import { toEpochSeconds } from '../../utils/epoch-seconds.js';
import { decorator, labelDecorator, patchResult } from './wrap.js';

/**
 * Django's `require_http_methods`: the view answers only `methods` (upper-case, as Node
 * reports `req.method`); any other method gets 405 with `Allow: <methods>`, and the view is
 * not called. The 405 is Django's empty one, or, to a client that prefers JSON (`Accept`, as
 * `httpErrorHandler()` ranks it), an RFC 9457 problem with `Vary: Accept`.
 *
 * @throws TypeError when `methods` is not an array of strings; RangeError for a lower-case name.
 *
 * @example
 * ```ts
 * app.all('/comments', view(comments, requireHttpMethods(['GET', 'POST'])));
 * ```
 */
export function requireHttpMethods(methods: readonly string[]): ViewDecorator {
  if (!Array.isArray(methods) || !methods.every((method) => typeof method === 'string')) {
    throw new TypeError(`requireHttpMethods() needs an array of method names (got ${describe(methods)}).`);
  }
  const lower = methods.find((method) => method !== method.toUpperCase());
  if (lower !== undefined) {
    throw new RangeError(
      `requireHttpMethods() compares upper-case method names, as Node reports req.method: got ${JSON.stringify(lower)}, use ${JSON.stringify(lower.toUpperCase())}.`,
    );
  }
  const allowed = [...methods];
  return decorator(
    `requireHttpMethods(${JSON.stringify(allowed)})`,
    (next) => (req, res) => (allowed.includes(req.method) ? next(req, res) : notAllowed(req, allowed)),
  );
}

/** Django's 405, or the same as an RFC 9457 problem for a client that prefers JSON. */
function notAllowed(req: Request, allowed: readonly string[]): HttpResponseBase {
  if (!prefersJson(req)) return new HttpResponseNotAllowed(allowed);
  const problem = new ProblemDetailsResponse({ status: 405 }, { headers: { Allow: allowed.join(', ') } });
  return patchVaryHeaders(problem, ['Accept']);
}

/** Django's `require_GET`: only GET; anything else, HEAD included, gets 405 with `Allow: GET`. */
export const requireGET: ViewDecorator = labelDecorator(requireHttpMethods(['GET']), 'requireGET');

/** Django's `require_POST`: only POST; anything else gets 405 with `Allow: POST`. */
export const requirePOST: ViewDecorator = labelDecorator(requireHttpMethods(['POST']), 'requirePOST');

/** Django's `require_safe`: only GET and HEAD; anything else gets 405 with `Allow: GET, HEAD`. */
export const requireSafe: ViewDecorator = labelDecorator(requireHttpMethods(['GET', 'HEAD']), 'requireSafe');

/** Computes a validator from the request (and `res`), as the view would see them. */
export type ValidatorFunction<T> = (
  req: Request,
  res: Response,
) => T | null | undefined | Promise<T | null | undefined>;

/** The validators {@link condition} computes for the requested resource. */
export interface ConditionOptions {
  /**
   * The resource's entity tag: quoted (`'"v1"'`, `'W/"v1"'`), or unquoted and then made a
   * strong tag; `null`/`undefined` when the resource does not exist.
   * @defaultValue none: no entity tag is computed
   */
  etag?: ValidatorFunction<string>;
  /**
   * When the resource last changed, as a `Date` (Django's `last_modified_func` returns a
   * `datetime`), compared to the second; `null`/`undefined` when unknown. A number throws,
   * naming the `Date` to return instead.
   * @defaultValue none: no modification date is computed
   */
  lastModified?: ValidatorFunction<Date>;
}

/** The whole seconds since the epoch of `lastModified`'s `Date`, truncated as Django's `timegm(dt.utctimetuple())`. */
function lastModifiedSeconds(value: unknown): number {
  if (!types.isDate(value)) {
    const fix =
      typeof value === 'number'
        ? ` For epoch milliseconds return new Date(${value}); for seconds, new Date(${value} * 1000).`
        : '';
    throw new TypeError(
      `condition() option lastModified must return a Date, as Django's last_modified_func returns a datetime (got ${describe(value)}).${fix}`,
    );
  }
  return toEpochSeconds(value, 'condition() option lastModified');
}

/**
 * Django's `condition`: compute the resource's `etag` and `lastModified` first, then answer
 * the request's preconditions as RFC 9110 §13.2.2 orders them (If-Match, If-Unmodified-Since,
 * If-None-Match, If-Modified-Since): 304 for GET and HEAD, 412 for other methods and for a
 * failed If-Match or If-Unmodified-Since, without calling the view. Otherwise the view runs.
 * For GET and HEAD, `ETag` and `Last-Modified` are added to the response unless the view set them.
 *
 * @example
 * ```ts
 * app.get('/articles/:id', view(showArticle, condition({
 *   etag: async (req) => (await db.articles.find(req.params.id))?.version,
 *   lastModified: async (req) => (await db.articles.find(req.params.id))?.updatedAt,
 * })));
 * ```
 */
export function condition(options: ConditionOptions): ViewDecorator {
  const { etag: etagOf, lastModified: lastModifiedOf } = options ?? {};
  for (const [name, fn] of [
    ['etag', etagOf],
    ['lastModified', lastModifiedOf],
  ] as const) {
    if (fn !== undefined && typeof fn !== 'function') {
      throw new TypeError(`condition() option ${name} must be a function (req) => value (got ${describe(fn)}).`);
    }
  }
  return decorator('condition()', (next) => async (req, res) => {
    const rawEtag = etagOf ? await etagOf(req, res) : undefined;
    const etag = rawEtag !== null && rawEtag !== undefined ? quoteEtag(String(rawEtag)) : undefined;
    const rawLastModified = lastModifiedOf ? await lastModifiedOf(req, res) : undefined;
    const lastModified =
      rawLastModified === null || rawLastModified === undefined ? undefined : lastModifiedSeconds(rawLastModified);

    const early: HttpResponseBase | undefined = getConditionalResponse(req, { etag, lastModified });
    const response: ViewResult | void = early ?? (await next(req, res));
    if (req.method !== 'GET' && req.method !== 'HEAD') return response;
    return patchResult(response, (target) => {
      // ResponseHeaders and a web Response's Headers share has() and set().
      const headers: Pick<Headers, 'has' | 'set'> = target.headers;
      if (lastModified !== undefined && !headers.has('Last-Modified')) {
        headers.set('Last-Modified', httpDate(lastModified));
      }
      if (etag !== undefined && !headers.has('ETag')) headers.set('ETag', etag);
    });
  });
}

/** Django's `etag(etag_func)`: {@link condition} with only an entity tag. */
export function etag(fn: ValidatorFunction<string>): ViewDecorator {
  return condition({ etag: fn });
}

/** Django's `last_modified(last_modified_func)`: {@link condition} with only a modification date. */
export function lastModified(fn: ValidatorFunction<Date>): ViewDecorator {
  return condition({ lastModified: fn });
}
