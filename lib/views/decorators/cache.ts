/** Django's `django/views/decorators/cache.py`: `never_cache` and `cache_control`. */
import type { ViewDecorator } from '../types.js';
import { addNeverCacheHeaders, patchCacheControl, type CacheControlOptions } from '../../utils/cache.js';
import { describe } from '../../http/describe.js';
import { decorator, patchResult } from './wrap.js';

/**
 * Django's `never_cache`: the response gets `Cache-Control: max-age=0, no-cache, no-store,
 * must-revalidate, private` (merged into what the view set) and `Expires` now, unless the
 * view set its own `Expires`.
 *
 * @example
 * ```ts
 * app.get('/account', view(account, neverCache));
 * ```
 */
export const neverCache: ViewDecorator = decorator(
  'neverCache',
  (next) => async (req, res) => patchResult(await next(req, res), (response) => void addNeverCacheHeaders(response)),
);

/**
 * Django's `cache_control(**kwargs)`: merge `options` into the response's `Cache-Control` as
 * `patch_cache_control` does (the smaller `max-age` wins, `public` and `private` replace each
 * other, other directives are kept).
 *
 * @throws TypeError when `options` is not an object.
 *
 * @example
 * ```ts
 * app.get('/feed', view(feed, cacheControl({ maxAge: 3600, public: true })));
 * ```
 */
export function cacheControl(options: CacheControlOptions): ViewDecorator {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `cacheControl() needs an object of directives such as { maxAge: 60 } (got ${describe(options)}).`,
    );
  }
  const directives = { ...options };
  return decorator(
    'cacheControl()',
    (next) => async (req, res) =>
      patchResult(await next(req, res), (response) => void patchCacheControl(response, directives)),
  );
}
