import { ResponseHeaders } from './headers.js';
import type { ResponseInit } from './response-base.js';
import { HttpResponse } from './response.js';
import { describe } from './describe.js';

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
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
      throw new TypeError(
        `JsonResponse takes (data, options): Django's positional encoder, safe and json_dumps_params are options here, e.g. new JsonResponse(data, { safe: false, replacer, space }) (got ${describe(extra !== undefined ? extra : init)}).`,
      );
    }
    const { safe = true, replacer, space, ...responseInit } = init ?? {};
    if (safe && !isPlainObject(data)) {
      throw new TypeError(
        `In order to allow non-object values to be serialized set the safe option to false (got ${describe(data)}).`,
      );
    }
    let headersHaveType = false;
    if (responseInit.headers !== undefined) {
      // Read the headers once: an iterable given as headers may be single-pass.
      const headers = new ResponseHeaders(responseInit.headers);
      headersHaveType = headers.has('Content-Type');
      responseInit.headers = headers;
    }
    if (!responseInit.contentType && !headersHaveType) responseInit.contentType = 'application/json';
    const json =
      replacer === undefined ? stringifyDjangoJson(data, space) : JSON.stringify(data, replacer ?? undefined, space);
    if (json === undefined) {
      throw new TypeError(`JsonResponse can't encode the data as JSON (got ${describe(data)}).`);
    }
    super(json, responseInit);
  }
}
