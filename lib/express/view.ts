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
import type { AnyViewHandler, RouteViewHandler, ViewMiddleware } from '../views/types.js';
import { setViewNext, withViewNext } from '../views/view-next.js';
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
  handler: RouteViewHandler<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
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
  // A view that takes `next` (a third parameter, or a decorated view, which may hold one) gets
  // the route's, through the decorators in between; the others cost nothing more per request.
  const takesNext = handler.length >= 3;
  const inner = takesNext ? withViewNext(handler as AnyViewHandler) : (handler as AnyViewHandler);
  if (inner !== handler) copyCsrfExempt(handler, inner);
  const decorated = applyViewMiddleware(inner, middleware);
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
    passedOn = false,
  ): void => {
    if (passedOn) {
      // The view called next(): Express has the request now; a response as well is a mistake.
      if (isHttpResponse(result) || isWebResponse(result)) discardAfterNext(name, result);
      return;
    }
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
    // Made only for a view that takes next: notes that it passed the request on.
    let passedOn = false;
    let onward: NextFunction | undefined;
    if (takesNext) {
      const expressNext = next as (err?: unknown) => void;
      onward = function viewNext(err?: unknown) {
        passedOn = true;
        expressNext(err);
      } as NextFunction;
      setViewNext(req, onward);
    }
    try {
      const appWide = viewMiddlewareOf(req);
      if (appWide.length > 0) {
        openDeferredViewHooks(req);
        result = applyViewMiddleware(innermost, appWide)(req, res, onward);
      } else {
        result = onward === undefined ? decorated(req, res) : decorated(req, res, onward);
      }
    } catch (err) {
      if (passedOn) reportAfterNext(name, err);
      else passOn(next, err);
      return;
    }
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
      // Once only, even for a thenable that calls both of its callbacks.
      let failed = false;
      const fail = (err: unknown): void => {
        if (failed) return;
        failed = true;
        if (passedOn) reportAfterNext(name, err);
        else passOn(next, err);
      };
      (result as PromiseLike<unknown>).then(
        (value) => deliver(req as Request, res as Response, next, value, fail, passedOn),
        fail,
      );
    } else {
      deliver(req as Request, res as Response, next, result, undefined, passedOn);
    }
  };
  // csrfViewMiddleware() finds csrfExempt on the handler Express runs, as Django's wraps() keeps it.
  copyCsrfExempt(decorated, viewHandler);
  return viewHandler;
}

/**
 * A view that called `next()` and returned a response too: Express already has the request,
 * so the response is released unsent, and the mistake reported.
 */
function discardAfterNext(name: string, result: unknown): void {
  if (isHttpResponse(result)) result.close();
  process.emitWarning(
    `The view ${name} called next() and returned a response: Express had the request already, so the response was not sent. Return a response or call next(), not both.`,
    { code: 'EXPRESS_HTTPRESPONSE_NEXT_AND_RESPONSE' },
  );
}

/** A view that called `next()` and failed after: `next` can't take the error too, so it is reported. */
function reportAfterNext(name: string, err: unknown): void {
  process.emitWarning(
    `The view ${name} called next() and then failed; Express had the request already, so the error was not passed on: ${err instanceof Error ? err.message : describe(err)}`,
    { code: 'EXPRESS_HTTPRESPONSE_NEXT_AND_ERROR' },
  );
}

// Class-based views mount through view() without lib/views importing this adapter.
registerViewAdapter(view);
