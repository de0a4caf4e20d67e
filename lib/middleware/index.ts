/** Django's `MIDDLEWARE` for Express: `viewMiddleware()` and `MiddlewareMixin`. */
export { viewMiddleware } from './view-middleware.js';
export { MiddlewareMixin, type HookResult } from './mixin.js';
