import { ResponseHeaders } from './headers.js';
import { optionNames, RESPONSE_INIT_NAMES } from './init-validation.js';
import type { ResponseInit } from './response-base.js';
import { HttpResponse, unencodedText } from './response.js';
import { describe } from './describe.js';
import { isPlainObject } from './plain-object.js';

/** A `JSON.stringify` replacer. */
export type JsonReplacer = (this: unknown, key: string, value: unknown) => unknown;

/** Options of {@link JsonResponse}. */
export interface JsonResponseInit extends ResponseInit {
  /** Accept only plain objects, as Django does against JSON hijacking. @defaultValue true */
  safe?: boolean;
  /**
   * Replaces the default encoding (`JSON.stringify` with {@link djangoJsonReplacer}, applied only
   * to documents it changes); `null` for plain `JSON.stringify`.
   * @defaultValue {@link djangoJsonReplacer}, where the document needs it
   */
  replacer?: JsonReplacer | null;
  /**
   * Indentation, as `JSON.stringify`'s third argument (Django's `json_dumps_params={'indent': …}`).
   * @defaultValue none: no whitespace
   */
  space?: string | number;
  /**
   * Write `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`, as Express's `json escape`
   * setting does, so the JSON can sit inside an HTML `<script>` without closing it.
   * @defaultValue the app's `json escape` setting (off unless set)
   */
  escape?: boolean;
}

/** The option names of {@link JsonResponseInit}, which its error messages list. */
export const JSON_RESPONSE_INIT_NAMES = [...RESPONSE_INIT_NAMES, 'safe', 'replacer', 'space', 'escape'] as const;

/** Express's JSON settings of an app, as `app.get('json spaces')` etc. read them. */
interface AppJsonSettings {
  'json spaces'?: unknown;
  'json replacer'?: unknown;
  'json escape'?: unknown;
}

/**
 * Give `response` the app's `json spaces`, `json replacer` and `json escape` settings, as
 * `res.json()` follows them, for each the response did not set itself; re-encodes its data
 * when one of them changes it. Nothing is done when the body was changed after the
 * constructor, or the response is not a {@link JsonResponse}.
 */
export let applyAppJsonSettings: (response: object, settings: AppJsonSettings | undefined) => void;

/** Express's `json escape`: `<`, `>` and `&` as JSON escapes (a JSON string stays the same string). */
function escapeJson(json: string): string {
  return json.replace(/[<>&]/g, (char) => (char === '<' ? '\\u003c' : char === '>' ? '\\u003e' : '\\u0026'));
}

/**
 * The default replacer of {@link JsonResponse}: what Django's `DjangoJSONEncoder` encodes and
 * `JSON.stringify` cannot. `BigInt` becomes its decimal string (as `Decimal` does in Django),
 * a `Map` an object of its entries, a `Set` an array. Dates are already ISO 8601 strings with
 * milliseconds and `Z`, as Django writes aware UTC datetimes; the rest follows `JSON.stringify`.
 */
export function djangoJsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return Array.from(value);
  return value;
}

/**
 * The default encoding of {@link JsonResponse}: `JSON.stringify(data, djangoJsonReplacer, space)`,
 * without a replacer call per value for the documents that need none.
 *
 * A replacer function makes `JSON.stringify` call back into JavaScript for every value, which
 * doubles the cost of a large document, while {@link djangoJsonReplacer} changes only three kinds
 * of value. So the document is first written without it. Without the replacer a `BigInt`
 * throws, and a `Map` or a `Set` comes out as its own enumerable properties, that is `{}`. When
 * the first pass throws, or its output holds `{}` anywhere (where a Map or a Set may be, or an
 * empty object, or the text "{}" in a string), the document is written again with the replacer,
 * whose answer (or error) it is. Otherwise the replacer would have returned every value
 * unchanged, and the first output is its output.
 *
 * Not seen by the check: a `Map` or `Set` that also has own enumerable properties holding JSON
 * values (`map.note = 'x'`, a subclass with fields) is written as those properties. Pass
 * `replacer: djangoJsonReplacer` to run the replacer on every value and get its entries.
 * Getters and `toJSON` methods run again when the document is written a second time.
 */
export function stringifyDjangoJson(data: unknown, space?: string | number): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(data, undefined, space);
  } catch {
    // A BigInt, or an error the replacer's pass will throw again (a cycle, a failing toJSON).
    return JSON.stringify(data, djangoJsonReplacer, space);
  }
  if (json === undefined || json.includes('{}')) return JSON.stringify(data, djangoJsonReplacer, space);
  return json;
}

/**
 * A JSON response (Django's `JsonResponse`), `Content-Type: application/json`.
 *
 * @example
 * ```ts
 * return new JsonResponse({ id: 1, tags: new Set(['a']) });
 * return new JsonResponse([1, 2, 3], { safe: false });
 * ```
 */
export class JsonResponse extends HttpResponse {
  static override readonly optionNames: ReadonlySet<string> = optionNames<JsonResponseInit>()(JSON_RESPONSE_INIT_NAMES);

  /** The data, kept while an app setting may still re-encode it (the response set not all three). */
  #data: unknown;
  /** The JSON the constructor wrote, kept with the data to tell whether the body changed since. */
  #json: string | undefined;
  #replacer: JsonReplacer | null | undefined;
  #space: string | number | undefined;
  #escape: boolean | undefined;

  /**
   * @throws TypeError when `data` is not a plain object and `safe` is not `false`, or cannot be
   *   encoded; or when `init` is not an options object, or more arguments follow it (Django's
   *   positional `encoder`, `safe`, `json_dumps_params`).
   */
  constructor(data: unknown, init?: JsonResponseInit);
  // A named third parameter rather than a rest array: the usual call allocates nothing.
  constructor(data: unknown, init?: JsonResponseInit, extra?: unknown) {
    // Django's JsonResponse(data, encoder, safe, json_dumps_params) takes positional arguments;
    // here they are options, and a JavaScript caller porting such a call gets told so.
    if (
      (init !== undefined && init !== null && (typeof init !== 'object' || Array.isArray(init))) ||
      extra !== undefined
    ) {
      const fix =
        typeof init === 'number' && extra === undefined
          ? `pass the status as an option, new JsonResponse(data, { status: ${describe(init)} })`
          : `Django's positional encoder, safe and json_dumps_params are options here, e.g. new JsonResponse(data, { safe: false, replacer, space })`;
      throw new TypeError(
        `JsonResponse takes (data, options): ${fix} (got ${describe(extra !== undefined ? extra : init)}).`,
      );
    }
    const { safe = true, replacer, space, escape, ...responseInit } = init ?? {};
    if (safe && !isPlainObject(data)) {
      throw new TypeError(
        `In order to allow non-object values to be serialized set the safe option to false (got ${describe(data)}).`,
      );
    }
    if (escape !== undefined && typeof escape !== 'boolean') {
      throw new TypeError(`JsonResponse option escape must be true or false (got ${describe(escape)}).`);
    }
    let headersHaveType = false;
    if (responseInit.headers !== undefined) {
      // Read the headers once: an iterable given as headers may be single-pass.
      const headers = new ResponseHeaders(responseInit.headers);
      headersHaveType = headers.has('Content-Type');
      responseInit.headers = headers;
    }
    if (!responseInit.contentType && !headersHaveType) responseInit.contentType = 'application/json';
    let json =
      replacer === undefined ? stringifyDjangoJson(data, space) : JSON.stringify(data, replacer ?? undefined, space);
    if (json === undefined) {
      throw new TypeError(`JsonResponse can't encode the data as JSON (got ${describe(data)}).`);
    }
    if (escape === true) json = escapeJson(json);
    super(json, responseInit);
    if (replacer === undefined || space === undefined || escape === undefined) {
      this.#data = data;
      this.#json = json;
      this.#replacer = replacer;
      this.#space = space;
      this.#escape = escape;
    }
  }

  static {
    applyAppJsonSettings = (response, settings) => {
      if (settings === undefined || !(response instanceof JsonResponse) || response.#json === undefined) return;
      const appSpaces = settings['json spaces'];
      const appReplacer = settings['json replacer'];
      const space =
        response.#space ?? (typeof appSpaces === 'number' || typeof appSpaces === 'string' ? appSpaces : undefined);
      const replacer =
        response.#replacer !== undefined
          ? response.#replacer
          : typeof appReplacer === 'function'
            ? (appReplacer as JsonReplacer)
            : undefined;
      const escape = response.#escape ?? settings['json escape'] === true;
      if (space === response.#space && replacer === response.#replacer && escape === (response.#escape === true))
        return;
      const data = response.#data;
      const json = response.#json;
      response.#data = undefined;
      response.#json = undefined;
      // Only the body the constructor wrote: a view or middleware that rewrote it meant what it wrote.
      const text = unencodedText(response);
      if (text !== json && (text !== undefined || !response.content.equals(Buffer.from(json, 'utf8')))) return;
      const encoded =
        replacer === undefined ? stringifyDjangoJson(data, space) : JSON.stringify(data, replacer ?? undefined, space);
      if (encoded !== undefined) response.content = escape ? escapeJson(encoded) : encoded;
    };
  }
}
