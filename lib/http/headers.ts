import { normalizeContentDisposition } from './content-disposition.js';
import { BadHeaderError } from './errors.js';
import { describe } from './describe.js';

/** A header value as a caller may give it; numbers become strings. */
export type HeaderValue = string | number;

/** Headers as a caller may give them: a record or an iterable of `[name, value]` pairs. */
export type HeadersInit = Record<string, HeaderValue> | Iterable<readonly [string, HeaderValue]>;

// RFC 9110 §5.6.2: token = 1*tchar
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5: field-value = *field-content; what Node's setHeader accepts.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const LATIN1 = /^[\x00-\xff]*$/;
const PRINTABLE_ASCII = /^[\t\x20-\x7e]*$/;

/** Check a header name: an HTTP token, without newlines. */
export function toHeaderName(name: unknown): string {
  if (typeof name !== 'string') {
    throw new TypeError(`Invalid header name: header names must be strings (got ${describe(name)}).`);
  }
  if (TOKEN.test(name)) return name; // One test for the usual name; the rest only chooses the message.
  if (/[\r\n]/.test(name)) {
    throw new BadHeaderError(`Header names can't contain newlines (got ${JSON.stringify(name)})`);
  }
  throw new BadHeaderError(
    `Invalid header name: header names must be HTTP tokens (letters, digits and !#$%&'*+-.^_\`|~) (got ${JSON.stringify(name)}).`,
  );
}

/**
 * Check and convert a header value as Django does: numbers become strings, text outside
 * Latin-1 becomes one RFC 2047 word (`=?utf-8?b?…?=`), and newlines throw
 * {@link BadHeaderError}. Other control characters throw too, since Node would refuse
 * them only when the response is already being written.
 *
 * With `name` `Content-Disposition` (any casing), a value whose `filename` holds text
 * outside ASCII is rewritten in RFC 6266 form instead (see
 * {@link normalizeContentDisposition}): the one exception to Django's rule.
 */
export function toHeaderValue(value: unknown, name?: string): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else
    throw new TypeError(
      `Invalid header value: header values must be strings or numbers; use delete() to remove a header (got ${describe(value)}).`,
    );
  // Printable ASCII, the usual value, passes the newline, Latin-1 and field-value checks: one
  // test instead of three for every header of every response. The per-name checks still run.
  const printable = PRINTABLE_ASCII.test(text);
  const given = text;
  if (!printable && /[\r\n]/.test(text)) {
    throw new BadHeaderError(`Header values can't contain newlines (got ${JSON.stringify(text)})`);
  }
  if (name?.length === 19 && name.toLowerCase() === 'content-disposition') {
    text = normalizeContentDisposition(text);
  }
  // RFC 9110 §8.6: Content-Length = 1*DIGIT. Node would send any other value as it is, and
  // a client could not find the end of the body.
  if (name?.length === 14 && name.toLowerCase() === 'content-length' && !/^\d+$/.test(text)) {
    throw new BadHeaderError(
      `Invalid Content-Length: it must be a whole number of bytes (got ${JSON.stringify(text)}).`,
    );
  }
  if (printable && text === given) return text;
  if (!LATIN1.test(text)) {
    // Django's `email.header.Header(value, 'utf-8', maxlinelen=sys.maxsize).encode()`.
    text = `=?utf-8?b?${Buffer.from(text, 'utf8').toString('base64')}?=`;
  }
  if (!FIELD_VALUE.test(text)) {
    throw new BadHeaderError(`Header values can't contain control characters (got ${JSON.stringify(text)})`);
  }
  return text;
}

/**
 * The case-insensitive header map of a response (Django's `ResponseHeaders`).
 *
 * A name keeps the casing it was last set with and the position it was first set at.
 * The map is single-valued; cookies live in {@link HttpResponseBase.cookies}.
 *
 * @example
 * ```ts
 * response.headers.set('Cache-Control', 'no-store');
 * response.headers.get('cache-control'); // 'no-store'
 * ```
 */
export class ResponseHeaders implements Iterable<[string, string]> {
  readonly #entries = new Map<string, [name: string, value: string]>();

  /** Create a header map, checking every name and value. */
  constructor(init?: HeadersInit) {
    if (init === undefined || init === null) return;
    if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      let index = 0;
      for (const pair of init as Iterable<unknown>) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new TypeError(
            `Invalid headers: each element must be a [name, value] pair (got ${describe(pair)} at #${index}).`,
          );
        }
        this.set(pair[0] as string, pair[1] as HeaderValue);
        index++;
      }
    } else if (typeof init === 'object') {
      for (const name of Object.keys(init)) this.set(name, (init as Record<string, HeaderValue>)[name] as HeaderValue);
    } else {
      throw new TypeError(
        `Invalid headers: pass a record or an iterable of [name, value] pairs (got ${describe(init)}).`,
      );
    }
  }

  /** The value of header `name` (any casing), or `undefined`. */
  get(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.[1];
  }

  /** Set header `name` to `value`, replacing any value under any casing. Chainable. */
  set(name: string, value: HeaderValue): this {
    const checkedName = toHeaderName(name);
    const checkedValue = toHeaderValue(value, checkedName);
    const key = checkedName.toLowerCase();
    const entry = this.#entries.get(key);
    if (entry) {
      entry[0] = checkedName;
      entry[1] = checkedValue;
    } else {
      this.#entries.set(key, [checkedName, checkedValue]);
    }
    return this;
  }

  /** @internal The value stored under `key`, a lower-case name: no case folding on a hot path. */
  getByKey(key: string): string | undefined {
    return this.#entries.get(key)?.[1];
  }

  /**
   * @internal Set `name` (stored under `key`, its lower case) to a value known to be valid, such
   * as the default Content-Type: the checks of {@link ResponseHeaders.set} are skipped.
   */
  setChecked(name: string, key: string, value: string): void {
    this.#entries.set(key, [name, value]);
  }

  /** Whether header `name` is set, in any casing. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  /** Remove header `name`; removing a missing header is not an error. Returns whether it was set. */
  delete(name: string): boolean {
    return this.#entries.delete(name.toLowerCase());
  }

  /** Set `name` to `value` only if it is not set yet; returns the value in force. */
  setDefault(name: string, value: HeaderValue): string {
    const existing = this.get(name);
    if (existing !== undefined) return existing;
    this.set(name, value);
    return this.get(name) as string;
  }

  /** The number of headers. */
  get size(): number {
    return this.#entries.size;
  }

  /** `[name, value]` pairs, names in the casing last set, in first-set order. */
  *entries(): IterableIterator<[string, string]> {
    for (const [name, value] of this.#entries.values()) yield [name, value];
  }

  /** Header names in the casing last set. */
  *keys(): IterableIterator<string> {
    for (const [name] of this.#entries.values()) yield name;
  }

  /** Header values. */
  *values(): IterableIterator<string> {
    for (const [, value] of this.#entries.values()) yield value;
  }

  /** Same as {@link ResponseHeaders.entries}. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /**
   * @internal The stored `[name, value]` pairs themselves, not copies: for the adapter, which
   * writes them onto `res` at once. Never change them.
   */
  pairs(): IterableIterator<readonly [string, string]> {
    return this.#entries.values();
  }

  /** Call `callback(value, name)` for each header, as `Map` and `Headers` do. */
  forEach(callback: (value: string, name: string, headers: this) => void): void {
    for (const [name, value] of this.#entries.values()) callback(value, name, this);
  }

  /** The headers as a plain object (names in the casing last set). */
  toJSON(): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
}
