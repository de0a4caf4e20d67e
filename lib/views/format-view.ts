/**
 * Content negotiation for views, as Express's `res.format({ html, json, text })` and Django
 * 5.2's `request.get_preferred_type()`: one view answering by `Accept`, `Vary: Accept` added,
 * and a 406 listing the types offered when none is acceptable.
 */
import type { NextFunction, Request, Response } from 'express';
import { lookup } from 'mime-types';
import { describe } from '../http/describe.js';
import { JsonResponse } from '../http/json-response.js';
import { isHttpResponse } from '../http/response-base.js';
import { HttpResponse } from '../http/response.js';
import { isWebResponse } from '../http/web-response.js';
import { patchVaryHeaders } from '../utils/cache.js';
import type { ViewHandler, ViewResult } from './types.js';

/**
 * The 406 a {@link formatView} throws when the client accepts none of its types: `status` and
 * `statusCode` 406, `expose` true (its message lists the types, safe to show), and `types`,
 * as the error Express's `res.format` passes to `next(err)`. `httpErrorHandler()` shows the
 * message; `handlers: { 406: … }` answers it your way.
 */
export class NotAcceptable extends Error {
  /** `'NotAcceptable'`: the class name, kept in minified builds. */
  override readonly name: string = 'NotAcceptable';
  /** 406. */
  readonly status = 406;
  /** 406, for code that reads `statusCode`. */
  readonly statusCode = 406;
  /** `true`: the message (the types offered) is safe to show, as `http-errors` marks 4xx errors. */
  readonly expose = true;
  /** The media types offered, in the order given (`['text/plain', 'text/html', 'application/json']`). */
  readonly types: readonly string[];

  constructor(types: readonly string[]) {
    super(`Not Acceptable: this resource is available as ${types.join(', ')}.`);
    this.types = Object.freeze([...types]);
  }
}

/**
 * What a format's view returns: a response, or what `res.format`'s callbacks send — text or
 * bytes (sent with the negotiated type, text as UTF-8), or for a JSON type any JSON value.
 */
export type FormatResult = ViewResult | string | Uint8Array | object | number | boolean | null | void;

/** The view of one format: a view, whose result may also be a {@link FormatResult}. */
export type FormatHandler = (req: Request, res: Response, next?: NextFunction) => FormatResult | Promise<FormatResult>;

/**
 * The formats of a {@link formatView}, by media type (`'text/html'`, `'application/json; q=0.5'`)
 * or file extension (`html`, `json`, `text`, `csv`), in the order that wins a tie (and answers a
 * request without `Accept`), and `default` for a client that accepts none of them.
 */
export type Formats = Readonly<Record<string, FormatHandler>> & {
  /** The view for a request that accepts none of the others. @defaultValue none: a 406 listing the types offered */
  readonly default?: FormatHandler;
};

/** A format key's media type: a type as given (parameters dropped), an extension looked up. */
function mediaTypeOf(key: string): string {
  if (key.includes('/')) return (key.split(';')[0] as string).trim();
  return lookup(key) || 'application/octet-stream';
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(type);
}

/**
 * Django 5.2's `request.get_preferred_type(media_types)`: of `mediaTypes`, the one the
 * client's `Accept` prefers, or `null` when it accepts none. Ranked as Express ranks them
 * (`req.accepts`: quality, then specificity, then the order given); no `Accept` accepts all,
 * so the first is preferred.
 *
 * @example
 * ```ts
 * if (getPreferredType(req, ['text/html', 'application/json']) === 'application/json') ...
 * ```
 */
export function getPreferredType<T extends string>(req: Pick<Request, 'accepts'>, mediaTypes: readonly T[]): T | null {
  if (!Array.isArray(mediaTypes) || mediaTypes.length === 0) return null;
  if (typeof req?.accepts !== 'function') {
    throw new TypeError(
      `getPreferredType() needs the Express request, whose accepts() it uses (got ${describe(req)}).`,
    );
  }
  const best = req.accepts(mediaTypes as string[]);
  return best === false ? null : (best as T);
}

/** The response for what a format's view returned, sent as `type`. */
function asResponse(result: FormatResult, type: string | undefined): ViewResult | void {
  if (result === undefined || isHttpResponse(result) || isWebResponse(result)) return result;
  if (typeof result === 'string') {
    return new HttpResponse(result, type === undefined ? undefined : { contentType: `${type}; charset=utf-8` });
  }
  if (result instanceof Uint8Array) {
    return new HttpResponse(result, { contentType: type ?? 'application/octet-stream' });
  }
  if (type !== undefined && isJsonType(type)) {
    return new JsonResponse(result, { safe: false, ...(type === 'application/json' ? {} : { contentType: type }) });
  }
  throw new TypeError(
    `A formatView() format answering ${type ?? 'by default'} must return a response, text or bytes${type !== undefined && isJsonType(type) ? '' : ', or a JSON value for a JSON type'} (got ${describe(result)}).`,
  );
}

/**
 * A view answering by `Accept`, as Express's `res.format()`: the format whose type the client
 * prefers answers, through its own view; a request without `Accept` gets the first. The
 * response gets `Vary: Accept`. A format's view may return a response, or text, bytes or (for a
 * JSON type) a JSON value, sent with the negotiated type as `res.format` sends it. When the
 * client accepts none of the types, `default` answers if given, else a {@link NotAcceptable}
 * (406, listing the types) goes to the error handler, as Express's.
 *
 * @param formats - views by media type or extension, in order of preference; `default` last.
 * @throws TypeError when `formats` has no format, or one that is not a function.
 *
 * @example
 * ```ts
 * app.get('/users', view(formatView({
 *   html: (req) => render(req, 'users.njk', { users }),
 *   json: () => users,                     // JSON
 *   text: () => users.map((u) => u.name).join('\n'),
 * })));
 * ```
 */
export function formatView(formats: Formats): ViewHandler {
  if (typeof formats !== 'object' || formats === null || Array.isArray(formats)) {
    throw new TypeError(
      `formatView() takes the views by media type, e.g. formatView({ html: (req) => ..., json: (req) => ... }) (got ${describe(formats)}).`,
    );
  }
  const keys = Object.keys(formats).filter((key) => key !== 'default');
  const fallback = formats.default;
  for (const [key, handler] of Object.entries(formats)) {
    if (typeof handler !== 'function') {
      throw new TypeError(
        `formatView() format ${JSON.stringify(key)} must be a view, (req, res) => response (got ${describe(handler)}).`,
      );
    }
  }
  if (keys.length === 0 && fallback === undefined) {
    throw new TypeError('formatView() needs at least one format, e.g. formatView({ json: (req) => data }).');
  }
  const types = keys.map(mediaTypeOf);

  const negotiated = async (req: Request, res: Response, next?: NextFunction): Promise<ViewResult | void> => {
    const key = keys.length === 0 ? false : req.accepts(keys);
    let result: ViewResult | void;
    if (key === false) {
      if (fallback === undefined) throw new NotAcceptable(types);
      result = asResponse(await fallback(req, res, next), undefined);
    } else {
      const handler = formats[key] as FormatHandler;
      result = asResponse(await handler(req, res, next), types[keys.indexOf(key)]);
    }
    if (isHttpResponse(result)) return patchVaryHeaders(result, ['Accept']);
    if (isWebResponse(result)) {
      const copy = new Response(result.body, result);
      patchVaryHeaders(copy, ['Accept']);
      return copy;
    }
    return result;
  };
  Object.defineProperty(negotiated, 'name', { value: 'formatView', configurable: true });
  return negotiated as ViewHandler;
}
