/**
 * Who is signed in, and who may see what: Django's `AuthenticationMiddleware`, a security-headers
 * middleware (`SecurityMiddleware`, `XFrameOptionsMiddleware`), and the `chairRequired` decorator
 * dccnsys puts on every chair view.
 */
import type { Request } from 'express';
import {
  HttpResponseRedirect,
  MiddlewareMixin,
  PermissionDenied,
  getSignedCookie,
  isHttpResponse,
  type ViewMiddleware,
  type ViewResult,
} from '../lib/index.js';
import { setUser, siteOf, userOf } from './site.js';

/** The signed cookie that holds the signed-in username. */
export const SESSION_COOKIE = 'dccn_user';

/** Sets `userOf(req)` from the signed session cookie before any view runs. */
export class AuthenticationMiddleware extends MiddlewareMixin {
  /** A tampered or unknown cookie is someone signed out, not an error. */
  override processRequest(req: Request): undefined {
    const username = getSignedCookie(req, SESSION_COOKIE, { default: null });
    setUser(req, typeof username === 'string' ? siteOf(req).store.user(username) : null);
    return undefined;
  }
}

/** Adds the headers Django's `SecurityMiddleware` and `XFrameOptionsMiddleware` add, unless a view set them. */
export class SecurityHeadersMiddleware extends MiddlewareMixin {
  /** Every response leaves with them. */
  override processResponse(_req: Request, response: ViewResult): ViewResult {
    if (isHttpResponse(response)) {
      response.setDefault('X-Content-Type-Options', 'nosniff');
      response.setDefault('Referrer-Policy', 'same-origin');
      response.setDefault('X-Frame-Options', 'DENY');
    }
    return response;
  }
}

/**
 * Where the login page is, with `next` set to come back to `req`'s URL, encoded as Django's
 * `redirect_to_login` does (`urlencode(safe='/')`): `/accounts/login/?next=/chair/`.
 */
export function loginUrl(req: Request): string {
  return `/accounts/login/?next=${encodeURIComponent(req.originalUrl).replace(/%2F/gi, '/')}`;
}

/**
 * dccnsys's `@chair_required`: anonymous visitors go to the login page (and come back after),
 * a signed-in user who is not the chair gets 403.
 */
export const chairRequired: ViewMiddleware = (next) =>
  function chairRequiredView(req: Request, res) {
    const user = userOf(req);
    if (user === null) return new HttpResponseRedirect(loginUrl(req));
    if (!user.isChair) throw new PermissionDenied('Only the programme committee chair can see this page.');
    return next(req, res);
  };
