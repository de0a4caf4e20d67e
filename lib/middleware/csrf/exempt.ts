/** Django's `csrf_exempt`: the mark on a view, kept through the package's decorators and `view()`. */
import type { NextFunction, Request, Response } from 'express';
import { isHttpResponse } from '../../http/response-base.js';
import { isWebResponse } from '../../http/web-response.js';
import { describe } from '../../http/describe.js';
import { mountView } from '../../views/mount.js';
import { viewNextOf } from '../../views/view-next.js';

const CSRF_EXEMPT = Symbol.for('express-httpresponse.csrfExempt');

/** Whether `handler` (a view, a decorated view, or an Express handler) was made by {@link csrfExempt}. */
export function isCsrfExempt(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as { [CSRF_EXEMPT]?: unknown })[CSRF_EXEMPT] === true;
}

/** Give `to` the CSRF exemption of `from`, as Django's `functools.wraps` copies `csrf_exempt`. */
export function copyCsrfExempt(from: unknown, to: object): void {
  if (isCsrfExempt(from)) Object.defineProperty(to, CSRF_EXEMPT, { value: true, configurable: true });
}

/**
 * Django's `csrf_exempt`: a copy of `handler` that the CSRF check lets through, a view
 * (`view(csrfExempt(hook))`, `view(hook, csrfExempt)`) or a plain Express handler
 * (`app.post('/hooks/stripe', csrfExempt(stripeWebhook))`, whose own checks, a signature
 * say, then stand in for CSRF's). The handler itself is left unmarked, so it stays protected
 * wherever else it is mounted.
 *
 * `csrfViewMiddleware()` runs before routing, so it honours the mark on the route Express
 * will run: the first route after it matching the path and method whose handlers include an
 * exempt one. Middleware mounted for every path (`app.use(fn)`) is assumed to pass the
 * request on; one mounted on a path in between (`app.use('/hooks', fn)`), or a sub-app, is
 * not looked into, and the request is refused.
 *
 * @typeParam H - the handler's type, kept by the copy.
 * @throws TypeError when `handler` is not a function.
 */
export function csrfExempt<H extends (...args: never[]) => unknown>(handler: H): H {
  if (typeof handler !== 'function') {
    throw new TypeError(
      `csrfExempt() takes a view or an Express handler: csrfExempt(handler) (got ${describe(handler)}).`,
    );
  }
  const exempt = function (this: unknown, req: Request, res: Response, next?: NextFunction): unknown {
    const result = (handler as unknown as (...args: unknown[]) => unknown).apply(this, [req, res, next]);
    // Called by Express (mounted without view()): a view's response is written, as view() would.
    // Called by view() (with the next it gives its view) or as a view: the result is returned.
    if (typeof next !== 'function' || next === viewNextOf(req)) return result;
    const write = (value: unknown): unknown =>
      isHttpResponse(value) || isWebResponse(value) ? mountView(() => value)(req, res, next) : value;
    if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
      return (result as Promise<unknown>).then(write);
    }
    return write(result);
  };
  Object.defineProperty(exempt, 'name', { value: handler.name, configurable: true });
  Object.defineProperty(exempt, CSRF_EXEMPT, { value: true, configurable: true });
  return exempt as unknown as H;
}
