/** Django's `django.views.decorators.csrf`: `CsrfViewMiddleware` as view decorators, and `csrfExempt`. */
import type { Request } from 'express';
import type { AnyViewHandler } from '../types.js';
import type { HookResult } from '../../middleware/mixin.js';
import { CsrfViewMiddleware } from '../../middleware/csrf.js';
import { getCsrfToken } from '../../middleware/csrf/state.js';
import { decoratorFromMiddleware } from '../../utils/decorators.js';

export { csrfExempt } from '../../middleware/csrf/exempt.js';

/**
 * Django's `csrf_protect`: the check of `CsrfViewMiddleware` on one view
 * (`decoratorFromMiddleware(CsrfViewMiddleware)`), with the default options. Harmless beside
 * `csrfViewMiddleware()`: a request is checked once.
 *
 * @example
 * ```ts
 * app.post('/polls/:id/vote', view(vote, csrfProtect));
 * ```
 */
export const csrfProtect = decoratorFromMiddleware(CsrfViewMiddleware, 'csrfProtect');

/** Django's `_EnsureCsrfToken`: the middleware, never refusing. */
class EnsureCsrfToken extends CsrfViewMiddleware {
  protected override reject(): undefined {
    return undefined;
  }
}

/** Django's `_EnsureCsrfCookie`: never refusing, and always sending the cookie. */
class EnsureCsrfCookie extends EnsureCsrfToken {
  override async processView(req: Request, handler: AnyViewHandler): Promise<HookResult> {
    const answer = await super.processView(req, handler);
    // Force processResponse to send the cookie.
    getCsrfToken(req);
    return answer;
  }
}

/**
 * Django's `requires_csrf_token`: the view gets a working `csrfToken` (and the cookie when it
 * uses it) without being protected, e.g. a 403 or 404 page that shows a form.
 */
export const requiresCsrfToken = decoratorFromMiddleware(EnsureCsrfToken, 'requiresCsrfToken');

/**
 * Django's `ensure_csrf_cookie`: the response always sets the CSRF cookie, for a page whose
 * scripts POST with the `X-CSRFToken` header and print no form.
 */
export const ensureCsrfCookie = decoratorFromMiddleware(EnsureCsrfCookie, 'ensureCsrfCookie');
