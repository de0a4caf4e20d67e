/**
 * Which templates a request rendered, and with what context: Django's test client records
 * them through the `template_rendered` signal; here `app.render` (what `res.render()` and a
 * `TemplateResponse` both call) is wrapped once per app, and each call is recorded in the
 * {@link AsyncLocalStorage} store of the request being served, so concurrent requests each
 * see only their own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One template a view rendered (Django's `response.templates[i]`). */
export interface RenderedTemplate {
  /** The name given to `res.render()` / `app.render()`, e.g. `'hello'` or `'books/list.njk'`. */
  readonly name: string;
  /**
   * The context it was rendered with: `app.locals`, `res.locals` and the options passed,
   * as Express merges them (without Express's own `settings`, `cache` and `_locals`).
   */
  readonly context: Readonly<Record<string, unknown>>;
}

const recording = new AsyncLocalStorage<RenderedTemplate[]>();
const wrapped = new WeakSet<object>();

// Express's own keys in a render's options, not the view's context.
const EXPRESS_KEYS = new Set(['settings', 'cache', '_locals']);

type Render = (name: string, options?: unknown, callback?: unknown) => unknown;
interface Renderable {
  render: Render;
  locals?: Record<string, unknown>;
}

function contextOf(app: Renderable, options: unknown): Record<string, unknown> {
  const own = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const locals = own._locals;
  const merged: Record<string, unknown> = {
    ...app.locals,
    ...(typeof locals === 'object' && locals !== null ? locals : {}),
    ...own,
  };
  for (const key of EXPRESS_KEYS) delete merged[key];
  return merged;
}

/** Wrap `app.render` (once) so that renders made while a request is recorded are kept. */
export function recordRenders(app: object): void {
  if (wrapped.has(app)) return;
  const renderable = app as Renderable;
  const original = renderable.render;
  if (typeof original !== 'function') return;
  wrapped.add(app);
  renderable.render = function recordedRender(this: unknown, name: string, options?: unknown, callback?: unknown) {
    const store = recording.getStore();
    if (store !== undefined) store.push({ name: String(name), context: contextOf(renderable, options) });
    return original.call(this, name, options, callback);
  };
}

/** Run `serve` with a fresh record of templates, which `serve`'s result resolves beside. */
export function withRecording<T>(templates: RenderedTemplate[], serve: () => T): T {
  return recording.run(templates, serve);
}
