/**
 * Django's cookie signing (`django.core.signing.TimestampSigner` as used by
 * `HttpResponse.set_signed_cookie` and `HttpRequest.get_signed_cookie`), so that a
 * Django site sharing the domain reads our cookies and we read its cookies.
 *
 * Written by hand: no npm library implements Django's key derivation
 * (`salted_hmac`) and base62 timestamps.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
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
  return signerSignature(value, COOKIE_KEY_PREFIX + secretKey, salt);
}

/** Django's `Signer.signature`: base64url of `salted_hmac(salt + "signer", value, key)` (SHA-256). */
function signerSignature(value: string, key: string, salt: string): string {
  const hmacKey = createHash('sha256').update(`${salt}signer${key}`, 'utf8').digest();
  return createHmac('sha256', hmacKey).update(value, 'utf8').digest('base64url');
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

/** Options of {@link djangoSignObject}: Django's `signing.dumps` arguments. */
export interface DjangoDumpsOptions {
  /** The signing key (Django: `SECRET_KEY`, used as it is, without the cookie prefix). */
  key: string;
  /** Django's `salt`. */
  salt: string;
  /** Deflate the data when that makes it shorter, as `signing.dumps(compress=True)`. @defaultValue false */
  compress?: boolean;
  /** The timestamp to sign with, in seconds since the epoch. @defaultValue now */
  nowSeconds?: number;
}

/** Options of {@link djangoUnsignObject}: Django's `signing.loads` arguments. */
export interface DjangoLoadsOptions {
  /** The keys tried in turn: `SECRET_KEY`, then `SECRET_KEY_FALLBACKS`. */
  keys: readonly string[];
  /** Django's `salt`. */
  salt: string;
  /** Seconds; an older signature throws {@link SignatureExpired}. Unset: no age check. */
  maxAge?: number;
  /** The time to check `maxAge` against, in seconds since the epoch. @defaultValue now */
  nowSeconds?: number;
}

/** A signed value inflates to at most this many bytes: a zip bomb signed with a leaked key stops here. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/**
 * Django's `signing.dumps` for an already serialised object: `serialized` is the serializer's
 * output (Django's `JSONSerializer`: compact, ASCII-only JSON, whose bytes are its Latin-1
 * encoding), optionally deflated (then prefixed with `.`), base64url without padding, then
 * signed by a `TimestampSigner`: `data:timestamp:signature`.
 */
export function djangoSignObject(serialized: string, options: DjangoDumpsOptions): string {
  let data = Buffer.from(serialized, 'latin1');
  let prefix = '';
  if (options.compress) {
    const compressed = deflateSync(data);
    // Django: compress only when it saves more than the one byte the '.' costs.
    if (compressed.length < data.length - 1) {
      data = compressed;
      prefix = '.';
    }
  }
  const value = `${prefix}${data.toString('base64url')}:${b62Encode(options.nowSeconds ?? Math.floor(Date.now() / 1000))}`;
  return `${value}:${signerSignature(value, options.key, options.salt)}`;
}

/**
 * Django's `signing.loads`: verify `signed` (made by {@link djangoSignObject} or Django's
 * `signing.dumps`) with each of `keys` in constant time, check its age when `maxAge` is given,
 * and return the serialised object (decompressed, as Latin-1 text).
 *
 * @throws BadSignature when no key verifies it or the data is not what `signing.dumps` writes.
 * @throws SignatureExpired when it is older than `maxAge` seconds.
 */
export function djangoUnsignObject(signed: string, options: DjangoLoadsOptions): string {
  const sigAt = signed.lastIndexOf(':');
  if (sigAt < 0) throw new BadSignature('No ":" found in the signed value');
  const value = signed.slice(0, sigAt);
  const given = Buffer.from(signed.slice(sigAt + 1));
  let verified = false;
  for (const key of options.keys) {
    const expected = Buffer.from(signerSignature(value, key, options.salt));
    // Every key is tried (no early exit), so the time taken does not tell which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) verified = true;
  }
  if (!verified) throw new BadSignature('Signature does not match');
  const tsAt = value.lastIndexOf(':');
  const timestamp = tsAt < 0 ? Number.NaN : b62Decode(value.slice(tsAt + 1));
  if (Number.isNaN(timestamp)) throw new BadSignature('The signed value has no valid timestamp');
  if (options.maxAge !== undefined) {
    const age = (options.nowSeconds ?? Date.now() / 1000) - timestamp;
    if (age > options.maxAge) throw new SignatureExpired(`Signature age ${age} > ${options.maxAge} seconds`);
  }
  let encoded = value.slice(0, tsAt);
  const compressed = encoded.startsWith('.');
  if (compressed) encoded = encoded.slice(1);
  let data = Buffer.from(encoded, 'base64url');
  if (compressed) {
    try {
      data = inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch (cause) {
      throw new BadSignature('The signed value does not inflate', { cause });
    }
  }
  return data.toString('latin1');
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
