/**
 * Whether the route Express will run for a request is `csrfExempt`, asked before routing by
 * `csrfViewMiddleware()`: its own layer is found in the app's router, then the layers after it
 * are matched as Express matches them (each layer's own `match()`), stopping at the first that
 * would take the request. Only a yes from that walk exempts; anything it cannot follow refuses.
 */
import type { Request } from 'express';
import { isCsrfExempt } from './exempt.js';

/** What Express 4's and Express 5's (router 2) routers keep per layer. */
interface Layer {
  handle: ((...args: unknown[]) => unknown) & { stack?: unknown };
  route?: { stack: Layer[]; _handles_method?: (m: string) => boolean; _handlesMethod?: (m: string) => boolean };
  method?: string;
  path?: string;
  /** Express 4: a boolean, `path` set on the layer; router 2 (Express 5): the match, with its `path`. */
  match(path: string): boolean | { path?: string } | undefined;
}

type Verdict = 'exempt' | 'refuse' | undefined;

function isRouter(handle: Layer['handle']): handle is Layer['handle'] & { stack: Layer[] } {
  return Array.isArray(handle.stack);
}

function handlesMethod(route: NonNullable<Layer['route']>, method: string): boolean {
  const handles = route._handlesMethod ?? route._handles_method;
  return typeof handles === 'function' && handles.call(route, method) === true;
}

/** The path a router mounted at `layerPath` sees, as Express's `trim_prefix` makes it. */
function trimmed(path: string, layerPath: string): string {
  const rest = path.slice(layerPath.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * Whether the first route after `self` in the app's routers that would take `req` has a
 * `csrfExempt` handler for its method.
 */
export function routesToExemptView(req: Request, self: unknown): boolean {
  const app = req.app as unknown as {
    _router?: { stack?: Layer[] };
    router?: { stack?: Layer[] };
    path?: () => string;
  };
  // Express 4 keeps the router in app._router; Express 5 makes it in the app.router getter
  // (which on Express 4 throws, so it is read second).
  let stack: Layer[] | undefined;
  try {
    stack = (app._router ?? app.router)?.stack;
  } catch {
    return false;
  }
  if (!Array.isArray(stack)) return false;
  const full = new URL(req.originalUrl, 'http://x').pathname;
  const mount = typeof app.path === 'function' ? app.path() : '';
  if (!full.startsWith(mount)) return false;
  const method = req.method;
  const lowerMethod = method.toLowerCase();
  let seenSelf = false;

  const walk = (layers: Layer[], path: string): Verdict => {
    for (const layer of layers) {
      let matched: ReturnType<Layer['match']>;
      try {
        matched = layer.match(path);
      } catch {
        return 'refuse';
      }
      if (!matched) continue;
      const layerPath = (typeof matched === 'object' ? matched.path : layer.path) ?? '';
      const route = layer.route;
      if (!seenSelf) {
        if (layer.handle === self) seenSelf = true;
        else if (!route && isRouter(layer.handle)) {
          const verdict = walk(layer.handle.stack, trimmed(path, layerPath));
          if (verdict) return verdict;
        }
        continue;
      }
      if (route) {
        if (!handlesMethod(route, method)) continue;
        const handlers = route.stack.filter((l) => l.method === undefined || l.method === lowerMethod);
        return handlers.some((l) => isCsrfExempt(l.handle)) ? 'exempt' : 'refuse';
      }
      // An error handler is skipped by Express when there is no error.
      if (layer.handle.length === 4) continue;
      if (isRouter(layer.handle)) {
        const verdict = walk(layer.handle.stack, trimmed(path, layerPath));
        if (verdict) return verdict;
        continue;
      }
      // Mounted for every path (match left no prefix): a middleware that passes the request on.
      if (layerPath === '') continue;
      return 'refuse';
    }
    return undefined;
  };
  return walk(stack, full.slice(mount.length) || '/') === 'exempt';
}
