/** Django's `django.views`: class-based views and view decorators. */
export {
  RedirectView,
  View,
  type ClassViewHandler,
  type HttpMethodName,
  type ViewClass,
  type ViewInitArgs,
  type ViewMethodResult,
} from './base.js';
export {
  condition,
  etag,
  lastModified,
  requireGET,
  requireHttpMethods,
  requirePOST,
  requireSafe,
  type ConditionOptions,
  type ValidatorFunction,
} from './decorators/http.js';
export { cacheControl, neverCache } from './decorators/cache.js';
export { varyOnCookie, varyOnHeaders } from './decorators/vary.js';
export { xFrameOptionsDeny, xFrameOptionsExempt, xFrameOptionsSameOrigin } from './decorators/clickjacking.js';
export { cachePage, type CachePageOptions, type CachePageStore } from './decorators/cache-page.js';
export {
  makeDecorator,
  patchResult,
  type CustomDecorator,
  type DecoratedResult,
  type NextView,
} from './decorators/wrap.js';
export {
  DEFAULT_LOGIN_URL,
  REDIRECT_FIELD_NAME,
  isSignedIn,
  loginRequired,
  permissionRequired,
  redirectToLogin,
  userPassesTest,
  type AuthUser,
  type LoginRedirectOptions,
  type PermissionRequiredOptions,
  type UserPassesTestOptions,
  type UserTest,
} from './decorators/auth.js';
export {
  SimpleTemplateResponse,
  TemplateResponse,
  type PostRenderCallback,
  type RenderTarget,
  type TemplateRenderer,
} from './template-response.js';
export { TemplateView } from './template-view.js';
export { csrfExempt, csrfProtect, ensureCsrfCookie, requiresCsrfToken } from './decorators/csrf.js';
