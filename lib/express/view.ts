/** `view()`: an Express request handler from a function that returns a response. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';
import { writeResponse } from './send.js';
import { describe } from '../http/status.js';
import { isWebResponse } from './write-web-response.js';

/** What a view returns: one of this package's responses or a web `Response`. */
export type ViewResult = HttpResponseBase | globalThis.Response;

/**
 * A view: takes the request (and Express's `res`, for views that write it themselves) and
 * returns or resolves to a response. Generic over the route's params, body and query
 * exactly as Express's own `RequestHandler<P, ResBody, ReqBody, ReqQuery, Locals>`, so
 * `app.get('/users/:id', view((req) => ...req.params.id...))` infers `params.id: string`.
 */
export type ViewHandler<
  P = Request['params'],
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqQuery = Request['query'],
  LocalsObj extends Record<string, any> = Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
> = (
  req: Request<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
  res: Response<ResBody, LocalsObj>,
) => ViewResult | void | Promise<ViewResult | void>;

/** A view with any params, body and query: what a {@link ViewMiddleware} receives and returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyViewHandler = ViewHandler<any, any, any, any, any>;

/**
 * A Django-style middleware or view decorator: a view in, a view out.
 *
 * @example
 * ```ts
 * const noStore: ViewMiddleware = (next) => async (req, res) => {
 *   const response = await next(req, res);
 *   if (isHttpResponse(response)) response.set('Cache-Control', 'no-store');
 *   return response;
 * };
 * ```
 */
export type ViewMiddleware = (next: AnyViewHandler) => AnyViewHandler;

/**
 * A built-in view decorator (`requireGET`, `neverCache`, ...): a {@link ViewMiddleware}
 * that keeps the types of the view it wraps, so `requireGET((req) => ...)` still knows
 * `req.params`.
 */
export type ViewDecorator = <
  P = Request['params'],
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any
  ReqQuery = Request['query'],
  LocalsObj extends Record<string, any> = Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
>(
  next: ViewHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
) => ViewHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj>;

/**
 * What `viewMiddleware()` registered for each request, and the `processView` hooks deferred
 * until its view. Kept in weak maps rather than as properties of `req`: Express swaps the
 * prototype of every `req`, after which a property added to one gets it a hidden class of its
 * own, and every later read or write of any of its properties (by Express, Node or a view)
 * misses V8's caches. One registry per process (`Symbol.for` on `globalThis`), so the ESM and
 * CommonJS copies of this package, loaded side by side, see each other's middleware.
 */
interface ViewRegistry {
  /** How many times `viewMiddleware()` ran: while 0, `view()` need not look `req` up at all. */
  registrations: number;
  middleware: WeakMap<object, readonly ViewMiddleware[]>;
  hooks: WeakMap<object, DeferredViewHook[]>;
}

const REGISTRY_KEY = Symbol.for('express-httpresponse.viewRegistry');

const registry: ViewRegistry = ((globalThis as { [REGISTRY_KEY]?: ViewRegistry })[REGISTRY_KEY] ??= {
  registrations: 0,
  middleware: new WeakMap(),
  hooks: new WeakMap(),
});

const NONE: readonly ViewMiddleware[] = Object.freeze([]);

/** The middleware `viewMiddleware()` has registered on `req` so far, outermost first. */
export function viewMiddlewareOf(req: object): readonly ViewMiddleware[] {
  if (registry.registrations === 0) return NONE;
  return registry.middleware.get(req) ?? NONE;
}

/** Append `middleware` (innermost of those already there) to what every later `view()` on `req` runs. */
export function addViewMiddleware(req: object, middleware: readonly ViewMiddleware[]): void {
  registry.registrations++;
  const existing = registry.middleware.get(req);
  // The first registration shares the caller's (never mutated) list instead of copying it per request.
  registry.middleware.set(req, existing ? [...existing, ...middleware] : middleware);
}

/** A `processView` hook waiting for the view, as `MiddlewareMixin` defers it under `viewMiddleware()`. */
export type DeferredViewHook = (handler: AnyViewHandler) => unknown;

/**
 * Queue `hook` to run just before the view, after every app-wide middleware saw the request
 * (Django runs all `process_request` hooks, then all `process_view` hooks). Returns `false`
 * when no app-wide middleware is still on its way in: then the caller runs `hook` itself.
 */
export function deferUntilView(req: object, hook: DeferredViewHook): boolean {
  const queue = registry.hooks.get(req);
  if (queue === undefined) return false;
  queue.push(hook);
  return true;
}

/** `decorated`, preceded by the `processView` hooks the app-wide middleware deferred (in their order). */
function withDeferredViewHooks(decorated: AnyViewHandler): AnyViewHandler {
  return async (req, res) => {
    const queue = registry.hooks.get(req) ?? [];
    registry.hooks.delete(req);
    for (const hook of queue) {
      const answer = (await hook(decorated)) as ViewResult | void | null | undefined;
      if (answer) return answer;
    }
    return decorated(req, res);
  };
}

/** `middleware` wrapped around `handler` as Django stacks decorators: `[a, b]` gives `a(b(handler))`. */
export function applyViewMiddleware(handler: AnyViewHandler, middleware: readonly ViewMiddleware[]): AnyViewHandler {
  return middleware.reduceRight<AnyViewHandler>((next, wrap) => wrap(next), handler);
}

/** @throws TypeError naming `who` and the position of anything in `middleware` that is not a function. */
export function checkViewMiddleware(who: string, middleware: readonly unknown[]): void {
  middleware.forEach((wrap, index) => {
    if (typeof wrap !== 'function') {
      throw new TypeError(`${who} middleware #${index + 1} must be a function (next) => view, not ${describe(wrap)}.`);
    }
  });
}

/**
 * Turn `handler` into an Express request handler. The response it returns is written
 * with {@link sendResponse}; a thrown or rejected error reaches `next(err)` exactly once
 * (on Express 4 and 5). Returning anything other than a response is an error that names
 * the view, unless the handler already sent a response through `res` itself.
 *
 * `middleware` wrap the handler as Django decorators stack: `view(h, a, b)` runs `a(b(h))`,
 * the same as `view(a(b(h)))`. Middleware registered earlier with `app.use(viewMiddleware(...))`
 * wrap all of that, as Django's `MIDDLEWARE` wraps every decorated view.
 *
 * @example
 * ```ts
 * app.get('/users/:id', view(async (req) => {
 *   const user = await getObjectOr404(db.users.find(req.params.id));
 *   return new JsonResponse(user);
 * }, requireGET));
 * ```
 */
export function view<
  P = Request['params'],
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any
  ReqQuery = Request['query'],
  LocalsObj extends Record<string, any> = Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
>(
  handler: ViewHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
  ...middleware: ViewMiddleware[]
): RequestHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj> {
  if (typeof handler !== 'function') {
    throw new TypeError(`view() needs a function that returns a response, not ${describe(handler)}.`);
  }
  checkViewMiddleware('view()', middleware);
  const name = handler.name || 'anonymous';
  const decorated = applyViewMiddleware(handler as AnyViewHandler, middleware);
  // Built once: what app-wide middleware wrap, per request, when viewMiddleware() registered some.
  const innermost = withDeferredViewHooks(decorated);

  /** Hand `err` to Express's error handling, as an Error. */
  const passOn = (next: NextFunction, err: unknown): void => {
    // A falsy value would not reach error middleware, and next('route') / next('router')
    // would skip to the next route (a 404) instead of failing: wrap those in an Error.
    next(
      !err || err === 'route' || err === 'router' ? new Error(`View ${name} was rejected with ${describe(err)}`) : err,
    );
  };
  /** Write what the view returned; `fail` (made only when needed) reports a failure. */
  const deliver = (
    req: Request,
    res: Response,
    next: NextFunction,
    result: unknown,
    fail?: (err: unknown) => void,
  ): void => {
    if (isHttpResponse(result) || isWebResponse(result)) {
      writeResponse(req, res, result, false)?.catch(fail ?? ((err: unknown) => passOn(next, err)));
    } else if (!res.headersSent && !res.writableEnded) {
      const err = new TypeError(
        `The view ${name} didn't return an HttpResponse object. It returned ${describe(result)} instead. Return a response (e.g. new HttpResponse(...)), or send one through res yourself.`,
      );
      if (fail) fail(err);
      else passOn(next, err);
    }
  };

  // Three named parameters: Express tells request handlers from error handlers by arity. No
  // closure is made per request unless the view is asynchronous.
  return function viewHandler(
    req: Request<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
    res: Response<ResBody, LocalsObj>,
    next: NextFunction,
  ): void {
    let result: unknown;
    try {
      const appWide = viewMiddlewareOf(req);
      if (appWide.length > 0) {
        registry.hooks.set(req, []);
        result = applyViewMiddleware(innermost, appWide)(req, res);
      } else {
        result = decorated(req, res);
      }
    } catch (err) {
      passOn(next, err);
      return;
    }
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
      // Once only, even for a thenable that calls both of its callbacks.
      let failed = false;
      const fail = (err: unknown): void => {
        if (failed) return;
        failed = true;
        passOn(next, err);
      };
      (result as PromiseLike<unknown>).then(
        (value) => deliver(req as Request, res as Response, next, value, fail),
        fail,
      );
    } else {
      deliver(req as Request, res as Response, next, result);
    }
  };
}
