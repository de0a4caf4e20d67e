/** `view()`: an Express request handler from a function that returns a response. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isHttpResponse } from '../http/response-base.js';
import { describe } from '../http/describe.js';
import {
  applyViewMiddleware,
  checkViewMiddleware,
  openDeferredViewHooks,
  viewMiddlewareOf,
  withDeferredViewHooks,
} from '../middleware/registry.js';
import type { AnyViewHandler, ViewHandler, ViewMiddleware } from '../views/types.js';
import { registerViewAdapter } from '../views/mount.js';
import { decoratorLabel } from '../views/decorators/wrap.js';
import { writeResponse } from './send.js';
import { isWebResponse } from '../http/web-response.js';
import { copyCsrfExempt } from '../middleware/csrf/exempt.js';

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
    throw new TypeError(`view() needs a function that returns a response (got ${describe(handler)}).`);
  }
  const swapped = decoratorLabel(handler);
  if (swapped !== undefined) {
    const viewName = middleware.find((fn) => decoratorLabel(fn) === undefined)?.name || 'handler';
    throw new TypeError(
      `view() takes the view first, then its decorators: ${swapped} and the view are swapped; write view(${viewName}, ${swapped}) (got the decorator ${swapped}, then ${middleware.map(describe).join(', ') || 'nothing'}).`,
    );
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
      !err || err === 'route' || err === 'router'
        ? new Error(`View ${name} was rejected with a value that is not an Error (got ${describe(err)})`)
        : err,
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
        `The view ${name} didn't return an HttpResponse object: return a response (e.g. new HttpResponse(...)), or send one through res yourself (got ${describe(result)}).`,
      );
      if (fail) fail(err);
      else passOn(next, err);
    }
  };

  // Three named parameters: Express tells request handlers from error handlers by arity. No
  // closure is made per request unless the view is asynchronous.
  const viewHandler = function viewHandler(
    req: Request<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
    res: Response<ResBody, LocalsObj>,
    next: NextFunction,
  ): void {
    let result: unknown;
    try {
      const appWide = viewMiddlewareOf(req);
      if (appWide.length > 0) {
        openDeferredViewHooks(req);
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
  // csrfViewMiddleware() finds csrfExempt on the handler Express runs, as Django's wraps() keeps it.
  copyCsrfExempt(decorated, viewHandler);
  return viewHandler;
}

// Class-based views mount through view() without lib/views importing this adapter.
registerViewAdapter(view);
