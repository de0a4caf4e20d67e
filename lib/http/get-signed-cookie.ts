/** `getSignedCookie()`: Django's `request.get_signed_cookie` for Express requests. */
import type { IncomingMessage } from 'node:http';
import { parse } from 'cookie';
import { unsign } from 'cookie-signature';
import { djangoUnsignCookie } from './django-signing.js';
import { pythonCookieUnquote } from './python-cookies.js';
import { describe } from './describe.js';
import { BadSignature } from './errors.js';

/** Options of {@link getSignedCookie}. */
export interface GetSignedCookieOptions<D = never> {
  /** The format the cookie was signed in (see `setSignedCookie`). @defaultValue `'express'` */
  format?: 'express' | 'django';
  /** Django's `salt`; only for `format: 'django'`. @defaultValue `''` */
  salt?: string;
  /**
   * Django's `SIGNED_COOKIE_LEGACY_SALT_FALLBACK`; only for `format: 'django'`. Django 5.2.17
   * signs cookies with the salt `"django.http.cookies.v2:" + len(salt) + ":" + salt + name`;
   * when on, a cookie whose signature does not verify with it is tried with the salt of
   * earlier versions, `name + salt` (an expired signature is not retried), as Django reads
   * the cookies its earlier versions set. Turn it off once those have expired.
   * @defaultValue true, as Django's setting
   */
  signedCookieLegacySaltFallback?: boolean;
  /** The secret, or several to accept (rotation). @defaultValue `req.secret` from `cookie-parser` */
  secret?: string | readonly string[];
  /**
   * Refuse signatures older than this many seconds; only for `format: 'django'`, whose cookies carry a timestamp.
   * @defaultValue none: a signature of any age is accepted
   */
  maxAge?: number;
  /** Returned instead of throwing when the cookie is missing or its signature is bad. @defaultValue none: it throws */
  default?: D;
}

type RequestWithCookies = IncomingMessage & {
  secret?: string;
  cookies?: Record<string, unknown>;
  signedCookies?: Record<string, unknown>;
};

/**
 * The verified value of signed cookie `name` (Django's `request.get_signed_cookie`).
 *
 * @returns the value, or `opts.default` when it is given and the cookie is missing or bad.
 * @throws BadSignature when the cookie is missing or its signature is bad;
 *   SignatureExpired when it is older than `opts.maxAge`.
 *
 * @example
 * ```ts
 * const userId = getSignedCookie(req, 'uid', { default: null });
 * const fromDjango = getSignedCookie(req, 'c', { format: 'django', secret: SECRET_KEY, maxAge: 3600 });
 * // Only what Django 5.2.17 and later sign, as with SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False:
 * const current = getSignedCookie(req, 'c', { format: 'django', secret: SECRET_KEY, signedCookieLegacySaltFallback: false });
 * ```
 */
export function getSignedCookie<D = never>(
  req: IncomingMessage,
  name: string,
  opts: GetSignedCookieOptions<D> = {},
): string | D {
  const { format = 'express', salt = '', maxAge, signedCookieLegacySaltFallback } = opts;
  const request = req as RequestWithCookies;
  const secrets = opts.secret === undefined ? (request.secret ? [request.secret] : []) : [opts.secret].flat();
  const hasDefault = 'default' in opts;
  try {
    if (secrets.length === 0) {
      throw new TypeError(
        `getSignedCookie(req, ${JSON.stringify(name)}) has no secret: pass { secret }, or install cookie-parser with a secret so that req.secret is set.`,
      );
    }
    if (format !== 'express' && format !== 'django') {
      throw new TypeError(
        `option format is invalid: it must be "express" or "django" (got ${JSON.stringify(format)}).`,
      );
    }
    if (signedCookieLegacySaltFallback !== undefined && typeof signedCookieLegacySaltFallback !== 'boolean') {
      throw new TypeError(
        `option signedCookieLegacySaltFallback must be true or false (got ${describe(signedCookieLegacySaltFallback)}).`,
      );
    }
    if (format === 'django') {
      const raw = rawCookie(request, name, pythonCookieUnquote);
      return djangoUnsignCookie(name, raw, secrets, {
        salt,
        ...(maxAge !== undefined ? { maxAge } : {}),
        ...(signedCookieLegacySaltFallback !== undefined ? { signedCookieLegacySaltFallback } : {}),
      });
    }
    if (maxAge !== undefined)
      throw new TypeError("option maxAge needs format: 'django': Express-signed cookies carry no timestamp.");
    if (signedCookieLegacySaltFallback !== undefined) {
      throw new TypeError(
        "option signedCookieLegacySaltFallback needs format: 'django': it chooses between the salts of Django's signed cookies.",
      );
    }
    // cookie-parser verified req.signedCookies with its own secrets: trust that only when
    // the caller did not ask for other ones.
    if (opts.secret === undefined) {
      const parsed = request.signedCookies?.[name];
      if (typeof parsed === 'string') return parsed;
      if (parsed === false) throw new BadSignature(`Signature of cookie ${JSON.stringify(name)} does not match`);
    }
    const raw = rawCookie(request, name);
    if (!raw.startsWith('s:')) throw new BadSignature(`Cookie ${JSON.stringify(name)} is not signed`);
    for (const secret of secrets) {
      const value = unsign(raw.slice(2), secret);
      if (value !== false) return value;
    }
    throw new BadSignature(`Signature of cookie ${JSON.stringify(name)} does not match`);
  } catch (err) {
    if (hasDefault && err instanceof BadSignature) return opts.default as D;
    throw err;
  }
}

function rawCookie(req: RequestWithCookies, name: string, decode?: (value: string) => string): string {
  const header = req.headers.cookie;
  const value = header === undefined ? undefined : parse(header, decode ? { decode } : {})[name];
  if (value === undefined) throw new BadSignature(`No cookie named ${JSON.stringify(name)} in the request`);
  return value;
}
