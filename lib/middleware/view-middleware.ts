/** Django's `MIDDLEWARE`: middleware around every view, registered once with `app.use()`. */
import type { RequestHandler } from 'express';
import type { ViewMiddleware } from '../views/types.js';
import { addViewMiddleware, checkViewMiddleware } from './registry.js';

/**
 * Django's `MIDDLEWARE` list as an Express middleware: every `view()` a request reaches
 * after it (in the same app or router, as Express orders middleware) runs inside
 * `middleware`, outermost first, outside the view's own decorators. They see the request
 * before the view, and the response object (or the error) after it. Several
 * `viewMiddleware()` calls stack in the order the request meets them.
 *
 * @throws TypeError when an argument is not a function.
 *
 * @example
 * ```ts
 * app.use(viewMiddleware(AuditMiddleware.asMiddleware(), neverCache));
 * app.get('/', view(home)); // runs as AuditMiddleware(neverCache(home))
 * ```
 */
export function viewMiddleware(...middleware: ViewMiddleware[]): RequestHandler {
  checkViewMiddleware('viewMiddleware()', middleware);
  return function viewMiddlewareHandler(req, _res, next): void {
    addViewMiddleware(req, middleware);
    next();
  };
}
