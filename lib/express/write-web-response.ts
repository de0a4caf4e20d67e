/** Writing a web (Fetch API) `Response` that a view returned onto Node's `res`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ABORTED, Outlet, pumpBody } from './body-pump.js';
import {
  frameStreamedBody,
  isBodilessStatus,
  isHeadSent,
  mergeVary,
  protectContentDisposition,
  removeBodyHeaders,
  writeStatusLine,
} from './write-head.js';

/**
 * Put a web response's headers on `res` without clobbering middleware's:
 * every `Set-Cookie` is appended on its own (`getSetCookie()`, never the folded
 * `get('set-cookie')`), `Vary` is merged, anything else replaces.
 */
function applyWebHeaders(res: ServerResponse, webResponse: Response): void {
  // The iterator, not forEach(): undici's forEach costs several times more per header. It yields
  // each Set-Cookie on its own, as getSetCookie() does.
  let cookies: string[] | undefined;
  for (const [name, value] of webResponse.headers as unknown as Iterable<[string, string]>) {
    if (name === 'set-cookie') (cookies ??= []).push(value);
    else if (name === 'vary') mergeVary(res, value);
    else res.setHeader(name, value);
  }
  if (cookies !== undefined) res.appendHeader('Set-Cookie', cookies);
  // The body goes out by res.write(), so only the header order needs care here.
  protectContentDisposition(res);
}

/** Cancel a body nobody will read; a stream that already failed has nothing to release. */
function cancelBody(body: ReadableStream<Uint8Array> | null): void {
  if (body !== null && !body.locked) body.cancel().catch(() => {});
}

/**
 * Write a web `Response` onto `res` and settle when it is fully written or the client went
 * away. The body is read with backpressure and cancelled when the client leaves; HEAD and
 * bodiless statuses cancel it unread. Nothing is sent before the first chunk is in hand, so
 * a body that fails at once rejects with `res` untouched.
 *
 * @throws TypeError (rejects) for `Response.error()` or a body already read; the body's
 *   error, after destroying `res` when the head was already sent.
 */
export async function writeWebResponse(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  webResponse: Response,
  settleOnClose = true,
): Promise<void> {
  // Each getter of a web Response costs (a brand check, then its state): each is read once.
  const { status } = webResponse;
  if (status === 0) {
    // Response.error(), the one Response whose status is 0 (its type is 'error').
    throw new TypeError('A view returned Response.error() (a network error), which has no status to send.');
  }
  if (webResponse.bodyUsed) {
    throw new TypeError('A view returned a web Response whose body was already read; return a fresh Response.');
  }
  if (isHeadSent(res)) {
    cancelBody(webResponse.body);
    throw new Error(
      "Can't send a web Response: a response was already sent on this res (headers are out). Return the response object or write to res, not both.",
    );
  }
  const body = webResponse.body;
  const outlet = new Outlet(res, settleOnClose);
  const reader = body?.getReader();
  let readToEnd = false;
  try {
    if (outlet.closed) return;
    if (reader === undefined || req?.method === 'HEAD' || isBodilessStatus(status)) {
      applyWebHeaders(res, webResponse);
      if (isBodilessStatus(status)) removeBodyHeaders(res);
      writeStatusLine(req, res, status, webResponse.statusText || undefined);
      await outlet.end();
      return;
    }
    // A client that leaves cancels the reader, which ends a pending read ({ done: true }) at
    // once: no race of promises around every read, as a generic async source needs.
    outlet.whenClosed(() => {
      reader.cancel().catch(() => {});
    });
    const next = (): typeof ABORTED | Promise<IteratorResult<Uint8Array>> =>
      outlet.closed ? ABORTED : (reader.read() as Promise<IteratorResult<Uint8Array>>);
    const first = await next();
    if (first === ABORTED || outlet.closed) return; // The client left while the first chunk was read.
    applyWebHeaders(res, webResponse);
    frameStreamedBody(res);
    writeStatusLine(req, res, status, webResponse.statusText || undefined);
    readToEnd = await pumpBody(outlet, first, next);
  } finally {
    outlet.dispose();
    // Aborted, failed or never read: release the body's source (read to its end, it has nothing left).
    if (!readToEnd) reader?.cancel().catch(() => {});
  }
}
