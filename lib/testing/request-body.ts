/** The body of a `RequestFactory` request, encoded as its content type says, and parsed as Express's parsers would. */
import { parse as parseQueryString } from 'node:querystring';

/** A body: an object or array (JSON or a form), text, or bytes. */
export type RequestData = Record<string, unknown> | unknown[] | string | Uint8Array;

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** Each entry of `data` appended to `params`; a list value as one parameter per item (a query or a form). */
export function appendParams(params: URLSearchParams, data: object): void {
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
}

const FORM = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
// The types express.json() and express.urlencoded() parse by default (a `+json` type is not one).
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const TEXT = /^text\//i;

/**
 * `data` as the bytes to send and their content type: an object or array as JSON, or as a
 * form when `contentType` is `application/x-www-form-urlencoded`; text and bytes as they are.
 *
 * @throws TypeError for anything else.
 */
export function encodeBody(
  data: RequestData | undefined,
  contentType: string | undefined,
): { payload?: string | Buffer; contentType?: string } {
  if (data === undefined) return {};
  if (typeof data === 'string') return { payload: data, contentType: contentType ?? 'text/plain; charset=utf-8' };
  if (isBytes(data)) return { payload: Buffer.from(data), contentType: contentType ?? 'application/octet-stream' };
  if (typeof data !== 'object' || data === null) {
    throw new TypeError(
      `RequestFactory needs a body as an object, an array, a string or bytes (got ${data === null ? 'null' : typeof data}).`,
    );
  }
  const type = contentType ?? 'application/json';
  if (FORM.test(type)) {
    const form = new URLSearchParams();
    appendParams(form, data);
    return { payload: form.toString(), contentType: type };
  }
  return { payload: JSON.stringify(data), contentType: type };
}

/** The `charset` parameter of a content type, as a label `TextDecoder` knows. @defaultValue 'utf-8' */
function charsetOf(contentType: string): string {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
}

/**
 * What Express's body parser for `contentType` leaves in `req.body` for `payload`:
 * `express.json()` an object, `express.urlencoded()` an object parsed by `parseForm` (the
 * app's query parser: `extended` on Express 4, `simple` on Express 5, as `express.urlencoded()`
 * defaults on each), `express.text()` a string (in the type's charset) for `text/*`, and
 * `express.raw()` a `Buffer` for anything else.
 *
 * @throws SyntaxError when a JSON content type holds text that is not JSON.
 */
export function parseBody(
  payload: string | Buffer,
  contentType: string,
  parseForm: ((text: string) => unknown) | undefined,
): unknown {
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (JSON_TYPE.test(contentType)) {
    const text = new TextDecoder(charsetOf(contentType)).decode(bytes);
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      throw new SyntaxError(
        `RequestFactory data is not JSON, though its content type is ${contentType} (got ${JSON.stringify(shown)}): express.json() would answer 400 before the view ran. Pass an object, valid JSON, or another contentType.`,
        { cause: err },
      );
    }
  }
  if (FORM.test(contentType)) {
    return (parseForm ?? parseQueryString)(bytes.toString());
  }
  if (TEXT.test(contentType)) return new TextDecoder(charsetOf(contentType)).decode(bytes);
  return bytes;
}
