/**
 * What `cachePage` keeps of a response: status, reason, headers and body bytes. The body is a
 * `Buffer`, which Keyv's JSON serializer (`@keyv/serialize`) writes as base64 and reads back as
 * a `Buffer`; the `{ type: 'Buffer', data }` form a plain `JSON.stringify` serializer makes is
 * read too.
 */
import type { ResponseInit } from '../http/response-base.js';
import { HttpResponse } from '../http/response.js';
import { defaultReasonPhrase } from '../http/status.js';

/** A cached page, as stored. */
export interface CachedPage {
  /** The format; an entry of another format is a miss. */
  v: 1;
  status: number;
  /** Only when the view set a reason of its own. */
  reason?: string;
  headers: Array<[name: string, value: string]>;
  /** The body bytes. */
  body: Uint8Array;
}

/** The entry for `response` (a buffered `HttpResponse`): a copy, so the view's object stays its own. */
export function toCachedPage(response: HttpResponse): CachedPage {
  const page: CachedPage = {
    v: 1,
    status: response.statusCode,
    headers: [...response.headers],
    body: Buffer.from(response.content),
  };
  if (response.reasonPhrase !== defaultReasonPhrase(response.statusCode)) page.reason = response.reasonPhrase;
  return page;
}

/** The body bytes of a stored entry, in the forms serializers give them back, or `undefined`. */
function bodyOf(body: unknown): Buffer | undefined {
  // A copy: an in-memory store hands every hit the same object.
  if (body instanceof Uint8Array) return Buffer.from(body);
  const json = body as { type?: unknown; data?: unknown } | null;
  if (typeof json === 'object' && json !== null && json.type === 'Buffer' && Array.isArray(json.data)) {
    return Buffer.from(json.data as number[]);
  }
  return undefined;
}

/** The response a stored entry stands for, or `undefined` when `value` is not one. */
export function fromCachedPage(value: unknown): HttpResponse | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const page = value as Partial<Record<keyof CachedPage, unknown>>;
  const body = bodyOf(page.body);
  if (
    page.v !== 1 ||
    typeof page.status !== 'number' ||
    body === undefined ||
    !Array.isArray(page.headers) ||
    (page.reason !== undefined && typeof page.reason !== 'string')
  ) {
    return undefined;
  }
  const init: ResponseInit = { status: page.status, headers: page.headers as CachedPage['headers'] };
  if (page.reason !== undefined) init.reason = page.reason;
  return new HttpResponse(body, init);
}
