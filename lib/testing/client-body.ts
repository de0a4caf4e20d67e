/**
 * The body of a {@link Client} request: a form by default (what a browser's `<form>` sends and
 * `express.urlencoded()` reads), JSON under a JSON content type, multipart when it holds a
 * file (what multer or busboy read), text and bytes as they are.
 */
import { appendParams } from './request-body.js';

/** A body a {@link Client} sends: an object (a form, JSON, or multipart with files), text, or bytes. */
export type ClientData = Record<string, unknown> | unknown[] | string | Uint8Array;

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;
const MULTIPART = /^multipart\/form-data\s*(?:;|$)/i;

function holdsFile(data: object): boolean {
  return Object.values(data).some((value) =>
    (Array.isArray(value) ? value : [value]).some((item) => item instanceof Blob),
  );
}

/** `data` as a web `FormData` (a `Blob`/`File` value becomes an upload). */
function formDataOf(data: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item instanceof Blob) form.append(name, item, item instanceof File ? item.name : 'blob');
      else form.append(name, String(item));
    }
  }
  return form;
}

/**
 * `data` as bytes and the content type to send them with.
 *
 * @throws TypeError for data that is not an object, an array, a string or bytes.
 */
export async function encodeClientBody(
  data: ClientData | undefined,
  contentType: string | undefined,
): Promise<{ payload?: Buffer; contentType?: string }> {
  if (data === undefined) return {};
  if (typeof data === 'string') {
    return { payload: Buffer.from(data), contentType: contentType ?? 'text/plain; charset=utf-8' };
  }
  if (data instanceof Uint8Array) {
    return { payload: Buffer.from(data), contentType: contentType ?? 'application/octet-stream' };
  }
  if (typeof data !== 'object' || data === null) {
    throw new TypeError(
      `Client needs a body as an object, an array, a string or bytes (got ${data === null ? 'null' : typeof data}).`,
    );
  }
  if (contentType !== undefined && JSON_TYPE.test(contentType)) {
    return { payload: Buffer.from(JSON.stringify(data)), contentType };
  }
  if ((contentType !== undefined && MULTIPART.test(contentType)) || holdsFile(data)) {
    // The web platform's own multipart encoder (undici's): a Response over FormData
    // gives the bytes and the Content-Type with its boundary.
    const encoded = new Response(formDataOf(data));
    const payload = Buffer.from(await encoded.arrayBuffer());
    return { payload, contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
  }
  const form = new URLSearchParams();
  appendParams(form, data);
  return { payload: Buffer.from(form.toString()), contentType: contentType ?? 'application/x-www-form-urlencoded' };
}
