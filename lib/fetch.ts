/**
 * Fetch interop: this package's responses as web (Fetch API) `Response`s and back, for code
 * shared with Hono, Remix, service workers or `fetch()` proxies.
 */
import { statSync } from 'node:fs';
import { ResponseCookie, putCookie, type CookieOptions, type SameSite } from './http/cookies.js';
import { HttpResponse } from './http/response.js';
import { isHttpResponse, type HttpResponseBase, type ResponseInit } from './http/response-base.js';
import { describe } from './http/describe.js';
import { StreamingHttpResponse } from './http/streaming-response.js';

/** Options of {@link toWebResponse}. */
export interface ToWebResponseOptions {
  /**
   * The secret that signs cookies set with `setSignedCookie()` and no secret of their own (Express's `req.secret`).
   * @defaultValue none: such a cookie throws
   */
  secret?: string;
}

/** Statuses whose web `Response` must have a `null` body (Fetch standard "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The streamed body of `response` as a web stream, pulled on demand; `close()` runs when it ends, fails or is cancelled. */
function toReadableStream(response: StreamingHttpResponse): ReadableStream<Uint8Array> {
  const content = response.streamingContent;
  const iterator: Iterator<Buffer> | AsyncIterator<Buffer> = response.isAsync
    ? (content as AsyncIterable<Buffer>)[Symbol.asyncIterator]()
    : (content as Iterable<Buffer>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            response.close();
          } else {
            controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
          }
        } catch (err) {
          response.close();
          controller.error(err);
        }
      },
      cancel() {
        response.close();
      },
    },
    // Pull one chunk at a time, as the adapter's own pump does: the source sets the pace.
    { highWaterMark: 0 },
  );
}

/**
 * A web `Response` with the status, reason phrase, headers, every cookie (one `Set-Cookie`
 * each, as `getSetCookie()` returns them) and body of `response`: its bytes for a buffered
 * response, a `ReadableStream` pulled on demand for a streaming one (`response.close()` runs
 * once it ends or is cancelled).
 *
 * @throws RangeError for a status a web `Response` cannot carry (below 200); Error for a
 *   signed cookie that waits for a secret when `options.secret` is not given.
 *
 * @example
 * ```ts
 * export default { fetch: () => toWebResponse(new JsonResponse({ ok: true })) }; // a Hono or worker handler
 * ```
 */
export function toWebResponse(response: HttpResponseBase, options: ToWebResponseOptions = {}): Response {
  if (!isHttpResponse(response)) {
    throw new TypeError(`toWebResponse() needs an HttpResponse (got ${describe(response)}).`);
  }
  const status = response.statusCode;
  if (status < 200) {
    throw new RangeError(`A web Response cannot carry status ${status}: the Fetch API allows 200 to 599 only.`);
  }
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.set(name, value);
  const filePath = (response as { filePath?: unknown }).filePath;
  if (typeof filePath === 'string' && !headers.has('Content-Length')) {
    // A FileResponse of a path learns its size when it is sent; the adapter stats it then, so do we.
    const stats = statSync(filePath, { throwIfNoEntry: false });
    if (stats?.isFile()) headers.set('Content-Length', String(stats.size));
  }
  for (const cookie of response.cookies.values()) headers.append('Set-Cookie', cookie.serialize(options.secret));
  const init: globalThis.ResponseInit = { status, statusText: response.reasonPhrase, headers };
  if (NULL_BODY_STATUSES.has(status)) {
    response.close();
    return new Response(null, init);
  }
  if (response.streaming) return new Response(toReadableStream(response as StreamingHttpResponse), init);
  const content = (response as HttpResponse).content;
  response.close();
  // A copy in its own ArrayBuffer: what BodyInit accepts, and independent of the response.
  return new Response(new Uint8Array(content), init);
}

/** The exact `Set-Cookie` line of each {@link ForwardedCookie} (set after the base constructor serialises once). */
const FORWARDED_LINES = new WeakMap<ResponseCookie, string>();

/** A cookie read back from a `Set-Cookie` line, sent again exactly as it was written. */
class ForwardedCookie extends ResponseCookie {
  constructor(name: string, value: string, opts: CookieOptions, line: string) {
    super(name, value, opts, { rawValue: true });
    FORWARDED_LINES.set(this, line);
  }

  override serialize(secret?: string): string {
    return FORWARDED_LINES.get(this) ?? super.serialize(secret);
  }
}

/** The cookie of one `Set-Cookie` line (RFC 6265 §5.2), its attributes read for `response.cookies`. */
function parseSetCookie(line: string): ForwardedCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const opts: CookieOptions = { path: null };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const arg = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path') opts.path = arg;
    else if (key === 'domain') opts.domain = arg;
    else if (key === 'max-age' && /^-?\d+$/.test(arg)) opts.maxAge = Number(arg);
    else if (key === 'expires' && !Number.isNaN(Date.parse(arg))) opts.expires = arg;
    else if (key === 'secure') opts.secure = true;
    else if (key === 'httponly') opts.httpOnly = true;
    else if (key === 'partitioned') opts.partitioned = true;
    else if (key === 'samesite' && /^(lax|strict|none)$/i.test(arg)) opts.sameSite = arg as SameSite;
  }
  if (opts.maxAge !== undefined && opts.expires !== undefined) delete opts.expires;
  try {
    return new ForwardedCookie(name, value, opts, line);
  } catch {
    // Attributes the `cookie` module would not write (an odd domain, say): keep the line as it is.
    return new ForwardedCookie(name, value, { path: null }, line);
  }
}

/** Options of {@link fromWebResponse}. */
export interface FromWebResponseOptions {
  /** Read the whole body first and give a (buffered) `HttpResponse`, as a promise. @defaultValue false */
  buffer?: boolean;
}

function responseParts(webResponse: Response): { init: ResponseInit; hasType: boolean } {
  const headers: Array<[string, string]> = [];
  webResponse.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  const init = {
    status: webResponse.status,
    headers,
    ...(webResponse.statusText ? { reason: webResponse.statusText } : {}),
  };
  return { init, hasType: webResponse.headers.has('Content-Type') };
}

function finish<R extends HttpResponseBase>(response: R, webResponse: Response, hasType: boolean): R {
  // No Content-Type on the web response: don't invent Django's default text/html.
  if (!hasType) response.headers.delete('Content-Type');
  for (const line of webResponse.headers.getSetCookie()) {
    const cookie = parseSetCookie(line);
    if (cookie) putCookie(response.cookies, cookie);
  }
  return response;
}

/**
 * One of this package's responses from a web `Response` (from `fetch()`, a Hono app, ...):
 * status, reason phrase, headers (names as the Fetch API keeps them, lower-case), every
 * `Set-Cookie` (sent again byte for byte, and readable in `response.cookies`) and the body.
 * The body is streamed (a `StreamingHttpResponse` reading the web stream on demand) unless
 * `buffer: true`, which reads it first and resolves to an `HttpResponse`. A web response
 * without a body gives an empty `HttpResponse`.
 *
 * Cookies are kept by name, as Django's `response.cookies`: two `Set-Cookie` lines for the same
 * name (different paths) keep the last.
 *
 * @throws TypeError when `webResponse` is not a web `Response`, or its body was already read.
 *
 * @example
 * ```ts
 * app.get('/proxy', view(async () => fromWebResponse(await fetch('https://api.example.com/feed'))));
 * ```
 */
export function fromWebResponse(
  webResponse: Response,
  options: FromWebResponseOptions & { buffer: true },
): Promise<HttpResponse>;
export function fromWebResponse(
  webResponse: Response,
  options?: FromWebResponseOptions,
): HttpResponse | StreamingHttpResponse;
export function fromWebResponse(
  webResponse: Response,
  options: FromWebResponseOptions = {},
): HttpResponse | StreamingHttpResponse | Promise<HttpResponse> {
  if (typeof webResponse !== 'object' || webResponse === null || !(webResponse.headers instanceof Headers)) {
    throw new TypeError(`fromWebResponse() needs a web (Fetch API) Response (got ${describe(webResponse)}).`);
  }
  if (webResponse.bodyUsed) {
    throw new TypeError('fromWebResponse() got a web Response whose body was already read; pass a fresh Response.');
  }
  const { init, hasType } = responseParts(webResponse);
  if (options.buffer) {
    return webResponse
      .arrayBuffer()
      .then((bytes) => finish(new HttpResponse(new Uint8Array(bytes), init), webResponse, hasType));
  }
  if (webResponse.body === null) return finish(new HttpResponse(undefined, init), webResponse, hasType);
  return finish(new StreamingHttpResponse(webResponse.body, init), webResponse, hasType);
}
