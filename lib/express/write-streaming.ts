/** Writing a streaming response (StreamingHttpResponse, FileResponse) onto Node's `res`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ABORTED, Outlet, puller, pumpBody } from './body-pump.js';
import type { HttpResponseBase } from '../http/response-base.js';
import type { StreamingBody } from '../http/streaming-response.js';
import { writeFile, type FileSourceResponse } from './write-file.js';
import {
  applyHeaders,
  frameStreamedBody,
  isBodilessStatus,
  prepareHead,
  removeBodyHeaders,
  writeStatusLine,
} from './write-head.js';

/**
 * The public face of a streaming response that the writer relies on. Only public members:
 * the response may come from another copy of this package (ESM and CJS loaded together).
 */
export interface StreamingResponseLike extends HttpResponseBase {
  readonly streamingContent: StreamingBody;
  readonly isAsync: boolean;
  readonly filePath?: string | undefined;
}

function hasFilePath(response: StreamingResponseLike): response is StreamingResponseLike & FileSourceResponse {
  return typeof response.filePath === 'string';
}

/**
 * Write `response`'s head and stream its content onto `res`, and settle when the response
 * is fully written or the client went away. A FileResponse made from a path is served
 * with ranges and conditional requests by {@link writeFile}.
 *
 * Nothing is sent before the first chunk is in hand, so a source that fails at once
 * rejects with `res` untouched (the error handler answers). HEAD and bodiless statuses
 * send the head and never read the source; `response.close()` (run by the caller) releases it.
 *
 * @throws (rejects) the source's error; when the head was already sent, `res` is destroyed first.
 */
export async function writeStreaming(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  response: StreamingResponseLike,
): Promise<void> {
  if (hasFilePath(response)) return writeFile(req, res, response);
  const head = prepareHead(req, response);
  const outlet = new Outlet(res);
  try {
    if (req?.method === 'HEAD' || isBodilessStatus(head.statusCode)) {
      applyHeaders(res, head);
      if (isBodilessStatus(head.statusCode)) removeBodyHeaders(res);
      writeStatusLine(req, res, head.statusCode, head.reasonPhrase);
      await outlet.end();
      return;
    }
    const content = response.streamingContent;
    const iterator = response.isAsync
      ? (content as AsyncIterable<Buffer>)[Symbol.asyncIterator]()
      : (content as Iterable<Buffer>)[Symbol.iterator]();
    const next = puller<Uint8Array>(outlet, iterator, response.isAsync);
    const first = await next();
    if (first === ABORTED) return;
    applyHeaders(res, head);
    frameStreamedBody(res);
    writeStatusLine(req, res, head.statusCode, head.reasonPhrase);
    await pumpBody(outlet, first, next);
  } finally {
    outlet.dispose();
  }
}
