/** Django's `cache_page` (`django/views/decorators/cache.py`): `CacheMiddleware` as a view decorator. */
import type { ViewDecorator } from '../types.js';
import { describe } from '../../http/describe.js';
import { CacheMiddleware, type CacheMiddlewareOptions } from '../../middleware/cache.js';
import { decoratorFromMiddlewareWithArgs } from '../../utils/decorators.js';

export type { CachePageStore } from '../../utils/cache-store.js';

/** Options of {@link cachePage}: those of `CacheMiddleware` but the timeouts, given as `seconds`. */
export type CachePageOptions = Omit<CacheMiddlewareOptions, 'pageTimeout' | 'cacheTimeout'>;

const cacheMiddleware = decoratorFromMiddlewareWithArgs(CacheMiddleware, 'cachePage()');

/**
 * Django's `cache_page(timeout, cache=, key_prefix=)`: keep the view's GET and HEAD answers
 * for `seconds` and answer later requests for the same URL from the cache, without running
 * the view. It is `CacheMiddleware` (see it for what is kept and how the key is made) as a
 * decorator: `decoratorFromMiddlewareWithArgs(CacheMiddleware)({ ...options, pageTimeout: seconds })`.
 *
 * A store that fails or does not answer within `storeTimeout` is reported once (`onError`)
 * and skipped: the view is served uncached, and the store is asked again a second later.
 *
 * @param seconds - how long a page is kept; a `max-age` the view sets only shortens the header.
 * @throws TypeError when `seconds` is not a non-negative number, or an option is of the wrong type.
 *
 * @example
 * ```ts
 * app.get('/programme', view(programme, cachePage(60 * 15)));
 * // One cache for every process: npm install keyv @keyv/redis
 * const shared = new Keyv(new KeyvRedis('redis://localhost:6379'));
 * app.get('/talks', view(talks, cachePage(60, { cache: shared, keyPrefix: 'site1' })));
 * ```
 */
export function cachePage(seconds: number, options: CachePageOptions = {}): ViewDecorator {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError(`cachePage() needs the seconds to keep a page, a number from 0 up (got ${describe(seconds)}).`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `cachePage() options must be an object such as { keyPrefix: 'site1' } (got ${describe(options)}).`,
    );
  }
  return cacheMiddleware({ ...options, pageTimeout: seconds }, 'cachePage()');
}
