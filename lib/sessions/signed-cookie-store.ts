/** Django's `signed_cookies` session engine: the cookie holds the session itself, signed. */
import { signingDumps, signingLoads } from '../http/django-signer.js';
import { sessionSerializer, type SessionData } from './json.js';
import type { SessionSaveContext, SessionSettings, SessionStore } from './store.js';

/** Django's salt for this engine (`backends/signed_cookies.py`). */
export const SIGNED_COOKIES_SALT = 'django.contrib.sessions.backends.signed_cookies';

/**
 * A cookie this long (characters) is refused without being verified: browsers keep at most
 * 4,096 bytes per cookie, so a longer one was not set by Django or this package.
 */
const MAX_COOKIE_LENGTH = 4096;

/**
 * Django's `django.contrib.sessions.backends.signed_cookies`: the session cookie's value is
 * `signing.dumps(session, compress=True, salt="django.contrib.sessions.backends.signed_cookies")`
 * signed with `secretKey` (fallbacks accepted), and it expires with `cookieAge`, as Django
 * checks the signature's age against `SESSION_COOKIE_AGE`. No server-side state: a Django site
 * with `SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"` and the same
 * `SECRET_KEY` reads what this writes and the reverse.
 *
 * As with Django's, the data is readable (signed, not encrypted) and a cookie copied before a
 * logout stays valid until it expires; browsers cap a cookie at about 4 kB.
 *
 * @example
 * ```ts
 * app.use(sessionMiddleware({ secretKey: process.env.SECRET_KEY!, store: new SignedCookieSessionStore() }));
 * ```
 */
export class SignedCookieSessionStore implements SessionStore {
  /** The cookie holds the data: no key to create or delete. */
  readonly keyIsData = true;

  /** The session the cookie `signed` holds, `null` when its signature or age fails (a new session then). */
  load(signed: string, settings: SessionSettings): SessionData | null {
    if (signed.length > MAX_COOKIE_LENGTH) return null;
    try {
      return signingLoads(signed, {
        key: settings.secretKey,
        fallbackKeys: settings.secretKeyFallbacks,
        salt: SIGNED_COOKIES_SALT,
        serializer: sessionSerializer,
        maxAge: settings.cookieAge,
      }) as SessionData;
    } catch {
      // BadSignature, SignatureExpired, or data that is not a JSON object: Django resets the session.
      return null;
    }
  }

  /** The cookie value for `data`: Django's `signing.dumps(..., compress=True)`. */
  save(_sessionKey: string, data: SessionData, { settings }: SessionSaveContext): string {
    return signingDumps(data, {
      key: settings.secretKey,
      salt: SIGNED_COOKIES_SALT,
      serializer: sessionSerializer,
      compress: true,
    });
  }

  /** Nothing is stored: dropping the cookie is the deletion. */
  delete(): void {}
}
