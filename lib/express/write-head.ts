/**
 * Putting a response's status line, headers and cookies onto Node's `res` without
 * clobbering what middleware already put there.
 */
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeader } from 'node:http';
import statuses from 'statuses';
import vary from 'vary';
import type { HttpResponseBase } from '../http/response-base.js';
import { builtHead, outHeader } from './node-internals.js';

/**
 * `res.getHeader(name)` for a `name` given in lower case; read from Node's own header store
 * where it can be (see node-internals.ts), since Node's own code never calls `getHeader`.
 */
export function headerOf(res: ServerResponse, lowerName: string): OutgoingHttpHeader | undefined {
  return outHeader(res, lowerName);
}

/** Everything of a response's head, checked and serialised, ready to apply. */
export interface PreparedHead {
  statusCode: number;
  reasonPhrase: string;
  headers: Iterable<readonly [name: string, value: string]>;
  setCookies: readonly string[];
}

const NO_COOKIES: readonly string[] = Object.freeze([]);

/**
 * Serialise the head of `response` without touching `res`: whatever can throw (a signed
 * cookie without a secret, say) throws here, before anything is committed.
 *
 * @param snapshot - copy the headers as they are now, for a head applied later (after the
 *   first chunk of a stream, say). Without it the head reads the response's own header map,
 *   and must be applied in the same tick: nothing is copied for a buffered response.
 */
export function prepareHead(
  req: IncomingMessage | undefined,
  response: HttpResponseBase,
  snapshot = true,
): PreparedHead {
  let setCookies = NO_COOKIES;
  const cookies = response.cookies.values();
  if (cookies.length > 0) {
    // Read only when needed: a property missing from an Express req is a slow lookup.
    const requestSecret = (req as { secret?: unknown } | undefined)?.secret;
    const secret = typeof requestSecret === 'string' ? requestSecret : undefined;
    setCookies = cookies.map((cookie) => cookie.serialize(secret));
  }
  return {
    statusCode: response.statusCode,
    reasonPhrase: response.reasonPhrase,
    headers: snapshot
      ? Array.from(response.headers.pairs(), ([name, value]) => [name, value] as const)
      : response.headers.pairs(),
    setCookies,
  };
}

/**
 * Apply a prepared head to `res`: its status (see {@link setStatus}), then its headers and
 * cookies (see {@link applyHeaders}).
 *
 * @returns whether the body must be written before `res.end()` rather than given to it
 *   (see {@link protectContentDisposition}).
 */
export function applyHead(req: IncomingMessage | undefined, res: ServerResponse, head: PreparedHead): boolean {
  setStatus(req, res, head.statusCode, head.reasonPhrase);
  return applyHeaders(res, head);
}

/**
 * Apply the headers and cookies of a prepared head to `res` (not its status). A header the
 * response sets replaces the same header set by middleware, except `Set-Cookie`, which is
 * appended (express-session's cookie stays), and `Vary`, which is merged (cors's
 * `Vary: Origin` stays). Values go through `setHeader` as they are: Express's `res.set`
 * would rewrite Content-Type.
 *
 * @returns whether the body must be written before `res.end()` rather than given to it
 *   (see {@link protectContentDisposition}).
 */
export function applyHeaders(res: ServerResponse, head: PreparedHead): boolean {
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
  // Most responses are 200, which res.statusCode already is, and a write costs more than a
  // read (see writeStatusLine).
  if (res.statusCode !== code) res.statusCode = code;
  if (hasReasonPhrase(req, res)) res.statusMessage = reason;
}

/**
 * Write the head now, with status `code` and `reason` (default: the standard phrase), and
 * the headers already set: one `res.writeHead()`, after which no header can change.
 *
 * Why not set `res.statusCode` and `res.statusMessage` and let `res.end()` write the head:
 * every read or write of a property of an Express `res` misses V8's caches, since Express
 * swaps the prototype of each `res` and then adds `res.locals`, which gives each `res` a
 * hidden class of its own. Node's `writeHead()` sets both fields in any case; setting them
 * beforehand, and Node's `end()` then reading them back, is three slow lookups more per
 * response.
 */
export function writeStatusLine(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  code: number,
  reason: string = statuses.message[code] ?? '',
): void {
  // An empty reason is Node's to fill in (the standard phrase, else 'unknown'), as when set on res.
  if (reason !== '' && hasReasonPhrase(req, res)) res.writeHead(code, reason);
  else res.writeHead(code);
}

/**
 * Whether the response's protocol has reason phrases: HTTP/1, which a Node `ServerResponse`
 * is known to speak from its class alone (no lookup on `res`), unlike HTTP/2.
 */
function hasReasonPhrase(req: IncomingMessage | undefined, res: ServerResponse): boolean {
  return res instanceof ServerResponse || req === undefined || req.httpVersionMajor < 2;
}

/**
 * Whether the head of `res` is out. end() writes the head, so this covers writableEnded too.
 * On a Node `ServerResponse` it reads the built head (see node-internals.ts); other responses
 * (HTTP/2) are asked `headersSent`.
 */
export function isHeadSent(res: ServerResponse): boolean {
  if (res instanceof ServerResponse) return builtHead(res) !== undefined;
  return (res as { headersSent: boolean }).headersSent;
}

/**
 * Whether every character of `text` is ASCII: then its UTF-8 length is its length. One native
 * count, about half the time of a regular expression over the same text.
 */
function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/**
 * Whether the head of `res`, once written, is all ASCII, so that text given to `res.end()`
 * may go out in one piece with it (see {@link protectContentDisposition}). Only Node's HTTP/1
 * `ServerResponse` glues the two; any other response (HTTP/2) sends its headers apart.
 */
export function isHeadAscii(res: ServerResponse): boolean {
  if (!(res instanceof ServerResponse)) return true;
  const head = builtHead(res);
  // Without the head's text (a Node whose internals differ), assume the worst: written apart.
  return typeof head === 'string' && isAscii(head);
}

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
  const disposition = headerOf(res, 'content-disposition');
  if (disposition === undefined) return false;
  if (isAscii(Array.isArray(disposition) ? disposition.join('') : String(disposition))) return false;
  const length = headerOf(res, 'content-length');
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
  if (headerOf(res, 'content-length') === undefined) return;
  res.removeHeader('Transfer-Encoding');
  // A Content-Length set by hand that the body overruns would let a keep-alive client read
  // the rest as a second response: Node then fails the write, and the connection is cut.
  res.strictContentLength = true;
}
