/**
 * Django's cookie signing (`django.core.signing.TimestampSigner` as used by
 * `HttpResponse.set_signed_cookie` and `HttpRequest.get_signed_cookie`), so that a
 * Django site sharing the domain reads our cookies and we read its cookies.
 *
 * Written by hand: no npm library implements Django's key derivation
 * (`salted_hmac`) and base62 timestamps.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadSignature, SignatureExpired } from './errors.js';

const B62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** `django.http.cookies`: the prefix Django puts before SECRET_KEY for cookie signers. */
const COOKIE_KEY_PREFIX = 'django.http.cookies';

/** Django's `b62_encode`. */
export function b62Encode(value: number): string {
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  let rest = Math.abs(value);
  let encoded = '';
  while (rest > 0) {
    encoded = B62_ALPHABET.charAt(rest % 62) + encoded;
    rest = Math.floor(rest / 62);
  }
  return sign + encoded;
}

/** Django's `b62_decode`; `NaN` for text that is not base62. */
export function b62Decode(text: string): number {
  if (text === '0') return 0;
  const negative = text.startsWith('-');
  let value = 0;
  for (const char of negative ? text.slice(1) : text) {
    const digit = B62_ALPHABET.indexOf(char);
    if (digit < 0) return Number.NaN;
    value = value * 62 + digit;
  }
  return negative ? -value : value;
}

function signature(value: string, secretKey: string, salt: string): string {
  // salted_hmac(key_salt=salt + "signer", value, secret=b"django.http.cookies" + SECRET_KEY)
  const key = createHash('sha256').update(`${salt}signer${COOKIE_KEY_PREFIX}${secretKey}`, 'utf8').digest();
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

/**
 * Sign `value` for cookie `name` as Django's `set_signed_cookie(name, value, salt=salt)`
 * does with `SECRET_KEY = secretKey`: `value:timestamp:signature`.
 */
export function djangoSignCookie(
  name: string,
  value: string,
  secretKey: string,
  salt = '',
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const timestamped = `${value}:${b62Encode(nowSeconds)}`;
  return `${timestamped}:${signature(timestamped, secretKey, name + salt)}`;
}

/**
 * Verify a cookie signed by Django (or {@link djangoSignCookie}) and return the value.
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
  nowSeconds = Date.now() / 1000,
): string {
  const sigAt = signed.lastIndexOf(':');
  if (sigAt < 0) throw new BadSignature(`No ":" found in the value of cookie ${JSON.stringify(name)}`);
  const timestamped = signed.slice(0, sigAt);
  const given = Buffer.from(signed.slice(sigAt + 1));
  const verified = secretKeys.some((key) => {
    const expected = Buffer.from(signature(timestamped, key, name + salt));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!verified) throw new BadSignature(`Signature of cookie ${JSON.stringify(name)} does not match`);
  const tsAt = timestamped.lastIndexOf(':');
  const timestamp = tsAt < 0 ? Number.NaN : b62Decode(timestamped.slice(tsAt + 1));
  if (Number.isNaN(timestamp)) throw new BadSignature(`Cookie ${JSON.stringify(name)} has no valid timestamp`);
  if (maxAge !== undefined) {
    const age = nowSeconds - timestamp;
    if (age > maxAge) throw new SignatureExpired(`Signature age ${age} > ${maxAge} seconds`);
  }
  return timestamped.slice(0, tsAt);
}

// Python's http.cookies quoting, which Django's cookies use on the wire.
const PY_LEGAL = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]*$/;
const PY_QUOTE_SAFE = /[A-Za-z0-9!#$%&'*+\-.^_`|~: ()/<=>?@[\]{}]/;

/** Python's `http.cookies._quote`, as Django serialises cookie values. */
export function pythonCookieQuote(value: string): string {
  if (value !== '' && PY_LEGAL.test(value)) return value;
  let quoted = '"';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (code > 0xff || PY_QUOTE_SAFE.test(char)) quoted += char;
    else quoted += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `${quoted}"`;
}

/** Python's `http.cookies._unquote`, as Django reads cookie values. */
export function pythonCookieUnquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\([0-3][0-7][0-7])|\\(.)/g, (_, octal: string | undefined, char: string) =>
      octal ? String.fromCharCode(parseInt(octal, 8)) : char,
    );
}
