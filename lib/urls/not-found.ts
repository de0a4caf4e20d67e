/** `notFound()`: a path no route matched becomes Django's 404, through the app's error handler. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Resolver404 } from './errors.js';
import { decodePath } from './decode-path.js';

/**
 * Express middleware for the end of the app: every request that reaches it (no route or
 * URLconf answered it) is passed on as a {@link Resolver404}, an `Http404`, so that
 * `httpErrorHandler()` answers it with its `handler404` (Django's 404 page, or problem details
 * for a JSON client) instead of Express's `Cannot GET /nowhere/`.
 *
 * @example
 * ```ts
 * app.use(urls);
 * app.use(notFound(), httpErrorHandler({ handler404 }));
 * ```
 */
export function notFound(): RequestHandler {
  return function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
    next(new Resolver404({ path: decodePath(req.path).replace(/^\//, '') }));
  };
}
