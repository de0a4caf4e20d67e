/** The registry behind `viewMiddleware()`: which middleware wrap the views a request reaches. */
import { describe } from '../http/describe.js';
import type { AnyViewHandler, ViewMiddleware, ViewResult } from '../views/types.js';
import { isUnrenderedTemplateResponse, type SimpleTemplateResponse } from '../views/template-response.js';
import { processWide } from '../utils/process-wide.js';

/**
 * What `viewMiddleware()` registered for each request, and the `processView` hooks deferred
 * until its view. Kept in weak maps rather than as properties of `req`: Express swaps the
 * prototype of every `req`, after which a property added to one gets it a hidden class of its
 * own, and every later read or write of any of its properties (by Express, Node or a view)
 * misses V8's caches. One registry per process (`Symbol.for` on `globalThis`), so the ESM and
 * CommonJS copies of this package, loaded side by side, see each other's middleware.
 */
interface ViewRegistry {
  /** How many times `viewMiddleware()` ran: while 0, `view()` need not look `req` up at all. */
  registrations: number;
  middleware: WeakMap<object, readonly ViewMiddleware[]>;
  hooks: WeakMap<object, DeferredViewHook[]>;
  /** The `processTemplateResponse` hooks of app-wide middleware, outermost first. */
  templateHooks?: WeakMap<object, TemplateResponseHook[]>;
}

const registry = processWide<ViewRegistry>('viewRegistry', () => ({
  registrations: 0,
  middleware: new WeakMap(),
  hooks: new WeakMap(),
}));

registry.templateHooks ??= new WeakMap();
const templateHooks = registry.templateHooks;

const NONE: readonly ViewMiddleware[] = Object.freeze([]);

/** The middleware `viewMiddleware()` has registered on `req` so far, outermost first. */
export function viewMiddlewareOf(req: object): readonly ViewMiddleware[] {
  if (registry.registrations === 0) return NONE;
  return registry.middleware.get(req) ?? NONE;
}

/** Append `middleware` (innermost of those already there) to what every later `view()` on `req` runs. */
export function addViewMiddleware(req: object, middleware: readonly ViewMiddleware[]): void {
  registry.registrations++;
  const existing = registry.middleware.get(req);
  // The first registration shares the caller's (never mutated) list instead of copying it per request.
  registry.middleware.set(req, existing ? [...existing, ...middleware] : middleware);
}

/** A `processView` hook waiting for the view, as `MiddlewareMixin` defers it under `viewMiddleware()`. */
export type DeferredViewHook = (handler: AnyViewHandler) => unknown;

/**
 * Queue `hook` to run just before the view, after every app-wide middleware saw the request
 * (Django runs all `process_request` hooks, then all `process_view` hooks). Returns `false`
 * when no app-wide middleware is still on its way in: then the caller runs `hook` itself.
 */
export function deferUntilView(req: object, hook: DeferredViewHook): boolean {
  const queue = registry.hooks.get(req);
  if (queue === undefined) return false;
  queue.push(hook);
  return true;
}

/**
 * Start collecting the `processView` hooks app-wide middleware defer on `req`, until the view
 * made by {@link withDeferredViewHooks} runs them.
 */
export function openDeferredViewHooks(req: object): void {
  registry.hooks.set(req, []);
  templateHooks.set(req, []);
}

/** A `processTemplateResponse` hook: the template response in, the response to go on with out. */
export type TemplateResponseHook = (response: SimpleTemplateResponse) => Promise<ViewResult>;

/**
 * Queue `hook` to run on the view's unrendered template response, before it is rendered and
 * before any `processResponse` (Django's order: innermost middleware first). Returns `false`
 * when no app-wide middleware is on its way in: then the caller runs `hook` itself.
 */
export function deferTemplateResponseHook(req: object, hook: TemplateResponseHook): boolean {
  const queue = templateHooks.get(req);
  if (queue === undefined) return false;
  queue.push(hook);
  return true;
}

/** `decorated`, preceded by the `processView` hooks the app-wide middleware deferred (in their order). */
export function withDeferredViewHooks(decorated: AnyViewHandler): AnyViewHandler {
  return async (req, res) => {
    const queue = registry.hooks.get(req) ?? [];
    registry.hooks.delete(req);
    for (const hook of queue) {
      const answer = (await hook(decorated)) as ViewResult | void | null | undefined;
      if (answer) return answer;
    }
    // Closed before the view's own decorators run: theirs run inline, innermost first, then these.
    const hooks = templateHooks.get(req);
    templateHooks.delete(req);
    const response = await decorated(req, res);
    if (!isUnrenderedTemplateResponse(response)) return response;
    let result: ViewResult = response;
    // Innermost first, as Django runs process_template_response in reverse MIDDLEWARE order.
    for (const hook of [...(hooks ?? [])].reverse()) {
      if (!isUnrenderedTemplateResponse(result)) break;
      result = await hook(result);
    }
    // Rendered before any processResponse sees it, as Django renders before process_response.
    return isUnrenderedTemplateResponse(result) ? result.render(req) : result;
  };
}

/** `middleware` wrapped around `handler` as Django stacks decorators: `[a, b]` gives `a(b(handler))`. */
export function applyViewMiddleware(handler: AnyViewHandler, middleware: readonly ViewMiddleware[]): AnyViewHandler {
  return middleware.reduceRight<AnyViewHandler>((next, wrap) => wrap(next), handler);
}

/** @throws TypeError naming `who` and the position of anything in `middleware` that is not a function. */
export function checkViewMiddleware(who: string, middleware: readonly unknown[]): void {
  middleware.forEach((wrap, index) => {
    if (typeof wrap !== 'function') {
      throw new TypeError(`${who} middleware #${index + 1} must be a function (next) => view (got ${describe(wrap)}).`);
    }
  });
}
