/** Django's `MIDDLEWARE` for Express: `viewMiddleware()`, `MiddlewareMixin`, decorators from middleware, and the middleware themselves. */
export { viewMiddleware } from './view-middleware.js';
export { MiddlewareMixin, type HookResult } from './mixin.js';
export { decoratorFromMiddleware, decoratorFromMiddlewareWithArgs, type MiddlewareClass } from '../utils/decorators.js';
export {
  CacheMiddleware,
  FetchFromCacheMiddleware,
  UpdateCacheMiddleware,
  type CacheMiddlewareOptions,
} from './cache.js';
export { CsrfViewMiddleware, csrfViewMiddleware, type CsrfOptions } from './csrf.js';
export { getCsrfToken, rotateCsrfToken } from './csrf/state.js';
export { csrfInput } from './csrf/context.js';
export { csrfFailure } from './csrf/failure.js';
