/** Writing a response whose body is in memory, as Express's `res.send` does. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unencodedText, type HttpResponse } from '../http/response.js';
import {
  applyHeaders,
  headerOf,
  isBodilessStatus,
  isHeadAscii,
  prepareHead,
  removeBodyHeaders,
  writeStatusLine,
} from './write-head.js';
import { evaluateFreshness } from '../utils/conditional.js';
import { parseHttpDate } from '../utils/http.js';

type ETagFunction = (body: Buffer, encoding?: BufferEncoding) => string | undefined;

/** The ETag generator Express compiled from the app's `etag` setting, if any. */
function appETagFunction(res: ServerResponse): ETagFunction | undefined {
  const app = (res as { app?: { get?: (setting: string) => unknown } }).app;
  const fn = typeof app?.get === 'function' ? app.get('etag fn') : undefined;
  return typeof fn === 'function' ? (fn as ETagFunction) : undefined;
}

// Django's needs_etag: a directive named no-store (before any `=`), in any casing.
const NO_STORE = /(?:^|,)\s*no-store\s*(?:[,=]|$)/i;

/** Whether the `Cache-Control` on `res` has a `no-store` directive (any casing, any position). */
function isNoStore(res: ServerResponse): boolean {
  const value = headerOf(res, 'cache-control');
  if (value === undefined) return false;
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return NO_STORE.test(text);
}

/** A header of `res` as one string, if it is set. */
function textHeader(res: ServerResponse, lowerName: string): string | undefined {
  const value = headerOf(res, lowerName);
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Express's `req.fresh`, for any request, decided by the one conditional engine
 * (utils/conditional.ts): a GET or HEAD whose If-None-Match (weak comparison, spaces or tabs
 * in the list) or If-Modified-Since still matches, for a response of `status` (passed in: it
 * is not on `res` until the head is written). As `fresh`, `*` matches (the response exists)
 * and a request with `Cache-Control: no-cache` gets the full response.
 */
export function isFresh(req: IncomingMessage, res: ServerResponse, status: number): boolean {
  // Validators first: most requests have none, and then req.method (a slow read on an Express
  // req, whose hidden class is its own) is not read.
  const { headers } = req;
  if (headers['if-none-match'] === undefined && headers['if-modified-since'] === undefined) return false;
  const { method } = req;
  if (method !== 'GET' && method !== 'HEAD') return false;
  if ((status < 200 || status >= 300) && status !== 304) return false;
  // Only the 304 half: a buffered response's view has already run, so If-Match and
  // If-Unmodified-Since (412) are left to `condition`, as Express's res.send leaves them.
  const outcome = evaluateFreshness(
    method,
    headers,
    { etag: textHeader(res, 'etag'), lastModified: parseHttpDate(textHeader(res, 'last-modified')), exists: true },
    { noCacheRequestsFull: true },
  );
  return outcome.kind === 'not-modified';
}

/**
 * Write `response` with one `res.writeHead()` and one `res.end(body)`: exact Content-Length,
 * the app's ETag and a 304 when the request is fresh, no body for HEAD, 204 and 304.
 */
export function writeBuffered(req: IncomingMessage | undefined, res: ServerResponse, response: HttpResponse): void {
  const head = prepareHead(req, response, false); // Applied at once: no copy of the headers.
  const writeBodyBeforeEnd = applyHeaders(res, head);
  const status = head.statusCode;

  if (isBodilessStatus(status)) {
    removeBodyHeaders(res);
    writeStatusLine(req, res, status, head.reasonPhrase);
    res.end();
    return;
  }
  if (headerOf(res, 'transfer-encoding') !== undefined) res.removeHeader('Transfer-Encoding');
  // No ETag on a redirect, as Express's res.redirect sends none: freshness (the only use of the
  // app's ETag here) applies to 2xx responses only, and hashing the body costs on every redirect.
  // Nor on a response that must not be stored (never_cache's): Django's ConditionalGetMiddleware
  // adds none there (needs_etag), so a matching If-None-Match can't turn it into a 304.
  const etagFn = (status >= 300 && status < 400) || isNoStore(res) ? undefined : appETagFunction(res);
  // Text not encoded yet stays text when nothing needs its bytes before they go out: no ETag to
  // hash. Otherwise it is encoded once, for the ETag and the socket both.
  let body: Buffer | string | undefined = etagFn === undefined ? unencodedText(response) : undefined;
  if (body === undefined) {
    body = response.content;
    if (etagFn !== undefined && headerOf(res, 'etag') === undefined) {
      const tag = etagFn(body);
      if (tag) res.setHeader('ETag', tag);
    }
  }
  if (req !== undefined && isFresh(req, res, status)) {
    removeBodyHeaders(res);
    writeStatusLine(req, res, 304);
    res.end();
    return;
  }
  if (status === 205) {
    // RFC 9110 §15.3.6: 205 Reset Content has no body; say so explicitly.
    res.setHeader('Content-Length', '0');
    writeStatusLine(req, res, status, head.reasonPhrase);
    res.end();
    return;
  }
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length);
  writeStatusLine(req, res, status, head.reasonPhrase);
  // An empty body (a redirect's) is no chunk at all: end() then writes the head alone, in one
  // piece, where end(emptyBuffer) would queue the head and flush it apart.
  if (body.length === 0 || req?.method === 'HEAD') {
    res.end();
    return;
  }
  // Node writes text given to write() or end() in one piece with the head, all of it as UTF-8:
  // right for the body, and for the head while it is ASCII. A head with Latin-1 bytes (a header
  // value set as such) would be garbled, so then the text goes out as bytes, after the head.
  if (typeof body === 'string' && !isHeadAscii(res)) body = Buffer.from(body, 'utf8');
  if (writeBodyBeforeEnd) {
    // One end(body) would garble a non-ASCII Content-Disposition (see protectContentDisposition).
    res.write(body);
    res.end();
  } else res.end(body);
}
