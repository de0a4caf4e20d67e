/**
 * Django's `django.core.signing` (`Signer`, `TimestampSigner`, `sign_object`, `dumps` and
 * `loads`, `get_cookie_signer`) and `django.utils.crypto` (`salted_hmac`,
 * `constant_time_compare`): the wire format of Django's signed sessions, messages cookie and
 * anything else signed with `SECRET_KEY`.
 *
 * Written by hand: no npm library implements Django's key derivation (`salted_hmac`), its
 * base62 timestamps and its `"."`-prefixed zlib compression.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { pythonJsonDumps } from './python-json.js';
import { BadSignature, SignatureExpired } from './errors.js';

/** A digest `salted_hmac` and the signers can use (Django's default is `'sha256'`). */
export type SigningAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** Turns a value into bytes and back (Django's `serializer` argument of `dumps`/`loads`). */
export interface SigningSerializer {
  /** The bytes to sign. */
  dumps(value: unknown): Buffer;
  /** The value back from the bytes. */
  loads(data: Buffer): unknown;
}

/** Django's `signing.JSONSerializer`: compact JSON (`separators=(",", ":")`), ASCII only. */
export const jsonSerializer: SigningSerializer = {
  dumps: (value) => Buffer.from(pythonJsonDumps(value, { compact: true }), 'latin1'),
  loads: (data) => JSON.parse(data.toString('latin1')) as unknown,
};

// Django's compressed payloads are signed, so only a key holder can send one; the cap only
// keeps a leaked key from turning into a memory exhaustion: a zip bomb stops inflating here
// and is a BadSignature.
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

const B62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Django's `b62_encode`: how {@link TimestampSigner} writes its timestamps. */
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

/**
 * Django's `salted_hmac(key_salt, value, secret, algorithm=...)`: an HMAC of `value` keyed by
 * the digest of `keySalt + secret`.
 */
export function saltedHmac(
  keySalt: string,
  value: string | Buffer,
  secret: string | Buffer,
  algorithm: SigningAlgorithm = 'sha1',
): Buffer {
  return createHmac(algorithm, saltedHmacKey(keySalt, secret, algorithm))
    .update(value)
    .digest();
}

/** The key {@link saltedHmac} signs with: the digest of `keySalt + secret`. */
function saltedHmacKey(keySalt: string, secret: string | Buffer, algorithm: SigningAlgorithm): Buffer {
  return createHash(algorithm)
    .update(Buffer.concat([Buffer.from(keySalt), Buffer.from(secret)]))
    .digest();
}

/**
 * Django's `constant_time_compare(a, b)`: whether the two are equal, in a time that does not
 * depend on where they differ.
 */
export function constantTimeCompare(a: string | Buffer, b: string | Buffer): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    // Compare something of the same length so a length mismatch costs what a match costs.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Django's `b64_encode`: URL-safe base64 without padding. */
function b64Encode(data: Buffer): string {
  return data.toString('base64url');
}

/** Options of {@link Signer} and {@link TimestampSigner}. */
export interface SignerOptions {
  /** Django's `SECRET_KEY` (or the key given as `key=`). */
  key: string | Buffer;
  /** Django's `SECRET_KEY_FALLBACKS`: older keys still accepted when verifying. @defaultValue [] */
  fallbackKeys?: ReadonlyArray<string | Buffer>;
  /** The namespace of the signature. @defaultValue `'django.core.signing.Signer'` (`'django.core.signing.TimestampSigner'` for {@link TimestampSigner}) */
  salt?: string;
  /** The HMAC digest. @defaultValue `'sha256'` */
  algorithm?: SigningAlgorithm;
  /** Between the value and its signature; not empty and not only `A-z0-9-_=`. @defaultValue `':'` */
  sep?: string;
}

/** Options of {@link Signer.signObject}. */
export interface SignObjectOptions {
  /** @defaultValue {@link jsonSerializer} */
  serializer?: SigningSerializer;
  /** zlib-compress the bytes when that makes them shorter (then the payload starts with `"."`). @defaultValue false */
  compress?: boolean;
}

/** Django's `signing.Signer`: `value:signature`. */
export class Signer {
  /** Names the default salt (`django.core.signing.<name>`), as Django's class name does. */
  static readonly djangoName: string = 'Signer';
  /** The signing key. */
  readonly key: Buffer;
  /** Keys also accepted when verifying. */
  readonly fallbackKeys: readonly Buffer[];
  /** The signature's namespace. */
  readonly salt: string;
  /** The HMAC digest. */
  readonly algorithm: SigningAlgorithm;
  /** The separator. */
  readonly sep: string;

  constructor(options: SignerOptions) {
    const { key, fallbackKeys = [], algorithm = 'sha256', sep = ':' } = options;
    if (typeof key !== 'string' && !Buffer.isBuffer(key)) {
      throw new TypeError(`Signer: key must be a string (Django's SECRET_KEY) (got ${typeof key}).`);
    }
    // Django's _SEP_UNSAFE is `^[A-z0-9-_=]*$`; A-z also spans [\]^_` .
    if (/^[A-z0-9\-_=]*$/.test(sep)) {
      throw new RangeError(
        `Unsafe Signer separator: ${JSON.stringify(sep)} (cannot be empty or consist of only A-z0-9-_=).`,
      );
    }
    this.key = Buffer.from(key);
    this.fallbackKeys = fallbackKeys.map((fallback) => Buffer.from(fallback));
    this.salt = options.salt ?? `django.core.signing.${new.target.djangoName}`;
    this.algorithm = algorithm;
    this.sep = sep;
  }

  /**
   * `salted_hmac`'s derived key for each signing key: the same on every call, so made once. Weak,
   * so that keys passed to {@link Signer.signature} from outside do not pile up.
   */
  readonly #hmacKeys = new WeakMap<Buffer, Buffer>();

  /** The signature of `value` with `key` (Django's `Signer.signature`). */
  signature(value: string, key: Buffer = this.key): string {
    let hmacKey = this.#hmacKeys.get(key);
    if (hmacKey === undefined) {
      hmacKey = saltedHmacKey(`${this.salt}signer`, key, this.algorithm);
      this.#hmacKeys.set(key, hmacKey);
    }
    return b64Encode(createHmac(this.algorithm, hmacKey).update(value).digest());
  }

  /** `value` followed by the separator and its signature. */
  sign(value: string): string {
    return `${value}${this.sep}${this.signature(value)}`;
  }

  /**
   * The value of a signed string, when its signature verifies with the key or a fallback key
   * (each compared in constant time).
   * @throws BadSignature otherwise.
   */
  unsign(signedValue: string): string {
    const at = signedValue.lastIndexOf(this.sep);
    if (at < 0) throw new BadSignature(`No "${this.sep}" found in value`);
    const value = signedValue.slice(0, at);
    const given = signedValue.slice(at + this.sep.length);
    let verified = false;
    for (const key of [this.key, ...this.fallbackKeys]) {
      // Every key is tried, even after a match: the time taken does not tell which one signed.
      const matches = constantTimeCompare(given, this.signature(value, key));
      verified ||= matches;
    }
    if (!verified) throw new BadSignature(`Signature "${given}" does not match`);
    return value;
  }

  /** Django's `sign_object`: the serialized value, maybe compressed, in URL-safe base64, signed. */
  signObject(value: unknown, options: SignObjectOptions = {}): string {
    const { serializer = jsonSerializer, compress = false } = options;
    let data = serializer.dumps(value);
    let compressed = false;
    if (compress) {
      const deflated = deflateSync(data);
      if (deflated.length < data.length - 1) {
        data = deflated;
        compressed = true;
      }
    }
    return this.sign((compressed ? '.' : '') + b64Encode(data));
  }

  /**
   * Django's `unsign_object`: the value {@link Signer.signObject} signed. A compressed payload
   * inflating past 16 MiB is refused (a BadSignature) before it is all in memory.
   * @throws BadSignature when the signature does not verify or the payload cannot be decoded.
   */
  unsignObject(signed: string, options: { serializer?: SigningSerializer; maxAge?: number } = {}): unknown {
    const payload = this.unsignPayload(signed, options.maxAge);
    const decompress = payload.startsWith('.');
    let data = Buffer.from(decompress ? payload.slice(1) : payload, 'base64url');
    try {
      if (decompress) data = inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
      return (options.serializer ?? jsonSerializer).loads(data);
    } catch (cause) {
      throw new BadSignature(`Signed value could not be decoded: ${(cause as Error).message}`, { cause });
    }
  }

  /** The payload of a signed object; {@link TimestampSigner} also checks its age. */
  protected unsignPayload(signed: string, _maxAge?: number): string {
    return this.unsign(signed);
  }
}

/** Django's `signing.TimestampSigner`: `value:timestamp:signature`, the timestamp in base62 seconds. */
export class TimestampSigner extends Signer {
  static override readonly djangoName: string = 'TimestampSigner';

  /** The current time as Django writes it: base62 whole seconds since the epoch. */
  timestamp(): string {
    return b62Encode(Math.floor(Date.now() / 1000));
  }

  /** `value`, the separator, the timestamp, then the signature of both. */
  override sign(value: string): string {
    return super.sign(`${value}${this.sep}${this.timestamp()}`);
  }

  /**
   * The value, when the signature verifies and, given `maxAge` (seconds), it is not older.
   * @throws BadSignature, or SignatureExpired when older than `maxAge`.
   */
  override unsign(signedValue: string, maxAge?: number): string {
    const result = super.unsign(signedValue);
    const at = result.lastIndexOf(this.sep);
    const timestamp = at < 0 ? Number.NaN : b62Decode(result.slice(at + this.sep.length));
    if (Number.isNaN(timestamp)) throw new BadSignature('Signed value has no valid timestamp');
    if (maxAge !== undefined) {
      const age = Date.now() / 1000 - timestamp;
      if (age > maxAge) throw new SignatureExpired(`Signature age ${age} > ${maxAge} seconds`);
    }
    return result.slice(0, at);
  }

  protected override unsignPayload(signed: string, maxAge?: number): string {
    return this.unsign(signed, maxAge);
  }
}

/** Options of {@link signingDumps} and {@link signingLoads}. */
export interface SigningDumpsOptions extends SignObjectOptions {
  /** Django's `SECRET_KEY`. */
  key: string | Buffer;
  /** @defaultValue `'django.core.signing'` */
  salt?: string;
}

/** Django's `signing.dumps(obj, key, salt, serializer, compress)`: a URL-safe signed, timestamped string. */
export function signingDumps(value: unknown, options: SigningDumpsOptions): string {
  const { key, salt = 'django.core.signing', ...objectOptions } = options;
  return new TimestampSigner({ key, salt }).signObject(value, objectOptions);
}

/** Options of {@link signingLoads}. */
export interface SigningLoadsOptions {
  /** Django's `SECRET_KEY`. */
  key: string | Buffer;
  /** Django's `SECRET_KEY_FALLBACKS`. @defaultValue [] */
  fallbackKeys?: ReadonlyArray<string | Buffer>;
  /** @defaultValue `'django.core.signing'` */
  salt?: string;
  /** @defaultValue {@link jsonSerializer} */
  serializer?: SigningSerializer;
  /** Refuse signatures older than this many seconds. */
  maxAge?: number;
}

/**
 * Django's `signing.loads(s, key, salt, serializer, max_age, fallback_keys)`.
 * @throws BadSignature (SignatureExpired when older than `maxAge`).
 */
export function signingLoads(signed: string, options: SigningLoadsOptions): unknown {
  const { key, fallbackKeys = [], salt = 'django.core.signing', serializer, maxAge } = options;
  return new TimestampSigner({ key, fallbackKeys, salt }).unsignObject(signed, {
    ...(serializer ? { serializer } : {}),
    ...(maxAge !== undefined ? { maxAge } : {}),
  });
}

/**
 * Django's `signing.get_cookie_signer(salt)`: a {@link TimestampSigner} keyed by
 * `"django.http.cookies" + SECRET_KEY` (and the same for each fallback key).
 */
export function getCookieSigner(options: {
  secretKey: string;
  secretKeyFallbacks?: readonly string[];
  salt?: string;
}): TimestampSigner {
  const { secretKey, secretKeyFallbacks = [], salt = 'django.core.signing.get_cookie_signer' } = options;
  const cookieKey = (key: string): Buffer => Buffer.concat([Buffer.from('django.http.cookies'), Buffer.from(key)]);
  return new TimestampSigner({ key: cookieKey(secretKey), fallbackKeys: secretKeyFallbacks.map(cookieKey), salt });
}

/** Django's `get_random_string(length, allowed_chars)`, from a cryptographically secure source. */
export function getRandomString(length: number, allowedChars: string): string {
  let result = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % allowedChars.length);
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) result += allowedChars.charAt(byte % allowedChars.length);
      if (result.length === length) break;
    }
  }
  return result;
}

/** Django's `RANDOM_STRING_CHARS`: ASCII letters and digits. */
export const RANDOM_STRING_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
