/**
 * How class-based views become Express handlers without `lib/views` depending on the Express
 * adapter: `lib/express/view.ts` registers `view()` here when it loads (every entry point loads
 * it), and `View.asView()` mounts through whatever was registered.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AnyViewHandler } from './types.js';
import { viewNextOf } from './view-next.js';

/** What mounts a view on Express: `view()` from `lib/express/view.ts`. */
export type ViewAdapter = (handler: AnyViewHandler) => RequestHandler;

let adapter: ViewAdapter | undefined;

/** Called once by `lib/express/view.ts` with `view()`. */
export function registerViewAdapter(mount: ViewAdapter): void {
  adapter = mount;
}

/**
 * `handler` as an Express request handler, through the registered adapter.
 *
 * @throws Error when no adapter was registered (a file of this package imported on its own,
 * not through its entry point).
 */
export function mountView(handler: AnyViewHandler): RequestHandler {
  if (adapter === undefined) {
    throw new Error(
      "No view adapter is registered: import class-based views from 'express-httpresponse', which loads view().",
    );
  }
  return adapter(handler);
}

/**
 * `handler`, made safe to hand to Express without `view()`: called with a third argument that
 * is a function (Express's `next`), it answers as `view(handler)` would (mounted once, on the
 * first request); called as a view, `(req, res)` or with the `next` `view()` gives its view,
 * it returns the response as `handler` does.
 * Three named parameters: Express takes a function of four for an error handler.
 */
export function answerWhenMounted<H extends AnyViewHandler>(handler: H, name: string = handler.name): H {
  let mounted: RequestHandler | undefined;
  const answering = function answering(this: unknown, req: Request, res: Response, next?: unknown) {
    // Express's next: mounted without view(). The next view() gives its view: called as a view.
    if (typeof next === 'function' && next !== viewNextOf(req)) {
      mounted ??= mountView(handler);
      mounted(req, res, next as NextFunction);
      return undefined;
    }
    return handler.call(this, req, res, next as NextFunction | undefined);
  };
  Object.defineProperty(answering, 'name', { value: name, configurable: true });
  return answering as H;
}
