/**
 * The body of a {@link Client} request, as Django's client sends it: an object POSTed is
 * `multipart/form-data` (Django's `MULTIPART_CONTENT`, what multer or busboy read), or a form
 * or JSON under that content type; an object sent with another method is JSON (as
 * `RequestFactory` sends it); text and bytes as they are.
 */
import { appendParams, MULTIPART } from './request-body.js';

/** A body a {@link Client} sends: an object (a form, JSON, or multipart with files), text, or bytes. */
export type ClientData = Record<string, unknown> | unknown[] | string | Uint8Array;

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;

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
  method = 'POST',
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
  // Django posts multipart unless told otherwise; its other methods have no form default, and
  // an object is sent as JSON, as RequestFactory sends it.
  const type = contentType ?? (method === 'POST' || holdsFile(data) ? 'multipart/form-data' : 'application/json');
  if (JSON_TYPE.test(type)) {
    return { payload: Buffer.from(JSON.stringify(data)), contentType: type };
  }
  if (MULTIPART.test(type) || holdsFile(data)) {
    // The web platform's own multipart encoder (undici's): a Response over FormData
    // gives the bytes and the Content-Type with its boundary.
    const encoded = new Response(formDataOf(data));
    const payload = Buffer.from(await encoded.arrayBuffer());
    return { payload, contentType: encoded.headers.get('content-type') ?? 'multipart/form-data' };
  }
  const form = new URLSearchParams();
  appendParams(form, data);
  return { payload: Buffer.from(form.toString()), contentType: type };
}
