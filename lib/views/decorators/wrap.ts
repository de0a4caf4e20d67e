/** Plumbing shared by the view decorators, and {@link makeDecorator} for writing your own. */
import type { NextFunction, Request, Response as ExpressResponse } from 'express';
import type { AnyViewHandler, ViewDecorator, ViewHandler, ViewResult } from '../types.js';
import { isHttpResponse } from '../../http/response-base.js';
import { isWebResponse } from '../../http/web-response.js';
import { describe } from '../../http/describe.js';
import type { PatchableResponse } from '../../utils/cache.js';
import { answerWhenMounted } from '../mount.js';
import { withViewNext } from '../view-next.js';
import { copyCsrfExempt } from '../../middleware/csrf/exempt.js';

/** Marks the package's decorators (and {@link makeDecorator}'s): its value is how to write one. */
const DECORATOR = Symbol.for('express-httpresponse.decorator');

/** How `value` is written in code, when it is a decorator made here (`'requireGET'`); else undefined. */
export function decoratorLabel(value: unknown): string | undefined {
  if (typeof value !== 'function') return undefined;
  const label = (value as { [DECORATOR]?: unknown })[DECORATOR];
  return typeof label === 'string' ? label : undefined;
}

/** Give `decorator` the name its messages use (`requireGET` rather than `requireHttpMethods(["GET"])`). */
export function labelDecorator<D extends object>(decorator: D, label: string): D {
  Object.defineProperty(decorator, DECORATOR, { value: label, configurable: true });
  return decorator;
}

/**
 * A {@link ViewDecorator} from `wrap`, whose view keeps the wrapped view's name (Django's
 * `functools.wraps`), so `view()`'s errors still name the view. The decorated view also
 * answers when Express mounts it without `view()` (see {@link answerWhenMounted}).
 *
 * @param label - how the decorator is written in code (`'neverCache'`, `'cachePage(seconds)'`), for messages.
 */
export function decorator(label: string, wrap: (next: AnyViewHandler) => ViewHandler): ViewDecorator {
  const decorate = (next: AnyViewHandler): AnyViewHandler => {
    if (typeof next !== 'function') {
      const name = decoratorLabel(decorate) ?? label;
      throw new TypeError(
        `${name} decorates a view function: write view(handler, ${name}) or ${name}(handler) (got ${describe(next)}).`,
      );
    }
    // The view gets the route's next even though the decorator calls it as next(req, res).
    const wrapped = wrap(withViewNext(next));
    if (typeof wrapped !== 'function') {
      throw new TypeError(
        `The decorator ${decoratorLabel(decorate) ?? label} must return a view, (req, res) => response (got ${describe(wrapped)}).`,
      );
    }
    const mounted = answerWhenMounted(wrapped, next.name);
    // As Django's functools.wraps keeps a view's csrf_exempt.
    copyCsrfExempt(next, mounted);
    return mounted;
  };
  return labelDecorator(decorate, label) as ViewDecorator;
}

/** What the view inside a {@link makeDecorator} decorator returned, awaited. */
export type DecoratedResult = ViewResult | void;

/**
 * The view a {@link makeDecorator} decorator calls: `req` carries the fields the decorator
 * added (`ReqExtra`), and the result is always a promise.
 */
export type NextView<ReqExtra extends object = object> = (
  req: Request & ReqExtra,
  res: ExpressResponse,
) => Promise<DecoratedResult>;

/** What {@link makeDecorator} returns: a decorator whose views may read `ReqExtra` on `req`. */
export type CustomDecorator<ReqExtra extends object = object> = <
  P = Request['params'],
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqQuery = Request['query'],
  LocalsObj extends Record<string, any> = Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
>(
  view: (
    req: Request<P, ResBody, ReqBody, ReqQuery, LocalsObj> & ReqExtra,
    res: ExpressResponse<ResBody, LocalsObj>,
    next?: NextFunction,
  ) => ViewResult | void | Promise<ViewResult | void>,
) => ViewHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj>;

/**
 * Write your own view decorator (Django's `def decorator(view): @wraps(view) def wrapper(request, …)`),
 * as this package writes `requireGET` and `neverCache`: `wrap` gets the decorated view as
 * `next` and returns the view that runs in its place. That view may answer without calling
 * `next` (a 403, a 400), set fields on `req` for the view (declare them as `ReqExtra`, and the
 * view sees them typed), and change the response `next` resolves to (`patchResult` edits its
 * headers whatever kind of response it is).
 *
 * The decorator keeps the view's name for `view()`'s messages, is recognised by `view()` (so
 * `view(myDecorator, handler)`, swapped, fails at registration), throws a message naming the
 * fix when it gets no view, and its views answer when mounted on Express without `view()`.
 *
 * @typeParam ReqExtra - the fields the decorator adds to `req`, e.g. `{ project: Project }`.
 * @param name - how the decorator is written in code, for error messages (`'authorize'`).
 * @param wrap - `(next) => (req, res) => response`; call `next(req, res)` to run the view.
 * @throws TypeError when `wrap` is not a function.
 *
 * @example
 * ```ts
 * const authorize = makeDecorator<{ project: Project }>('authorize', (next) => async (req, res) => {
 *   const project = await projects.byApiKey(req.get('X-Api-Key'));
 *   if (!project) return new HttpResponseForbidden('Wrong API key');
 *   const response = await next(Object.assign(req, { project }), res);
 *   return patchResult(response, (r) => patchVaryHeaders(r, ['X-Api-Key']));
 * });
 * app.get('/api/v1/checks', view(authorize(async (req) => new JsonResponse(req.project.checks))));
 * ```
 */
export function makeDecorator<ReqExtra extends object = object>(
  name: string,
  wrap: (
    next: NextView<ReqExtra>,
  ) => (req: Request, res: ExpressResponse) => ViewResult | void | Promise<ViewResult | void>,
): CustomDecorator<ReqExtra> {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(
      `makeDecorator() takes the decorator's name first, then the wrap function: makeDecorator('authorize', (next) => (req, res) => ...) (got ${describe(name)}).`,
    );
  }
  if (typeof wrap !== 'function') {
    throw new TypeError(
      `makeDecorator(${JSON.stringify(name)}, wrap) needs wrap, a function (next) => (req, res) => response (got ${describe(wrap)}).`,
    );
  }
  return decorator(name, (view) =>
    wrap(async (req, res) => await view(req, res)),
  ) as unknown as CustomDecorator<ReqExtra>;
}

/**
 * Let `patch` change the headers of what a view returned: a response of this package as it
 * is, a web `Response` through a copy (a `fetch()` result's headers are immutable); anything
 * else (the view wrote `res` itself) is returned untouched.
 *
 * @example
 * ```ts
 * const response = await next(req, res);
 * return patchResult(response, (r) => patchVaryHeaders(r, ['Origin']));
 * ```
 */
export function patchResult(
  result: ViewResult | void,
  patch: (response: PatchableResponse) => void,
): ViewResult | void {
  if (isHttpResponse(result)) {
    patch(result);
    return result;
  }
  if (isWebResponse(result)) {
    const copy = new Response(result.body, result);
    patch(copy);
    return copy;
  }
  return result;
}
