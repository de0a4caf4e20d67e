/** Writing a response object onto Node's / Express's `res`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHttpResponse, releasesNothing, type HttpResponseBase } from '../http/response-base.js';
import type { HttpResponse } from '../http/response.js';
import { applyAppJsonSettings } from '../http/json-response.js';
import type { StreamingHttpResponse } from '../http/streaming-response.js';
import { describe } from '../http/describe.js';
import { checkNoBracketHeaders } from '../http/django-spellings.js';
import { writeBuffered } from './write-buffered.js';
import { isHeadSent } from './write-head.js';
import { writeStreaming } from './write-streaming.js';
import { isWebResponse } from '../http/web-response.js';
import { writeWebResponse } from './write-web-response.js';
import { isUnrenderedTemplateResponse, type RenderTarget } from '../views/template-response.js';

/** What {@link sendResponse} writes: one of this package's responses or a web `Response`. */
export type SendableResponse = HttpResponseBase | Response;

/**
 * Write `response` onto `res` and settle when it is fully written (or the client went
 * away). Usable from any Express handler or plain `http` server.
 *
 * Status, reason phrase, headers and every cookie are applied without clobbering the
 * `Set-Cookie` and `Vary` headers middleware set; buffered bodies get Content-Length, the
 * app's ETag and a 304 when fresh; HEAD sends no body. `response.close()` runs exactly
 * once, after the response ends, is aborted or fails; a buffered response that holds
 * nothing to release is closed as soon as it is written.
 *
 * @throws TypeError (rejects) when `response` is not a response; Error when `res` was
 *   already sent; whatever failed while writing. When the failure comes after the headers
 *   were sent, the connection is destroyed first so the client sees a truncated response.
 *
 * @example
 * ```ts
 * app.get('/raw', (req, res, next) => {
 *   sendResponse(res, new HttpResponse('ok')).catch(next);
 * });
 * ```
 */
export function sendResponse(res: ServerResponse, response: SendableResponse): Promise<void> {
  return writeResponse((res as { req?: IncomingMessage }).req, res, response, true) as Promise<void>;
}

/**
 * Write `response` onto `res` for the request `req`: {@link sendResponse}, and `view()`, which
 * passes the `req` it has (a read of `res.req` is a slow lookup on an Express `res`).
 *
 * A buffered response whose `close()` has nothing to run is closed as soon as it is written.
 * With `settle` `false` (a caller that only needs to hear of failures), nothing is then
 * returned: no promise, and no `'close'` listener on `res` — adding one writes to `res`,
 * which costs more on an Express `res` than the rest of writing a small response. Otherwise
 * the returned promise settles as {@link sendResponse}'s does (a web `Response`'s, without
 * `settle`, as soon as its body is written and `res.end()` called).
 */
export function writeResponse(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  response: SendableResponse,
  settle: boolean,
): Promise<void> | undefined {
  if (isUnrenderedTemplateResponse(response)) {
    // Rendered now, through req.app's view engine, and written as any buffered response.
    return response
      .render(req as unknown as RenderTarget | undefined)
      .then((rendered) => writeResponse(req, res, rendered, true));
  }
  if (!isHttpResponse(response)) {
    if (isWebResponse(response)) return writeWebResponse(req, res, response, settle);
    return Promise.reject(
      new TypeError(`sendResponse() needs an HttpResponse (or a web Response) to send (got ${describe(response)}).`),
    );
  }
  if (response.streaming) return sendStreaming(req, res, response as StreamingHttpResponse);
  // Buffered: written in this tick, so no async function and at most one promise, settled
  // (after close()) by the one listener on 'close' — this runs for every small response.
  try {
    checkUnsent(res, response);
    if (res.destroyed) {
      response.close(); // The client is gone: nothing to write to.
      return settle ? Promise.resolve() : undefined;
    }
    // As res.json(): the app's `json spaces`, `json replacer` and `json escape`, unless the response set its own.
    applyAppJsonSettings(response, (req as { app?: { settings?: object } } | undefined)?.app?.settings);
    writeBuffered(req, res, response as HttpResponse);
  } catch (err) {
    let failure = err;
    try {
      response.close();
    } catch (closeErr) {
      failure = closeErr; // As `finally { response.close() }` would.
    }
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what was thrown, as an async function rejects
    return Promise.reject(failure);
  }
  if (releasesNothing(response)) {
    response.close(); // Marks it closed; there is nothing to release.
    // Settled by 'close' itself, with no closure of its own: on Node 20 a ServerResponse always
    // emits 'close', after 'finish' or on a dropped socket, never in the tick it was written in.
    return settle ? new Promise((resolve) => res.on('close', resolve)) : undefined;
  }
  return closedThenReleased(res, response);
}

function checkUnsent(res: ServerResponse, response: HttpResponseBase): void {
  if (isHeadSent(res)) {
    throw new Error(
      `Can't send ${response.constructor.name}: a response was already sent on this res (headers are out). Return the response object or write to res, not both.`,
    );
  }
  // A 1xx head is informational (RFC 9110 §15.2): sent as the answer, the client keeps waiting
  // for a final response that never comes.
  if (response.statusCode < 200) {
    throw new RangeError(
      `Can't send ${response.constructor.name} with status ${response.statusCode}: a 1xx status is informational, never a final response. Use a status from 200 to 599 (for 103 Early Hints, call res.writeEarlyHints() before the response).`,
    );
  }
  checkNoBracketHeaders(response);
}

/** Resolve once `res` has closed (finished or aborted), after running `response.close()`. */
function closedThenReleased(res: ServerResponse, response: HttpResponseBase): Promise<void> {
  return new Promise((resolve, reject) => {
    const release = (): void => {
      try {
        response.close();
        resolve();
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what close() threw, unchanged
        reject(err);
      }
    };
    // On Node 20 a ServerResponse always emits 'close', after 'finish' or on a dropped socket,
    // and never before the end of the tick in which it was written (checked not destroyed).
    res.on('close', release);
  });
}

async function sendStreaming(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  response: StreamingHttpResponse,
): Promise<void> {
  try {
    checkUnsent(res, response);
    if (res.destroyed) return; // The client is gone: nothing to write to.
    await writeStreaming(req, res, response);
  } finally {
    response.close();
  }
}
