/** The body of a `RequestFactory` request, encoded as its content type says. */

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
      `RequestFactory needs a body as an object, an array, a string or bytes, not ${data === null ? 'null' : typeof data}.`,
    );
  }
  const type = contentType ?? 'application/json';
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    const form = new URLSearchParams();
    appendParams(form, data);
    return { payload: form.toString(), contentType: type };
  }
  return { payload: JSON.stringify(data), contentType: type };
}
