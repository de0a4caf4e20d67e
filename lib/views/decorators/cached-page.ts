/**
 * What `cachePage` keeps of a response: status, reason, headers and body bytes, as a plain
 * JSON-safe object (the body in base64), so any Keyv store and serializer keeps it intact.
 */
import type { ResponseInit } from '../../http/response-base.js';
import { HttpResponse } from '../../http/response.js';
import { defaultReasonPhrase } from '../../http/status.js';

/** A cached page, as stored. */
export interface CachedPage {
  /** The format; an entry of another format is a miss. */
  v: 1;
  status: number;
  /** Only when the view set a reason of its own. */
  reason?: string;
  headers: Array<[name: string, value: string]>;
  /** The body bytes, base64. */
  body: string;
}

/** The entry for `response` (a buffered `HttpResponse`). */
export function toCachedPage(response: HttpResponse): CachedPage {
  const page: CachedPage = {
    v: 1,
    status: response.statusCode,
    headers: [...response.headers],
    body: response.content.toString('base64'),
  };
  if (response.reasonPhrase !== defaultReasonPhrase(response.statusCode)) page.reason = response.reasonPhrase;
  return page;
}

function isCachedPage(value: unknown): value is CachedPage {
  if (typeof value !== 'object' || value === null) return false;
  const page = value as Partial<CachedPage>;
  return (
    page.v === 1 &&
    typeof page.status === 'number' &&
    typeof page.body === 'string' &&
    Array.isArray(page.headers) &&
    (page.reason === undefined || typeof page.reason === 'string')
  );
}

/** The response a stored entry stands for, or `undefined` when `value` is not one. */
export function fromCachedPage(value: unknown): HttpResponse | undefined {
  if (!isCachedPage(value)) return undefined;
  const init: ResponseInit = {
    status: value.status,
    headers: value.headers,
  };
  if (value.reason !== undefined) init.reason = value.reason;
  return new HttpResponse(Buffer.from(value.body, 'base64'), init);
}
