import { ResponseHeaders } from './headers.js';
import type { ResponseInit } from './response-base.js';
import { HttpResponse } from './response.js';
import { describe } from './status.js';

/** A `JSON.stringify` replacer. */
export type JsonReplacer = (this: unknown, key: string, value: unknown) => unknown;

/** Options of {@link JsonResponse}. */
export interface JsonResponseInit extends ResponseInit {
  /** Accept only plain objects, as Django does against JSON hijacking. @defaultValue true */
  safe?: boolean;
  /** Replaces {@link djangoJsonReplacer}. */
  replacer?: JsonReplacer | null;
  /** Indentation, as `JSON.stringify`'s third argument (Django's `json_dumps_params={'indent': …}`). */
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
   * @throws TypeError when `data` is not a plain object and `safe` is not `false`, or cannot be encoded.
   */
  constructor(data: unknown, init?: JsonResponseInit) {
    const { safe = true, replacer = djangoJsonReplacer, space, ...responseInit } = init ?? {};
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
    const json = JSON.stringify(data, replacer ?? undefined, space);
    if (json === undefined) {
      throw new TypeError(`JsonResponse can't encode ${describe(data)} as JSON.`);
    }
    super(json, responseInit);
  }
}
