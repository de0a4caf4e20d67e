import { inspect } from 'node:util';
import { charsetFromContentType, DEFAULT_CHARSET, encodeText } from './charset.js';
import {
  createCookieJar,
  makeCookie,
  makeDeletedCookie,
  makeSignedCookie,
  putCookie,
  type CookieJar,
  type CookieOptions,
  type CookieValue,
  type DeleteCookieOptions,
  type ResponseCookie,
  type SignedCookieOptions,
} from './cookies.js';
import { guardDjangoSpellings } from './django-spellings.js';
import { ResponseHeaders, type HeadersInit, type HeaderValue } from './headers.js';
import { checkOptions, isOptionsObject, notAnOptionsObject, RESPONSE_INIT_FIELDS } from './init-validation.js';
import { defaultReasonPhrase, toReasonPhrase, toStatusCode } from './status.js';
import { describe } from './describe.js';

/** The brand {@link isHttpResponse} checks; `Symbol.for` so every copy of the package shares it. */
export const RESPONSE_BRAND = Symbol.for('express-httpresponse.HttpResponseBase');

/** What every response constructor accepts (Django's keyword arguments). */
export interface ResponseInit {
  /** @defaultValue `'text/html; charset=utf-8'` (with {@link ResponseInit.charset} when given) */
  contentType?: string;
  /** An integer from 100 to 599. @defaultValue the class's status, 200 for `HttpResponse` */
  status?: number;
  /** @defaultValue the standard phrase of the status, else `'Unknown Status Code'` */
  reason?: string;
  /** @defaultValue the charset of the Content-Type, else `'utf-8'` */
  charset?: string;
  /** Initial headers. A `Content-Type` here may not be combined with `contentType`. @defaultValue none */
  headers?: HeadersInit;
}

/**
 * Whether `close()` of `response` has nothing to run: no resource closer, and the base class's
 * `close()`. Then the adapter may close it as soon as it is written instead of waiting for
 * the end of the response. `false` for a response of another copy of this package.
 */
export let releasesNothing: (response: HttpResponseBase) => boolean;

/** The Content-Type of a response given neither a content type nor a charset. */
const DEFAULT_CONTENT_TYPE = `text/html; charset=${DEFAULT_CHARSET}`;

/**
 * A string given where the content type goes that is not one (it has no `/`): a body or a
 * reason phrase in the wrong place, as in Express's `res.status(404).send('Not found')` ported
 * to `new HttpResponse(404, 'Not found')`.
 */
export function notAContentType(what: string, value: string, status = '…'): TypeError {
  return new TypeError(
    `${what}'s string option is the content type (Django's content_type), and ${describe(value)} is not one: pass the body first and the status as an option, new ${what}(${describe(value)}, { status: ${status} }) (got ${describe(value)} as the content type).`,
  );
}

/** The options of a response made without any: shared, never written to. */
const NO_OPTIONS: ResponseInit = Object.freeze({});

/** A function that releases something a response holds (a file, a stream). */
export type ResourceCloser = () => unknown;

/**
 * The base of every response (Django's `HttpResponseBase`): status, reason, charset,
 * headers and cookies. Subclasses only choose a default status or add a body.
 *
 * @example
 * ```ts
 * const response = new HttpResponse('Hello', { status: 201 });
 * response.set('X-Request-Id', id).setCookie('seen', '1', { maxAge: 3600 });
 * ```
 */
export class HttpResponseBase {
  /** The status of a response of this class when `init.status` is not given. */
  static readonly status: number = 200;

  /**
   * The names of the options the constructor takes, which its error messages list; checked
   * against the class's options type when the package compiles (see `optionNames`).
   */
  static readonly optionNames: ReadonlySet<string> = RESPONSE_INIT_FIELDS;

  /** The case-insensitive header map. */
  readonly headers: ResponseHeaders;
  /** The cookies set so far, by name. */
  readonly cookies: CookieJar = createCookieJar();

  #statusCode: number;
  #reason: string | undefined;
  #charset: string | undefined;
  #closed = false;
  #closers: ResourceCloser[] | undefined; // Made by the first closer: most responses hold nothing.

  /**
   * @param init - the response's options, or (as in Django) just its content type.
   * @throws RangeError/TypeError for a bad status; TypeError when both `contentType` and a
   *   `Content-Type` header are given; {@link BadHeaderError} for a bad header.
   */
  constructor(init?: ResponseInit | string | null) {
    let options: ResponseInit;
    if (init === undefined || init === null) {
      options = NO_OPTIONS;
    } else if (typeof init === 'string') {
      if (!init.includes('/')) throw notAContentType(new.target.name, init);
      options = { contentType: init };
    } else if (isOptionsObject(init)) {
      checkOptions(init, RESPONSE_INIT_FIELDS, new.target.name, new.target.optionNames);
      options = init;
    } else {
      throw notAnOptionsObject(
        new.target.name,
        init,
        typeof init === 'number'
          ? `pass the status as an option: new ${new.target.name}(…, { status: ${String(init)} })`
          : 'pass { contentType, status, … } or a content type string',
      );
    }
    const { contentType } = options;
    if (contentType !== undefined && contentType !== null && typeof contentType !== 'string') {
      throw new TypeError(`${new.target.name} option contentType must be a string (got ${describe(contentType)}).`);
    }
    this.headers = new ResponseHeaders(options.headers);
    if (options.charset !== undefined) this.charset = options.charset;
    if (options.headers !== undefined && this.headers.has('Content-Type')) {
      if (contentType) {
        throw new TypeError("'headers' must not contain 'Content-Type' when the 'contentType' option is provided.");
      }
    } else if (contentType) {
      this.headers.set('Content-Type', contentType);
    } else if (options.charset === undefined) {
      this.headers.setChecked('Content-Type', 'content-type', DEFAULT_CONTENT_TYPE);
    } else {
      this.headers.set('Content-Type', `text/html; charset=${this.charset}`);
    }
    this.#statusCode = options.status === undefined ? new.target.status : toStatusCode(options.status);
    if (options.reason !== undefined) this.#reason = toReasonPhrase(options.reason);
  }

  /** The HTTP status code, an integer from 100 to 599. */
  get statusCode(): number {
    return this.#statusCode;
  }
  set statusCode(value: number) {
    this.#statusCode = toStatusCode(value);
  }

  /** The reason phrase: the one set, else the standard phrase of the current status. */
  get reasonPhrase(): string {
    return this.#reason ?? defaultReasonPhrase(this.#statusCode);
  }
  set reasonPhrase(value: string) {
    this.#reason = toReasonPhrase(value);
  }

  /** The charset: the one set, else the Content-Type's, else `'utf-8'`. */
  get charset(): string {
    return this.#charset ?? charsetFromContentType(this.headers.getByKey('content-type')) ?? DEFAULT_CHARSET;
  }
  set charset(value: string) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9!#$%&'+\-^_`{}~]+$/.test(value)) {
      throw new RangeError(`Invalid charset: it must be a charset name such as "utf-8" (got ${describe(value)}).`);
    }
    this.#charset = value;
  }

  /** Whether the body is an iterator rather than bytes held in memory. */
  get streaming(): boolean {
    return false;
  }

  // Django's item access (`response['X-Foo']`), as methods.

  /** The value of header `name`, or `alternate` when it is not set. */
  get(name: string): string | undefined;
  get<T>(name: string, alternate: T): string | T;
  get<T>(name: string, alternate?: T): string | T | undefined {
    return this.headers.get(name) ?? alternate;
  }
  /** Set header `name`. Chainable. */
  set(name: string, value: HeaderValue): this {
    this.headers.set(name, value);
    return this;
  }
  /** Whether header `name` is set (Django's `has_header` and `in`). */
  has(name: string): boolean {
    return this.headers.has(name);
  }
  /** Remove header `name`; a missing header is not an error. */
  delete(name: string): boolean {
    return this.headers.delete(name);
  }
  /** Set header `name` only if it is not set; returns the value in force. */
  setDefault(name: string, value: HeaderValue): string {
    return this.headers.setDefault(name, value);
  }

  /**
   * Set a cookie (Django's `set_cookie`). `maxAge` is in seconds (Express's is milliseconds:
   * `maxAgeMs` takes those) and also sets `Expires`; an `expires` Date derives `Max-Age`. An
   * object value is written as `j:` and its JSON, as Express's `res.cookie` writes it and
   * `cookie-parser` reads it back. Each cookie becomes its own `Set-Cookie` header. Chainable.
   *
   * @throws TypeError for a bad name, value or option; RangeError for a `maxAge` that reads as
   *   milliseconds (`maxAge: 60000`), naming `maxAge: 60` and `maxAgeMs: 60000`.
   */
  setCookie(name: string, value?: CookieValue, opts?: CookieOptions): this;
  setCookie(name: string, value: CookieValue = '', opts?: CookieOptions, extra?: unknown): this {
    if (extra !== undefined) throw tooManyCookieArguments('setCookie', extra);
    return this.#putCookie(makeCookie(name, value, opts));
  }

  /**
   * Set a signed cookie. By default it is signed as Express's `res.cookie(…, { signed: true })`
   * does, so `cookie-parser` puts it in `req.signedCookies`; the secret is `opts.secret`, else
   * `req.secret` when the response is written. With `format: 'django'` it is signed as
   * Django 5.2.17's `set_signed_cookie`, with `opts.secret` as `SECRET_KEY`. Chainable.
   */
  setSignedCookie(name: string, value: CookieValue, opts?: SignedCookieOptions): this;
  setSignedCookie(name: string, value: CookieValue, opts?: SignedCookieOptions, extra?: unknown): this {
    if (extra !== undefined) throw tooManyCookieArguments('setSignedCookie', extra);
    return this.#putCookie(makeSignedCookie(name, value, opts));
  }

  /** Expire a cookie in the browser (Django's `delete_cookie`); path and domain must match it. Chainable. */
  deleteCookie(name: string, opts?: DeleteCookieOptions): this;
  deleteCookie(name: string, opts?: DeleteCookieOptions, extra?: unknown): this {
    if (extra !== undefined) throw tooManyCookieArguments('deleteCookie', extra);
    return this.#putCookie(makeDeletedCookie(name, opts));
  }

  #putCookie(cookie: ResponseCookie): this {
    putCookie(this.cookies, cookie);
    return this;
  }

  /** Whether {@link HttpResponseBase.close} has run. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Release what the response holds (open files, streams). Runs each closer once, even
   * when one throws; later calls do nothing. The adapter calls it after the response
   * ends, is aborted or fails.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const closers = this.#closers;
    this.#closers = undefined;
    if (closers === undefined) return;
    for (const closer of closers) {
      try {
        closer();
      } catch {
        // Django swallows errors from resource closers too: closing is best effort.
      }
    }
  }

  static {
    releasesNothing = (response) =>
      #closers in response && response.#closers === undefined && response.close === HttpResponseBase.prototype.close;
  }

  /** Register something for {@link HttpResponseBase.close} to release; runs at once if already closed. */
  protected addResourceCloser(closer: ResourceCloser): void {
    if (this.#closed) {
      try {
        closer();
      } catch {
        // Best effort, as in close().
      }
      return;
    }
    (this.#closers ??= []).push(closer);
  }

  /**
   * A chunk as bytes (Django's `make_bytes`): text is encoded with {@link HttpResponseBase.charset},
   * numbers are written as text, bytes pass through.
   *
   * @param what - where the chunk came from, for the error message (`'content'`, `'streamingContent'`).
   * @throws TypeError for anything else.
   */
  protected makeBytes(value: unknown, what: string): Buffer {
    if (typeof value === 'string') return encodeText(value, this.charset);
    if (Buffer.isBuffer(value)) return value;
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (typeof value === 'number' || typeof value === 'bigint') return encodeText(String(value), this.charset);
    throw new TypeError(`${this.constructor.name} ${what} chunks must be strings or bytes (got ${describe(value)}).`);
  }

  // The file-like API; only HttpResponse is writable.

  /** @throws Error: this response is not writable. */
  write(_chunk: string | Uint8Array): void {
    throw new Error(`This ${this.constructor.name} instance is not writable`);
  }
  /** @throws Error: this response is not writable. */
  writelines(_lines: Iterable<string | Uint8Array>): void {
    throw new Error(`This ${this.constructor.name} instance is not writable`);
  }
  /** @throws Error: this response has no position. */
  tell(): number {
    throw new Error(`This ${this.constructor.name} instance cannot tell its position`);
  }
  /** Does nothing, as a file's flush on a response. */
  flush(): void {}
  /** `false`: a response cannot be read like a file. */
  readable(): boolean {
    return false;
  }
  /** `false`: a response cannot seek. */
  seekable(): boolean {
    return false;
  }
  /** Whether {@link HttpResponseBase.write} works. */
  writable(): boolean {
    return false;
  }

  /** Django's `repr`: `<HttpResponse status_code=200, "text/html; charset=utf-8">`. */
  toString(): string {
    const type = this.headers.get('Content-Type');
    return `<${this.constructor.name}${this.reprExtra()} status_code=${this.statusCode}${type === undefined ? '' : `, "${type}"`}${this.reprSuffix()}>`;
  }
  /** @internal Text after the class name in {@link HttpResponseBase.toString}. */
  protected reprExtra(): string {
    return '';
  }
  /** @internal Text at the end of {@link HttpResponseBase.toString}. */
  protected reprSuffix(): string {
    return '';
  }
  /** @internal */
  [inspect.custom](): string {
    return this.toString();
  }

  /** @internal */
  declare readonly [RESPONSE_BRAND]: true;
}
Object.defineProperty(HttpResponseBase.prototype, RESPONSE_BRAND, { value: true });
guardDjangoSpellings(HttpResponseBase.prototype);

/** Django's further positional cookie arguments (`expires`, `path`, …) are options here. */
function tooManyCookieArguments(method: string, extra: unknown): TypeError {
  return new TypeError(
    `${method}() takes (name, value, options); pass Django's other positional arguments as options, e.g. { maxAge, expires, path, domain, secure, httpOnly, sameSite } (got the extra argument ${describe(extra)}).`,
  );
}

/**
 * Whether `value` is a response of this package, from any copy of it: a response built by
 * the ESM copy is recognised by the CommonJS copy, which `instanceof` cannot do.
 */
export function isHttpResponse(value: unknown): value is HttpResponseBase {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESPONSE_BRAND] === true;
}
