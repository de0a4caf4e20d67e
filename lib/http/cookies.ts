/**
 * The cookies a response sets: Django's `set_cookie` rules, serialised by the jshttp
 * `cookie` module and signed by `cookie-signature` (Express's format) or as Django does.
 */
import { serialize, type SetCookie } from 'cookie';
import { sign as expressSign } from 'cookie-signature';
import { hasLoneSurrogate } from './charset.js';
import { djangoSignCookie } from './django-signing.js';
import { pythonCookieQuote } from './python-cookies.js';
import {
  checkOptions,
  COOKIE_FIELDS,
  COOKIE_NAMES,
  isOptionsObject,
  notAnOptionsObject,
  optionNames,
} from './init-validation.js';
import { describe } from './describe.js';

/** The `SameSite` attribute; any casing is accepted. */
export type SameSite = 'Lax' | 'Strict' | 'None' | 'lax' | 'strict' | 'none';

/**
 * A cookie's value: text, a number or a boolean as text, or an object or array, written as `j:`
 * and its JSON as Express writes it (`cookie-parser` reads it back as the object).
 */
export type CookieValue = string | number | boolean | object | null;

/** Options of {@link HttpResponseBase.setCookie}. */
export interface CookieOptions {
  /**
   * Lifetime in **seconds** (Django's `max_age`; Express's `maxAge` is milliseconds); also sets
   * `Expires` unless `expires` is given. Fractions are truncated. A value that reads as a
   * millisecond lifetime is refused with the fix (see {@link MAX_COOKIE_AGE}).
   * @defaultValue none: a session cookie, dropped when the browser closes (unless `expires` is given)
   */
  maxAge?: number;
  /**
   * Lifetime in milliseconds, as Express's `res.cookie(name, value, { maxAge })` takes it: sets
   * `Max-Age` to the whole seconds and `Expires` to now plus this. Not with `maxAge`.
   * @defaultValue none
   */
  maxAgeMs?: number;
  /**
   * A `Date` (then `Max-Age` is derived from it, as Django does) or an HTTP date string kept as given.
   * @defaultValue none: derived from `maxAge` when that is given
   */
  expires?: Date | string;
  /** @defaultValue `'/'`; `null` leaves the attribute out. */
  path?: string | null;
  /** The `Domain` attribute. @defaultValue none: the cookie goes back to the host that set it only */
  domain?: string;
  /** Send only over HTTPS. @defaultValue false */
  secure?: boolean;
  /** Hide from `document.cookie`. @defaultValue false */
  httpOnly?: boolean;
  /** The `SameSite` attribute. @defaultValue none: not sent (browsers then treat the cookie as `Lax`) */
  sameSite?: SameSite;
  /** CHIPS: keep the cookie in a partitioned jar (browsers also require `secure`). @defaultValue false */
  partitioned?: boolean;
}

/** Options of {@link HttpResponseBase.setSignedCookie}. */
export interface SignedCookieOptions extends CookieOptions {
  /**
   * `'express'`: `s:value.signature` as `res.cookie(…, { signed: true })` writes it and
   * `cookie-parser` reads it into `req.signedCookies`.
   * `'django'`: Django's `set_signed_cookie` format as Django 5.2.17 writes it (the salt
   * `"django.http.cookies.v2:" + len(salt) + ":" + salt + name`), read by
   * `request.get_signed_cookie` on Django 5.2.17 and later; earlier versions, which sign with
   * `name + salt`, refuse it.
   * @defaultValue `'express'`
   */
  format?: 'express' | 'django';
  /** The secret (Django: `SECRET_KEY`). @defaultValue `req.secret` set by `cookie-parser`, read when the response is written */
  secret?: string;
  /** Django's `salt`; only for `format: 'django'`. @defaultValue `''` */
  salt?: string;
}

/** Options of {@link HttpResponseBase.deleteCookie}: they must match the cookie being deleted. */
export interface DeleteCookieOptions {
  /** @defaultValue `'/'` */
  path?: string | null;
  /** The cookie's domain. @defaultValue none: the host-only cookie */
  domain?: string;
  /** The cookie's SameSite; `'None'` also sets `Secure`, as browsers require. @defaultValue none: not sent */
  sameSite?: SameSite;
}

const SAME_SITE = { lax: 'lax', strict: 'strict', none: 'none' } as const;
const EPOCH = new Date(0);

/** How a {@link ResponseCookie} is made, beside its attributes. @internal */
export interface CookieMaking {
  /** Signed at write time with `req.secret` (`setSignedCookie()` without `{ secret }`). */
  needsSecret?: boolean;
  /** `value` is already quoted for the header (Django-signed values), written as it is. */
  rawValue?: boolean;
}

/** One cookie set on a response, with its attributes; `toString()` is the `Set-Cookie` value. */
export class ResponseCookie {
  /** The cookie's name. */
  readonly name: string;
  /** The value as it is sent (already signed, when a signing secret was known). */
  readonly value: string;
  /** Seconds, as sent in `Max-Age`. */
  readonly maxAge: number | undefined;
  /** As sent in `Expires`. */
  readonly expires: Date | undefined;
  /** `Path`; `undefined` when left out. */
  readonly path: string | undefined;
  /** `Domain`. */
  readonly domain: string | undefined;
  /** `Secure`. */
  readonly secure: boolean;
  /** `HttpOnly`. */
  readonly httpOnly: boolean;
  /** `SameSite`, as given. */
  readonly sameSite: SameSite | undefined;
  /** `Partitioned`. */
  readonly partitioned: boolean;
  /** `true` while the value still waits for the request's secret (`req.secret`) to be signed. */
  readonly needsSecret: boolean;
  readonly #rawValue: boolean;
  /** The `Set-Cookie` value, kept from the constructor's check when it needs no secret. */
  readonly #serialized: string | undefined;

  /** @internal Use {@link HttpResponseBase.setCookie}. */
  constructor(
    name: string,
    value: string,
    opts: CookieOptions,
    { needsSecret = false, rawValue = false }: CookieMaking = {},
  ) {
    this.name = name;
    this.value = value;
    this.needsSecret = needsSecret;
    this.#rawValue = rawValue;
    const { maxAge, expires } = lifetime(opts);
    this.maxAge = maxAge;
    this.expires = expires;
    this.path = opts.path === null ? undefined : (opts.path ?? '/');
    this.domain = opts.domain;
    this.secure = opts.secure === true;
    this.httpOnly = opts.httpOnly === true;
    this.sameSite = opts.sameSite;
    this.partitioned = opts.partitioned === true;
    // Serialise once now so a bad name, path or domain throws where the cookie is set; the
    // cookie is immutable, so that string is also the one written (no second serialisation).
    const serialized = this.serialize(needsSecret ? 'placeholder-secret' : undefined);
    this.#serialized = needsSecret ? undefined : serialized;
  }

  /**
   * The `Set-Cookie` header value. A cookie that waits for a signing secret needs `secret`.
   *
   * @throws TypeError when the cookie must be signed and no secret is given.
   */
  serialize(secret?: string): string {
    if (this.#serialized !== undefined) return this.#serialized;
    let value = this.value;
    if (this.needsSecret) {
      if (!secret) {
        throw new TypeError(
          `setSignedCookie(${JSON.stringify(this.name)}) has no secret: pass { secret } to setSignedCookie(), or install cookie-parser with a secret (app.use(cookieParser(secret))) so that req.secret is set.`,
        );
      }
      value = `s:${expressSign(value, secret)}`;
    }
    // The object form of serialize(): the (name, value, options) form spreads the options into a
    // new object first, which costs several times the rest of the call.
    const options: SetCookie = { name: this.name, value: this.#rawValue ? '' : value };
    if (this.maxAge !== undefined) options.maxAge = this.maxAge;
    if (this.expires !== undefined) options.expires = this.expires;
    if (this.path !== undefined) options.path = this.path;
    if (this.domain !== undefined) options.domain = this.domain;
    if (this.secure) options.secure = true;
    if (this.httpOnly) options.httpOnly = true;
    if (this.partitioned) options.partitioned = true;
    if (this.sameSite !== undefined)
      options.sameSite = SAME_SITE[this.sameSite.toLowerCase() as keyof typeof SAME_SITE];
    if (!this.#rawValue) return serialize(options);
    // Django-format values use Python's cookie quoting, which the `cookie` module's value
    // check refuses (spaces inside quotes): let it write the attributes, put the value in.
    const withoutValue = serialize(options);
    return `${this.name}=${value}${withoutValue.slice(this.name.length + 1)}`;
  }

  /** Same as {@link ResponseCookie.serialize} without a secret. */
  toString(): string {
    return this.serialize();
  }
}

/** Django's rules for `max_age` and `expires` (see `HttpResponseBase.set_cookie`). */
/**
 * The longest cookie lifetime a browser keeps, in seconds: 400 days (RFC 6265bis §5.5, "the
 * user agent MUST … cap Max-Age at 400 days"; Chrome does since version 104).
 */
export const MAX_COOKIE_AGE = 400 * 24 * 60 * 60;

/**
 * Whether `maxAge` (seconds) only makes sense as milliseconds, as when Express's
 * `res.cookie(…, { maxAge: 60000 })` is ported as it is. Such a value is a whole number of
 * minutes in milliseconds (a multiple of 60 000), and is not a whole number of days in seconds
 * that a browser keeps (at most {@link MAX_COOKIE_AGE}): 60 000 (a minute in ms, 16.7 hours in
 * seconds), 900 000, 3 600 000 (an hour), 86 400 000 (a day in ms, 1 000 days in seconds). A
 * seconds lifetime a Django port uses passes: 3 600, 86 400, 1 209 600 (two weeks), 31 449 600
 * (a year of weeks), 31 536 000, 2 160 000 (25 days). What slips through is a millisecond
 * lifetime that is a multiple of 36 minutes up to 9.6 hours (3 hours, 10 800 000, is also 125
 * days in seconds); `maxAgeMs` says which is meant.
 */
function looksLikeMilliseconds(maxAge: number): boolean {
  return maxAge > 0 && maxAge % 60_000 === 0 && !(maxAge % 86_400 === 0 && maxAge <= MAX_COOKIE_AGE);
}

/**
 * Refuse a `maxAge` given to `setCookie()` / `setSignedCookie()` that only reads as
 * milliseconds. Only there: a lifetime the package computes (a session's remaining age) is
 * seconds whatever its value.
 *
 * @throws RangeError naming `maxAge: n / 1000` and `maxAgeMs: n`.
 */
function checkSecondsGiven(maxAge: unknown): void {
  if (typeof maxAge === 'number' && looksLikeMilliseconds(maxAge)) {
    throw new RangeError(
      `option maxAge is in seconds (Django's max_age), and ${maxAge} reads as milliseconds (Express's maxAge): ${formatDuration(maxAge / 1000)} in milliseconds, but ${formatDuration(maxAge)} in seconds. Write maxAge: ${maxAge / 1000} (seconds) or maxAgeMs: ${maxAge}${maxAge > MAX_COOKIE_AGE ? `; browsers keep a cookie 400 days at most (maxAge: ${MAX_COOKIE_AGE})` : ''}.`,
    );
  }
}

function lifetime(opts: CookieOptions): { maxAge: number | undefined; expires: Date | undefined } {
  let { maxAge, expires } = opts;
  const { maxAgeMs } = opts;
  if (maxAgeMs !== undefined) {
    if (typeof maxAgeMs !== 'number' || !Number.isFinite(maxAgeMs)) {
      throw new TypeError(
        `option maxAgeMs is invalid: it must be a finite number of milliseconds (got ${describe(maxAgeMs)}).`,
      );
    }
    if (maxAge !== undefined) throw new TypeError("'maxAge' and 'maxAgeMs' can't be used together: give one lifetime.");
    if (expires !== undefined) throw new TypeError("'expires' and 'maxAgeMs' can't be used together.");
    // As Express: Max-Age the whole seconds, Expires now plus the exact milliseconds.
    return { maxAge: Math.floor(maxAgeMs / 1000), expires: new Date(Date.now() + maxAgeMs) };
  }
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isFinite(maxAge))) {
    throw new TypeError(`option maxAge is invalid: it must be a finite number of seconds (got ${describe(maxAge)}).`);
  }
  let expiresDate: Date | undefined;
  if (expires instanceof Date) {
    if (Number.isNaN(expires.getTime())) throw new TypeError('option expires is invalid: an Invalid Date.');
    if (maxAge !== undefined) throw new TypeError("'expires' and 'maxAge' can't be used together.");
    // Django: delta = expires - now + 1 s, max_age = max(0, whole seconds of delta)
    maxAge = Math.max(0, Math.floor((expires.getTime() - Date.now()) / 1000 + 1));
    expires = undefined;
  } else if (typeof expires === 'string') {
    expiresDate = new Date(expires);
    if (Number.isNaN(expiresDate.getTime())) {
      throw new TypeError(`option expires is invalid: use a Date or an HTTP date (got ${JSON.stringify(expires)}).`);
    }
  } else if (expires !== undefined) {
    throw new TypeError(`option expires is invalid: use a Date or an HTTP date string (got ${describe(expires)}).`);
  }
  if (maxAge !== undefined && expiresDate === undefined) {
    // Expires uses the untruncated max_age, Max-Age the truncated one, as in Django.
    expiresDate = new Date(Date.now() + maxAge * 1000);
  }
  return { maxAge: maxAge === undefined ? undefined : Math.trunc(maxAge), expires: expiresDate };
}

/** `seconds` in the largest whole unit it fills, for a message: `1 minute`, `16.7 hours`, `1000 days`. */
function formatDuration(seconds: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (seconds >= size) {
      const count = Math.round((seconds / size) * 10) / 10;
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function checkSameSite(sameSite: unknown): void {
  if (sameSite !== undefined && !(typeof sameSite === 'string' && sameSite.toLowerCase() in SAME_SITE)) {
    throw new TypeError(
      `option sameSite is invalid: it must be "Lax", "Strict" or "None" (got ${describe(sameSite)}).`,
    );
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string')
    throw new TypeError(`Invalid cookie name: it must be a string (got ${describe(name)}).`);
  return name;
}

const SIGNED_COOKIE_FIELDS: ReadonlySet<string> = optionNames<SignedCookieOptions>()([
  ...COOKIE_NAMES,
  'format',
  'secret',
  'salt',
]);
const DELETE_COOKIE_FIELDS: ReadonlySet<string> = optionNames<DeleteCookieOptions>()(['path', 'domain', 'sameSite']);
const NO_OPTIONS = Object.freeze({});

/**
 * Check cookie options: an object with known fields of the right types. Django's
 * positional `max_age` (a number where the options go) gets its own hint.
 */
function checkCookieOptions<T extends object>(
  opts: T | undefined,
  known: ReadonlySet<string>,
  what: string,
  positional = 'max_age',
): T {
  if (opts === undefined || opts === null) return NO_OPTIONS as T;
  if (!isOptionsObject(opts)) {
    throw notAnOptionsObject(
      what,
      opts,
      typeof opts === 'number' || typeof opts === 'string'
        ? `pass Django's positional ${positional} as { ${positional === 'max_age' ? 'maxAge' : positional}: ${JSON.stringify(opts)} }`
        : 'pass an object such as { maxAge: 3600, path: "/" }',
    );
  }
  checkOptions(opts, known, what);
  const { path, domain, secure, httpOnly, partitioned } = opts as CookieOptions;
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw new TypeError(`${what} option path must be a string or null (got ${describe(path)}).`);
  }
  if (domain !== undefined && typeof domain !== 'string') {
    throw new TypeError(`${what} option domain must be a string (got ${describe(domain)}).`);
  }
  checkFlag(what, 'secure', secure);
  checkFlag(what, 'httpOnly', httpOnly);
  checkFlag(what, 'partitioned', partitioned);
  return opts;
}

/** A boolean cookie option (checked without building a list on every setCookie()). */
function checkFlag(what: string, flag: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TypeError(`${what} option ${flag} must be true or false (got ${describe(value)}).`);
  }
}

/** Build the cookie of `setCookie(name, value, opts)`. */
export function makeCookie(name: string, value: unknown, options?: CookieOptions): ResponseCookie {
  const opts = checkCookieOptions(options, COOKIE_FIELDS, 'setCookie()');
  checkSameSite(opts.sameSite);
  checkSecondsGiven(opts.maxAge);
  return new ResponseCookie(checkName(name), cookieText(value), opts);
}

/** Build the cookie of `setSignedCookie(name, value, opts)`; `requestSecret` is unknown until write time. */
export function makeSignedCookie(name: string, value: unknown, options?: SignedCookieOptions): ResponseCookie {
  const opts = checkCookieOptions(options, SIGNED_COOKIE_FIELDS, 'setSignedCookie()', 'salt');
  const { format = 'express', secret, salt = '', ...cookieOpts } = opts;
  checkSameSite(cookieOpts.sameSite);
  checkSecondsGiven(cookieOpts.maxAge);
  const text = cookieText(value, format !== 'django');
  checkName(name);
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
    throw new TypeError(`option secret is invalid: it must be a non-empty string (got ${describe(secret)}).`);
  }
  if (format === 'django') {
    if (secret === undefined) {
      throw new TypeError(
        `setSignedCookie(${JSON.stringify(name)}, …, { format: 'django' }) needs { secret }: Django's SECRET_KEY.`,
      );
    }
    // Python quotes U+0100 and above raw, which no HTTP header may carry: refuse it here
    // rather than when the response is written.
    if (/[^\x00-\xff]/.test(text)) {
      throw new TypeError(
        `Invalid cookie value for format 'django': Django-signed cookie values must be Latin-1 text; encode other text first (e.g. encodeURIComponent) (got ${describe(text)}).`,
      );
    }
    return new ResponseCookie(name, pythonCookieQuote(djangoSignCookie(name, text, secret, salt)), cookieOpts, {
      rawValue: true,
    });
  }
  if (format !== 'express') {
    throw new TypeError(`option format is invalid: it must be "express" or "django" (got ${describe(format)}).`);
  }
  if (salt !== '') throw new TypeError("option salt is only used with format: 'django'.");
  if (secret === undefined) return new ResponseCookie(name, text, cookieOpts, { needsSecret: true });
  return new ResponseCookie(name, `s:${expressSign(text, secret)}`, cookieOpts);
}

/** Build the expired cookie of `deleteCookie(name, opts)`, as Django's `delete_cookie`. */
export function makeDeletedCookie(name: string, options?: DeleteCookieOptions): ResponseCookie {
  const opts = checkCookieOptions(options, DELETE_COOKIE_FIELDS, 'deleteCookie()', 'path');
  checkSameSite(opts.sameSite);
  checkName(name);
  const secure = name.startsWith('__Secure-') || name.startsWith('__Host-') || opts.sameSite?.toLowerCase() === 'none';
  const cookieOpts: CookieOptions = { maxAge: 0, expires: EPOCH.toUTCString(), secure };
  if (opts.path !== undefined) cookieOpts.path = opts.path;
  if (opts.domain !== undefined) cookieOpts.domain = opts.domain;
  if (opts.sameSite !== undefined) cookieOpts.sameSite = opts.sameSite;
  return new ResponseCookie(name, '', cookieOpts);
}

/**
 * The text of a cookie value: strings as they are, numbers and booleans as text, and (unless
 * `objects` is false) any other object as `j:` plus its JSON, as Express writes it.
 */
function cookieText(value: unknown, objects = true): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') {
    // A lone surrogate has no UTF-8 form: encodeURIComponent would throw a bare "URI malformed".
    if (hasLoneSurrogate(value)) {
      throw new TypeError(
        `Invalid cookie value: it holds a lone UTF-16 surrogate, which can't be encoded; pass well-formed text (got ${describe(value)}).`,
      );
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && objects) {
    // As Express's res.cookie: `j:` and the JSON, which cookie-parser reads back as the object.
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (err) {
      throw new TypeError(
        `Invalid cookie value: an object is written as j: and its JSON, and this one can't be encoded (got ${describe(value)}).`,
        { cause: err },
      );
    }
    return `j:${json}`;
  }
  throw new TypeError(
    objects
      ? `Invalid cookie value: cookie values must be strings, numbers or objects (written as j: and their JSON, as Express does) (got ${describe(value)}).`
      : `Invalid cookie value: a Django-signed cookie holds text; serialise objects with JSON.stringify() first (got ${describe(value)}).`,
  );
}

/**
 * The cookies set on a response, by name: `response.cookies['sessionid'].value`,
 * or `response.cookies.get('sessionid')`. Setting a cookie again replaces it whole.
 * A cookie named `get`, `has` or `values` is reached through `get()` only: index access
 * never shadows the methods, which the adapter itself relies on.
 */
export type CookieJar = Readonly<Record<string, ResponseCookie>> & {
  /** The cookie named `name`, or `undefined`. */
  get(name: string): ResponseCookie | undefined;
  /** Whether a cookie named `name` is set. */
  has(name: string): boolean;
  /** The cookies in the order they were first set. */
  values(): ResponseCookie[];
};

const JAR_ENTRIES = Symbol('cookie jar entries');
interface JarInternals {
  readonly [JAR_ENTRIES]?: Map<string, ResponseCookie>;
}

const COOKIE_JAR_METHODS = Object.create(null, {
  get: {
    value(this: JarInternals, name: string) {
      return this[JAR_ENTRIES]?.get(name);
    },
  },
  has: {
    value(this: JarInternals, name: string) {
      return this[JAR_ENTRIES]?.has(name) === true;
    },
  },
  values: {
    value(this: JarInternals) {
      const entries = this[JAR_ENTRIES];
      return entries === undefined ? [] : Array.from(entries.values());
    },
  },
}) as object;

/** A new, empty {@link CookieJar}. */
export function createCookieJar(): CookieJar {
  // The entries map is added by the first putCookie(): defining a property costs far more than
  // the object itself, and most responses set no cookie.
  return Object.create(COOKIE_JAR_METHODS) as CookieJar;
}

/** Put `cookie` in `jar`, replacing a cookie of the same name in its original position. */
export function putCookie(jar: CookieJar, cookie: ResponseCookie): void {
  let entries = (jar as unknown as JarInternals)[JAR_ENTRIES];
  if (entries === undefined) {
    entries = new Map<string, ResponseCookie>();
    Object.defineProperty(jar, JAR_ENTRIES, { value: entries });
  }
  entries.set(cookie.name, cookie);
  if (Object.hasOwn(COOKIE_JAR_METHODS, cookie.name)) return;
  // defineProperty: a cookie named "__proto__" must stay a cookie.
  Object.defineProperty(jar, cookie.name, { value: cookie, enumerable: true, configurable: true });
}
