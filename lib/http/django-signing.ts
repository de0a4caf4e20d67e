/**
 * The values of Django's signed cookies (`HttpResponse.set_signed_cookie`,
 * `HttpRequest.get_signed_cookie`) as Django 5.2.17 writes and reads them:
 * `value:timestamp:signature`, signed by `signing.get_cookie_signer` ({@link getCookieSigner})
 * with a salt naming the cookie, so that a Django site sharing the domain reads our cookies
 * and we read its cookies.
 */
import { getCookieSigner } from './django-signer.js';
import { BadSignature, SignatureExpired } from './errors.js';

/**
 * Django's `signing._cookie_signer_salt` (Django 5.2.17 and later): the signer's salt for
 * cookie `name` signed with `salt`, the salt's length (in code points, as Python counts)
 * first, so that no two (name, salt) pairs share a signature.
 */
export function cookieSignerSalt(name: string, salt = ''): string {
  return `django.http.cookies.v2:${[...salt].length}:${salt}${name}`;
}

/**
 * Django's `signing._cookie_signer_legacy_salt`: `name + salt`, what Django before 5.2.17
 * signed with, where cookie `ab` with salt `c` and cookie `a` with salt `bc` share a signature.
 */
export function legacyCookieSignerSalt(name: string, salt = ''): string {
  return name + salt;
}

/** The value Django 5.2.17's `set_signed_cookie(name, value, salt=salt)` writes with `SECRET_KEY = secretKey`. */
export function djangoSignCookie(name: string, value: string, secretKey: string, salt = ''): string {
  return getCookieSigner({ secretKey, salt: cookieSignerSalt(name, salt) }).sign(value);
}

/** Options of {@link djangoUnsignCookie}. */
export interface DjangoUnsignCookieOptions {
  /** Django's `salt` argument. @defaultValue `''` */
  salt?: string;
  /** Seconds; an older signature throws {@link SignatureExpired}. @defaultValue none */
  maxAge?: number;
  /**
   * Django's `SIGNED_COOKIE_LEGACY_SALT_FALLBACK`: a cookie whose signature does not verify
   * with the current salt is tried with the salt of Django before 5.2.17 ({@link legacyCookieSignerSalt}).
   * @defaultValue true, as Django's setting
   */
  signedCookieLegacySaltFallback?: boolean;
}

/**
 * The value of signed cookie `name` as Django 5.2.17's `get_signed_cookie(name, salt=salt,
 * max_age=maxAge)` (`signing._unsign_cookie`) reads it, with `secretKeys` as `SECRET_KEY` then
 * `SECRET_KEY_FALLBACKS`: signed with {@link cookieSignerSalt}, or, when that signature does
 * not verify (an expired one is not retried) and `signedCookieLegacySaltFallback` is on, with
 * {@link legacyCookieSignerSalt}.
 *
 * @throws BadSignature when the signature does not verify;
 *   SignatureExpired when it is older than `maxAge` seconds.
 */
export function djangoUnsignCookie(
  name: string,
  signed: string,
  secretKeys: readonly string[],
  options: DjangoUnsignCookieOptions = {},
): string {
  const { salt = '', maxAge, signedCookieLegacySaltFallback = true } = options;
  if (!signed.includes(':')) throw new BadSignature(`No ":" found in the value of cookie ${JSON.stringify(name)}`);
  const [secretKey = '', ...secretKeyFallbacks] = secretKeys;
  const unsign = (signerSalt: string): string =>
    getCookieSigner({ secretKey, secretKeyFallbacks, salt: signerSalt }).unsign(signed, maxAge);
  try {
    try {
      return unsign(cookieSignerSalt(name, salt));
    } catch (err) {
      if (!signedCookieLegacySaltFallback || err instanceof SignatureExpired || !(err instanceof BadSignature))
        throw err;
      return unsign(legacyCookieSignerSalt(name, salt));
    }
  } catch (cause) {
    if (cause instanceof SignatureExpired || !(cause instanceof BadSignature)) throw cause;
    throw new BadSignature(`Signature of cookie ${JSON.stringify(name)} does not match`, { cause });
  }
}
