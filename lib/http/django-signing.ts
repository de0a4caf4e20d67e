/**
 * The values of Django's signed cookies (`HttpResponse.set_signed_cookie`,
 * `HttpRequest.get_signed_cookie`): `value:timestamp:signature`, signed by
 * `signing.get_cookie_signer` ({@link getCookieSigner}) so that a Django site sharing the
 * domain reads our cookies and we read its cookies.
 */
import { getCookieSigner } from './django-signer.js';
import { BadSignature, SignatureExpired } from './errors.js';

/** The value Django's `set_signed_cookie(name, value, salt=salt)` writes with `SECRET_KEY = secretKey`. */
export function djangoSignCookie(name: string, value: string, secretKey: string, salt = ''): string {
  return getCookieSigner({ secretKey, salt: name + salt }).sign(value);
}

/**
 * The value of signed cookie `name` as Django's `get_signed_cookie(name, salt=salt, max_age=maxAge)`
 * reads it, with `secretKeys` as `SECRET_KEY` then `SECRET_KEY_FALLBACKS`.
 *
 * @param maxAge - seconds; an older signature throws {@link SignatureExpired}.
 * @throws BadSignature when the signature does not verify.
 */
export function djangoUnsignCookie(
  name: string,
  signed: string,
  secretKeys: readonly string[],
  salt = '',
  maxAge?: number,
): string {
  if (!signed.includes(':')) throw new BadSignature(`No ":" found in the value of cookie ${JSON.stringify(name)}`);
  const [secretKey = '', ...secretKeyFallbacks] = secretKeys;
  try {
    return getCookieSigner({ secretKey, secretKeyFallbacks, salt: name + salt }).unsign(signed, maxAge);
  } catch (cause) {
    if (cause instanceof SignatureExpired || !(cause instanceof BadSignature)) throw cause;
    throw new BadSignature(`Signature of cookie ${JSON.stringify(name)} does not match`, { cause });
  }
}
