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

/** Django's `BOUNDARY` (django/test/client.py): the multipart boundary its test client writes. */
export const BOUNDARY = 'BoUnDaRyStRiNg';
/** A `multipart/form-data` content type, with or without its parameters. */
export const MULTIPART = /^multipart\/form-data\s*(?:;|$)/i;

/** A field name in a `Content-Disposition`, escaped as the HTML spec's multipart encoding does. */
function fieldName(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * Django's `encode_multipart`: each field (each item of a list) a part of its own, with
 * Django's boundary. Written by hand because the platform's encoder (`new Response(formData)`)
 * is asynchronous and a `RequestFactory` request is made synchronously.
 *
 * @throws TypeError for a `Blob` or `File`, whose bytes cannot be read synchronously.
 */
function encodeMultipart(data: object): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item instanceof Blob) {
        throw new TypeError(
          `RequestFactory cannot send the file in field ${JSON.stringify(name)}: a Blob's bytes are read asynchronously. Upload files with Client (await client.post(path, { ${name}: file })).`,
        );
      }
      lines.push(`--${BOUNDARY}`, `Content-Disposition: form-data; name="${fieldName(name)}"`, '', String(item));
    }
  }
  lines.push(`--${BOUNDARY}--`, '');
  return lines.join('\r\n');
}

/**
 * `data` as the bytes to send and their content type: an object POSTed as
 * `multipart/form-data` (Django's default), or as a form or JSON under that content type; an
 * object sent with another method as JSON; text and bytes as they are.
 *
 * @throws TypeError for anything else.
 */
export function encodeBody(
  data: RequestData | undefined,
  contentType: string | undefined,
  method = 'POST',
): { payload?: string | Buffer; contentType?: string } {
  if (data === undefined) return {};
  if (typeof data === 'string') return { payload: data, contentType: contentType ?? 'text/plain; charset=utf-8' };
  if (isBytes(data)) return { payload: Buffer.from(data), contentType: contentType ?? 'application/octet-stream' };
  if (typeof data !== 'object' || data === null) {
    throw new TypeError(
      `RequestFactory needs a body as an object, an array, a string or bytes (got ${data === null ? 'null' : typeof data}).`,
    );
  }
  const type = contentType ?? (method === 'POST' ? `multipart/form-data; boundary=${BOUNDARY}` : 'application/json');
  if (MULTIPART.test(type)) {
    return { payload: encodeMultipart(data), contentType: `multipart/form-data; boundary=${BOUNDARY}` };
  }
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
 * The fields of a multipart body written by {@link encodeMultipart}, as multer leaves them in
 * `req.body`: a string per name, an array for a repeated name.
 */
function multipartFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const part of text.split(`--${BOUNDARY}`)) {
    const match = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([^]*)\r\n$/.exec(part);
    if (!match) continue;
    const name = (match[1] as string).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%22/g, '"');
    const value = match[2] as string;
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}

/**
 * What Express's body parser for `contentType` leaves in `req.body` for `payload`:
 * `express.json()` an object, `express.urlencoded()` an object parsed by `parseForm` (the
 * app's query parser: `extended` on Express 4, `simple` on Express 5, as `express.urlencoded()`
 * defaults on each), multer the fields of `multipart/form-data` (a string per name, an array
 * for a repeated one), `express.text()` a string (in the type's charset) for `text/*`, and
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
  if (MULTIPART.test(contentType)) return multipartFields(bytes.toString());
  if (TEXT.test(contentType)) return new TextDecoder(charsetOf(contentType)).decode(bytes);
  return bytes;
}
