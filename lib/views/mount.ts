/**
 * How class-based views become Express handlers without `lib/views` depending on the Express
 * adapter: `lib/express/view.ts` registers `view()` here when it loads (every entry point loads
 * it), and `View.asView()` mounts through whatever was registered.
 */
import type { RequestHandler } from 'express';
import type { AnyViewHandler } from './types.js';

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
