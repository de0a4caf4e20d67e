/** Django's `MiddlewareMixin`: old-style middleware classes with `process*` hooks. */
import type { Request } from 'express';
import type { AnyViewHandler, ViewHandler, ViewMiddleware, ViewResult } from '../views/types.js';
import { deferTemplateResponseHook, deferUntilView } from './registry.js';
import { isHttpResponse } from '../http/response-base.js';
import { isWebResponse } from '../http/web-response.js';
import { describe } from '../http/describe.js';
import { isUnrenderedTemplateResponse, type SimpleTemplateResponse } from '../views/template-response.js';
import { copyCsrfExempt } from './csrf/exempt.js';

/** What a {@link MiddlewareMixin} hook may return: a response to short-circuit with, or nothing. */
export type HookResult = ViewResult | null | undefined | void;

/**
 * Django's `MiddlewareMixin`, the old-style middleware: a subclass defines any of the hooks,
 * and `Subclass.asMiddleware(...ctorArgs)` gives the {@link ViewMiddleware} (for
 * `viewMiddleware()` or `view(handler, ...)`). One instance serves every request, as Django
 * builds a middleware once. Around each view:
 *
 * 1. `processRequest(req)`: a response returned here is answered at once (the view is not called);
 * 2. `processView(req, handler)`: likewise, called with the (decorated) view about to run —
 *    under `viewMiddleware()` after every middleware's `processRequest`, as Django orders them;
 * 3. the view; if it throws, `processException(req, err)` may return a response instead, else the error goes on;
 * 4. `processResponse(req, response)`: returns the response to send (the same or another).
 *
 * A response short-circuited in 1, 2 or 3 still goes through the `processResponse` of this
 * middleware and of those outside it, as in Django. Unlike Django, an error nobody answers is
 * not turned into a response on the way out: it reaches Express's `next(err)` (and
 * `httpErrorHandler()`), so `processResponse` hooks do not see it. Used as a per-view decorator
 * (`view(handler, M.asMiddleware())`, Django's `decorator_from_middleware`), each middleware runs
 * its `processView` right after its own `processRequest`.
 *
 * @example
 * ```ts
 * class AuditMiddleware extends MiddlewareMixin {
 *   override processRequest(req: Request) { audit.connect(req.user); }
 *   override processResponse(req: Request, response: HttpResponseBase) { audit.disconnect(); return response; }
 *   override processException(req: Request, err: unknown) { audit.disconnect(); }
 * }
 * app.use(viewMiddleware(AuditMiddleware.asMiddleware()));
 * ```
 */
export class MiddlewareMixin {
  /** Before the view: return a response to answer with it instead. */
  processRequest?(req: Request): HookResult | Promise<HookResult>;
  /** Just before the view, with the view: return a response to answer with it instead. */
  processView?(req: Request, handler: AnyViewHandler): HookResult | Promise<HookResult>;
  /** When the view threw or rejected: return a response to answer with it, or nothing to let the error go on. */
  processException?(req: Request, err: unknown): HookResult | Promise<HookResult>;
  /**
   * When the view answered a template response not rendered yet (Django's
   * `process_template_response`): change its `templateName` or `contextData`, or return
   * another response; must return a response. Runs innermost middleware first, before the
   * response is rendered and before any `processResponse`.
   */
  processTemplateResponse?(req: Request, response: SimpleTemplateResponse): ViewResult | Promise<ViewResult>;
  /** After the view: the response to send, the one given or another. */
  processResponse?(req: Request, response: ViewResult): ViewResult | Promise<ViewResult>;

  /**
   * The {@link ViewMiddleware} running this class's hooks, on one instance made with `ctorArgs`.
   *
   * @throws TypeError when the class defines none of the hooks.
   */
  static asMiddleware<M extends MiddlewareMixin, A extends unknown[]>(
    this: new (...args: A) => M,
    ...ctorArgs: A
  ): ViewMiddleware {
    const instance = new this(...ctorArgs);
    const hooks = [
      'processRequest',
      'processView',
      'processException',
      'processTemplateResponse',
      'processResponse',
    ] as const;
    if (!hooks.some((hook) => typeof instance[hook] === 'function')) {
      throw new TypeError(
        `${this.name} defines none of processRequest, processView, processException, processTemplateResponse and processResponse, so it would do nothing.`,
      );
    }
    return (next) => {
      const handler: ViewHandler = async (req, res) => {
        let inlineHook: ((response: SimpleTemplateResponse) => Promise<ViewResult>) | undefined;
        const outgoing = async (response: ViewResult | void): Promise<ViewResult | void> =>
          response !== undefined && instance.processResponse ? instance.processResponse(req, response) : response;
        if (instance.processTemplateResponse) {
          const hook = instance.processTemplateResponse.bind(instance);
          const name = this.name;
          const checked = async (response: SimpleTemplateResponse): Promise<ViewResult> => {
            const answer = await hook(req, response);
            if (!isHttpResponse(answer) && !isWebResponse(answer)) {
              throw new TypeError(
                `${name}.processTemplateResponse didn't return an HttpResponse object: return the response given or another (got ${describe(answer)}).`,
              );
            }
            return answer;
          };
          // App-wide (viewMiddleware), the hooks run together after the view; else here.
          if (!deferTemplateResponseHook(req, checked)) inlineHook = checked;
        }
        let early = await instance.processRequest?.(req);
        if (!early && instance.processView) {
          const processView = instance.processView.bind(instance);
          // App-wide (viewMiddleware), Django runs every processRequest first, then every processView.
          if (!deferUntilView(req, (handler) => processView(req, handler))) early = await processView(req, next);
        }
        if (early) return outgoing(early);
        let response: ViewResult | void;
        try {
          response = await next(req, res);
        } catch (err) {
          const answer = instance.processException ? await instance.processException(req, err) : undefined;
          if (!answer) throw err;
          response = answer;
        }
        if (inlineHook && isUnrenderedTemplateResponse(response)) response = await inlineHook(response);
        // processResponse sees the rendered body, as in Django.
        if (instance.processResponse && isUnrenderedTemplateResponse(response)) {
          response = await response.render(req);
        }
        return outgoing(response);
      };
      Object.defineProperty(handler, 'name', { value: next.name, configurable: true });
      copyCsrfExempt(next, handler);
      return handler;
    };
  }
}
