/**
 * Who may see what: a security-headers middleware (`SecurityMiddleware`,
 * `XFrameOptionsMiddleware`) and the `chairRequired` decorator dccnsys puts on every chair view.
 * Who is signed in comes from the session, through the package's `authenticationMiddleware`.
 */
import type { Request } from 'express';
import {
  MiddlewareMixin,
  PermissionDenied,
  isHttpResponse,
  userPassesTest,
  type ViewDecorator,
  type ViewResult,
} from '../lib/index.js';
import type { User } from './db.js';
import { userOf } from './site.js';

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
 * dccnsys's `@chair_required`, written with Django's `user_passes_test`: anonymous visitors go
 * to the login page with `?next=` (quoted as Django's `redirect_to_login` does:
 * `/accounts/login/?next=/chair/`), a signed-in user who is not the chair gets 403.
 */
export const chairRequired: ViewDecorator = userPassesTest(
  (user: User | null) => {
    if (user === null) return false;
    if (!user.isChair) throw new PermissionDenied('Only the programme committee chair can see this page.');
    return true;
  },
  { getUser: userOf },
);
