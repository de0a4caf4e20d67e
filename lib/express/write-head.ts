/**
 * Putting a response's status line, headers and cookies onto Node's `res` without
 * clobbering what middleware already put there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import statuses from 'statuses';
import vary from 'vary';
import type { HttpResponseBase } from '../http/response-base.js';

/** Everything of a response's head, checked and serialised, ready to apply. */
export interface PreparedHead {
  statusCode: number;
  reasonPhrase: string;
  headers: Array<[name: string, value: string]>;
  setCookies: string[];
}

/**
 * Serialise the head of `response` without touching `res`: whatever can throw (a signed
 * cookie without a secret, say) throws here, before anything is committed.
 */
export function prepareHead(req: IncomingMessage | undefined, response: HttpResponseBase): PreparedHead {
  const setCookies: string[] = [];
  const cookies = response.cookies.values();
  if (cookies.length > 0) {
    // Read only when needed: a property missing from an Express req is a slow lookup.
    const requestSecret = (req as { secret?: unknown } | undefined)?.secret;
    const secret = typeof requestSecret === 'string' ? requestSecret : undefined;
    for (const cookie of cookies) setCookies.push(cookie.serialize(secret));
  }
  // forEach, not Array.from(entries()): no generator on the path of every response.
  const headers: Array<[name: string, value: string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return {
    statusCode: response.statusCode,
    reasonPhrase: response.reasonPhrase,
    headers,
    setCookies,
  };
}

/**
 * Apply a prepared head to `res`. A header the response sets replaces the same header set
 * by middleware, except `Set-Cookie`, which is appended (express-session's cookie stays),
 * and `Vary`, which is merged (cors's `Vary: Origin` stays). Values go through
 * `setHeader` as they are: Express's `res.set` would rewrite Content-Type.
 *
 * @returns whether the body must be written before `res.end()` rather than given to it
 *   (see {@link protectContentDisposition}).
 */
export function applyHead(req: IncomingMessage | undefined, res: ServerResponse, head: PreparedHead): boolean {
  setStatus(req, res, head.statusCode, head.reasonPhrase);
  for (const [name, value] of head.headers) {
    // Length first: most headers are neither, and this runs for every header of every response.
    if (name.length === 4 && name.toLowerCase() === 'vary') mergeVary(res, value);
    else if (name.length === 10 && name.toLowerCase() === 'set-cookie') res.appendHeader('Set-Cookie', value);
    else res.setHeader(name, value);
  }
  if (head.setCookies.length > 0) res.appendHeader('Set-Cookie', head.setCookies);
  return protectContentDisposition(res);
}

/**
 * Merge `value` into the `Vary` middleware may have set. The `vary` module refuses what is not
 * a list of field names (`''`, `'a b'`), which a response may hold (Django sends it as given):
 * append such a value as it is rather than fail while writing.
 */
export function mergeVary(res: ServerResponse, value: string): void {
  try {
    vary(res, value);
  } catch {
    const existing = res.getHeader('Vary');
    if (existing === undefined) res.setHeader('Vary', value);
    else if (value.trim() !== '') res.setHeader('Vary', `${String(existing)}, ${value}`);
  }
}

/**
 * Set the status line: `code`, and `reason` (default: the standard phrase) where the protocol
 * has one. HTTP/2 has no reason phrase, and Node warns when one is set there.
 */
export function setStatus(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  code: number,
  reason: string = statuses.message[code] ?? '',
): void {
  // A write to an Express res costs far more than a read (no two have the same hidden class):
  // most responses are 200, which res.statusCode already is.
  if (res.statusCode !== code) res.statusCode = code;
  if (req === undefined || req.httpVersionMajor < 2) res.statusMessage = reason;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Keep a non-ASCII `Content-Disposition` the bytes it holds; return whether there is one,
 * in which case the body must go out by `res.write(body)` and then `res.end()`, never by
 * one `res.end(body)`.
 *
 * Why: when Node builds the head (`processHeader` in lib/_http_outgoing.js, since
 * nodejs/node#46528) and already knows the body's length, it turns a `Content-Disposition`
 * value into `Buffer.from(value, 'latin1')` and glues that Buffer into the head string,
 * which decodes it as UTF-8. A Latin-1 `é` (byte 0xE9) is not valid UTF-8, so it becomes
 * U+FFFD, and the head, written as Latin-1, carries its low byte: 0xFD. Node knows the
 * length when `end(body)` is given the body, or when a `Content-Length` header comes
 * before `Content-Disposition` in the head. So `Content-Length` is moved behind it here, and
 * the caller writes the body before ending. (`res.flushHeaders()` is no way out: it sends
 * the head as UTF-8.) ASCII values are the same bytes either way: the common case costs one
 * lookup and keeps the single `end(body)`.
 */
export function protectContentDisposition(res: ServerResponse): boolean {
  const disposition = res.getHeader('Content-Disposition');
  if (disposition === undefined) return false;
  if (!NON_ASCII.test(Array.isArray(disposition) ? disposition.join('') : String(disposition))) return false;
  const length = res.getHeader('Content-Length');
  if (length !== undefined) {
    res.removeHeader('Content-Length');
    res.setHeader('Content-Length', length);
  }
  return true;
}

/** Remove the headers that describe a body, for 204 and 304 responses (as Express does). */
export function removeBodyHeaders(res: ServerResponse): void {
  res.removeHeader('Content-Type');
  res.removeHeader('Content-Length');
  res.removeHeader('Transfer-Encoding');
}

/** Statuses that never carry a body (RFC 9110 §15.3.5, §15.4.5). */
export function isBodilessStatus(statusCode: number): boolean {
  return statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode < 200);
}

/** Frame a streamed body by its Content-Length when the response set one; chunked otherwise. */
export function frameStreamedBody(res: ServerResponse): void {
  if (!res.hasHeader('Content-Length')) return;
  res.removeHeader('Transfer-Encoding');
  // A Content-Length set by hand that the body overruns would let a keep-alive client read
  // the rest as a second response: Node then fails the write, and the connection is cut.
  res.strictContentLength = true;
}
