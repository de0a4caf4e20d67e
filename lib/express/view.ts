/** `view()`: an Express request handler from a function that returns a response. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';
import { sendResponse } from './send.js';
import { describe } from '../http/status.js';
import { isWebResponse } from './write-web-response.js';

/** What a view returns: one of this package's responses or a web `Response`. */
export type ViewResult = HttpResponseBase | globalThis.Response;

/**
 * A view: takes the request (and Express's `res`, for views that write it themselves) and
 * returns or resolves to a response.
 */
export type ViewHandler = (req: Request, res: Response) => ViewResult | void | Promise<ViewResult | void>;

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
export type ViewMiddleware = (next: ViewHandler) => ViewHandler;

/**
 * Turn `handler` into an Express request handler. The response it returns is written
 * with {@link sendResponse}; a thrown or rejected error reaches `next(err)` exactly once
 * (on Express 4 and 5). Returning anything other than a response is an error that names
 * the view, unless the handler already sent a response through `res` itself.
 *
 * `middleware` wrap the handler as Django decorators stack: `view(h, a, b)` runs `a(b(h))`.
 *
 * @example
 * ```ts
 * app.get('/users/:id', view(async (req) => {
 *   const user = getObjectOr404(await db.users.find(req.params.id));
 *   return new JsonResponse(user);
 * }));
 * ```
 */
export function view(handler: ViewHandler, ...middleware: ViewMiddleware[]): RequestHandler {
  if (typeof handler !== 'function') {
    throw new TypeError(`view() needs a function that returns a response, not ${describe(handler)}.`);
  }
  middleware.forEach((wrap, index) => {
    if (typeof wrap !== 'function') {
      throw new TypeError(`view() middleware #${index + 1} must be a function (next) => view, not ${describe(wrap)}.`);
    }
  });
  const name = handler.name || 'anonymous';
  const wrapped = middleware.reduceRight<ViewHandler>((next, wrap) => wrap(next), handler);

  // Three named parameters: Express tells request handlers from error handlers by arity.
  return function viewHandler(req: Request, res: Response, next: NextFunction): void {
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      next(err || new Error(`View ${name} was rejected with ${describe(err)}`));
    };
    const send = (result: unknown): void => {
      if (isHttpResponse(result) || isWebResponse(result)) {
        sendResponse(res, result).catch(fail);
      } else if (!res.headersSent && !res.writableEnded) {
        fail(
          new TypeError(
            `The view ${name} didn't return an HttpResponse object. It returned ${describe(result)} instead. Return a response (e.g. new HttpResponse(...)), or send one through res yourself.`,
          ),
        );
      }
    };
    let result: unknown;
    try {
      result = wrapped(req, res);
    } catch (err) {
      fail(err);
      return;
    }
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
      (result as PromiseLike<unknown>).then(send, fail);
    } else {
      send(result);
    }
  };
}
