/**
 * Django's `django.utils.decorators`: a view decorator from a middleware class, so that one
 * class is both the app-wide middleware and the per-view decorator.
 */
import type { MiddlewareMixin } from '../middleware/mixin.js';
import type { ViewDecorator, ViewMiddleware } from '../views/types.js';
import { describe } from '../http/describe.js';
import { decorator } from '../views/decorators/wrap.js';

/** A {@link MiddlewareMixin} subclass whose constructor takes `A`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor arguments
export type MiddlewareClass<A extends any[] = any[]> = new (...args: A) => MiddlewareMixin;

/** `asMiddleware` of `middlewareClass`, or a TypeError naming what was given and what is needed. */
function asMiddlewareOf(who: string, middlewareClass: unknown): (...args: unknown[]) => ViewMiddleware {
  const asMiddleware = (middlewareClass as { asMiddleware?: unknown } | null)?.asMiddleware;
  if (typeof middlewareClass !== 'function' || typeof asMiddleware !== 'function') {
    throw new TypeError(
      `${who} takes a middleware class, a subclass of MiddlewareMixin with processRequest, processView, processResponse … hooks (got ${describe(middlewareClass)}).`,
    );
  }
  return (...args) => (asMiddleware as (...a: unknown[]) => ViewMiddleware).apply(middlewareClass, args);
}

/**
 * Django's `decorator_from_middleware_with_args`: a decorator factory from a middleware class.
 * `decoratorFromMiddlewareWithArgs(M)(...args)` makes one `new M(...args)` (so the
 * constructor's errors show where the decorator is written) and returns the view decorator
 * running its hooks around each view it decorates, as `view(handler, M.asMiddleware(...args))`
 * does: `processRequest`, then `processView`, the view (`processException` if it throws),
 * `processTemplateResponse`, `processResponse`. Django makes one instance per decorated view;
 * here the views a decorator decorates share its instance.
 *
 * This is how `cachePage` is written:
 * `cachePage = (seconds, options) => decoratorFromMiddlewareWithArgs(CacheMiddleware)({ ...options, pageTimeout: seconds })`.
 *
 * @param middlewareClass - a {@link MiddlewareMixin} subclass.
 * @param name - how the decorator is written in code, for error messages.
 *   @defaultValue `decoratorFromMiddlewareWithArgs(<class name>)(…)`
 * @throws TypeError when `middlewareClass` is not a `MiddlewareMixin` subclass; the returned
 *   factory throws what the class's constructor throws, and a TypeError when the class defines no hook.
 *
 * @example
 * ```ts
 * class RateLimitMiddleware extends MiddlewareMixin {
 *   constructor(private readonly perMinute: number) { super(); }
 *   override processRequest(req: Request) {
 *     if (overLimit(req.ip, this.perMinute)) return new HttpResponse('Slow down', { status: 429 });
 *   }
 * }
 * app.use(viewMiddleware(RateLimitMiddleware.asMiddleware(600))); // every view
 * const rateLimit = decoratorFromMiddlewareWithArgs(RateLimitMiddleware);
 * app.post('/login', view(login, rateLimit(10))); // one view, its own limit
 * ```
 */
export function decoratorFromMiddlewareWithArgs<A extends unknown[]>(
  middlewareClass: MiddlewareClass<A>,
  name?: string,
): (...args: A) => ViewDecorator {
  const asMiddleware = asMiddlewareOf('decoratorFromMiddlewareWithArgs()', middlewareClass);
  const label = name ?? `decoratorFromMiddlewareWithArgs(${middlewareClass.name})(…)`;
  return (...args: A) => decorator(label, asMiddleware(...args));
}

/**
 * Django's `decorator_from_middleware`: the view decorator running the hooks of one
 * `new middlewareClass()` around each view it decorates. A middleware is the unit of
 * behaviour: write the class once, use it app-wide (`app.use(viewMiddleware(M.asMiddleware()))`,
 * or the Express middleware the class's module exports) and on single views through the
 * decorator derived here, as Django derives `csrf_protect` from `CsrfViewMiddleware`. For a
 * class whose constructor takes options, use {@link decoratorFromMiddlewareWithArgs}.
 *
 * @param middlewareClass - a {@link MiddlewareMixin} subclass whose constructor needs no argument.
 * @param name - how the decorator is written in code, for error messages (`'csrfProtect'`).
 *   @defaultValue `decoratorFromMiddleware(<class name>)`
 * @throws TypeError when `middlewareClass` is not a `MiddlewareMixin` subclass or defines no hook.
 *
 * @example
 * ```ts
 * class ServerTimingMiddleware extends MiddlewareMixin {
 *   override processRequest(req: Request) { started.set(req, performance.now()); }
 *   override processResponse(req: Request, response: ViewResult) {
 *     const ms = performance.now() - (started.get(req) ?? 0);
 *     return patchResult(response, (r) => r.headers.set('Server-Timing', `view;dur=${ms}`)) ?? response;
 *   }
 * }
 * export const serverTiming = decoratorFromMiddleware(ServerTimingMiddleware, 'serverTiming');
 * app.get('/report', view(report, serverTiming)); // or serverTiming(report)
 * ```
 */
export function decoratorFromMiddleware(middlewareClass: MiddlewareClass<[]>, name?: string): ViewDecorator {
  const asMiddleware = asMiddlewareOf('decoratorFromMiddleware()', middlewareClass);
  return decorator(name ?? `decoratorFromMiddleware(${middlewareClass.name})`, asMiddleware());
}
