/** The types of views, middleware and decorators: what `view()` mounts and what wraps a view. */
import type { NextFunction, Request, Response } from 'express';
import type { HttpResponseBase } from '../http/response-base.js';

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
  /**
   * The route's `next`, as an Express handler gets it: a view that calls it (`next()`,
   * `next('route')`, `next(err)`) and returns nothing passes the request on. Given by `view()`
   * (also through the decorators in between); absent when a test or code of its own calls the
   * view as `(req, res)` outside `view()`.
   */
  next?: NextFunction,
) => ViewResult | void | Promise<ViewResult | void>;

/**
 * What `view()` takes: a {@link ViewHandler} whose `next` is always there, so that
 * `view((req, res, next) => { if (!req.user) return next('route'); ... })` type-checks as an
 * Express handler does.
 */
export type RouteViewHandler<
  P = Request['params'],
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default
  ReqQuery = Request['query'],
  LocalsObj extends Record<string, any> = Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
> = (
  req: Request<P, ResBody, ReqBody, ReqQuery, LocalsObj>,
  res: Response<ResBody, LocalsObj>,
  next: NextFunction,
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
