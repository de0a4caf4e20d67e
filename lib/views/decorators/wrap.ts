/** Plumbing shared by the view decorators. */
import type { AnyViewHandler, ViewDecorator, ViewHandler, ViewResult } from '../types.js';
import { isHttpResponse } from '../../http/response-base.js';
import { isWebResponse } from '../../http/web-response.js';
import type { PatchableResponse } from '../../utils/cache.js';

/**
 * A {@link ViewDecorator} from `wrap`, whose view keeps the wrapped view's name (Django's
 * `functools.wraps`), so `view()`'s errors still name the view.
 */
export function decorator(what: string, wrap: (next: AnyViewHandler) => ViewHandler): ViewDecorator {
  return ((next: AnyViewHandler) => {
    if (typeof next !== 'function') {
      throw new TypeError(`${what} decorates a view function, not ${next === null ? 'null' : typeof next}.`);
    }
    const wrapped = wrap(next);
    Object.defineProperty(wrapped, 'name', { value: next.name, configurable: true });
    return wrapped;
  }) as ViewDecorator;
}

/**
 * Let `patch` change the headers of what a view returned: a response of this package as it
 * is, a web `Response` through a copy (a `fetch()` result's headers are immutable); anything
 * else (the view wrote `res` itself) is returned untouched.
 */
export function patchResult(
  result: ViewResult | void,
  patch: (response: PatchableResponse) => void,
): ViewResult | void {
  if (isHttpResponse(result)) {
    patch(result);
    return result;
  }
  if (isWebResponse(result)) {
    const copy = new Response(result.body, result);
    patch(copy);
    return copy;
  }
  return result;
}
