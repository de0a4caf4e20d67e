/**
 * Writing a FileResponse made from a path: the file is checked before anything is sent,
 * then served with validators, conditional requests and byte ranges, in flat memory.
 */
import { close, constants, createReadStream, fstat, open, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { Outlet, pumpReadable } from './body-pump.js';
import { Http404, PermissionDenied } from '../http/errors.js';
import type { HttpResponseBase } from '../http/response-base.js';
import { applyHead, isBodilessStatus, prepareHead, removeBodyHeaders, setStatus } from './write-head.js';
import {
  evaluateFileRequest,
  preconditionFailedText,
  rangeNotSatisfiableText,
  type FileOutcome,
} from '../utils/conditional.js';
import { parseHttpDate } from '../utils/http.js';

const openFd = promisify(open);
const fstatFd = promisify(fstat);

/** A response that sends the file at `filePath` (a FileResponse made from a path, from any copy of the package). */
export interface FileSourceResponse extends HttpResponseBase {
  readonly filePath: string;
}

/** The file, checked: its stats, and an open descriptor when the body will be read. */
interface CheckedFile {
  stats: Stats;
  fd: number | undefined;
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP']);
const FORBIDDEN_CODES = new Set(['EACCES', 'EPERM']);

/** Turn a filesystem error into the HTTP error a client should see; others stay 500s. */
function toHttpError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && NOT_FOUND_CODES.has(code))
    return new Http404('FileResponse: the file does not exist.', { cause: err });
  if (code !== undefined && FORBIDDEN_CODES.has(code)) {
    return new PermissionDenied('FileResponse: the file is not readable.', { cause: err });
  }
  return err;
}

/**
 * Stat the file and, when its body will be read, open it (then fstat the descriptor, so
 * the size sent is the size of what is read). Only regular files are served: a directory
 * or a FIFO is a 404 (opening a FIFO would block a libuv thread until a writer comes).
 * Without a body (HEAD) the file is only checked for read access, never opened.
 */
async function checkFile(path: string, readBody: boolean): Promise<CheckedFile> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new Http404('FileResponse: the path is not a regular file.');
    if (!readBody) {
      await access(path, constants.R_OK);
      return { stats, fd: undefined };
    }
    const fd = await openFd(path, 'r');
    try {
      return { stats: await fstatFd(fd), fd };
    } catch (err) {
      close(fd, () => {});
      throw err;
    }
  } catch (err) {
    throw toHttpError(err);
  }
}

/** Remove the headers that describe the file's body, for an answer that doesn't carry it. */
function removeContentHeaders(res: ServerResponse): void {
  removeBodyHeaders(res);
  for (const name of ['Content-Disposition', 'Content-Encoding', 'Content-Language', 'Content-Range']) {
    res.removeHeader(name);
  }
}

/**
 * A strong entity-tag from the file's size and modification time, as nginx makes one
 * (`"<mtime seconds hex>-<size hex>"`): the same file gives the same tag on every server, and
 * it is strong (RFC 9110 §8.8.3), so If-Range resumption works under strict comparison.
 */
export function fileEtag(stats: Pick<Stats, 'mtimeMs' | 'size'>): string {
  return `"${Math.floor(stats.mtimeMs / 1000).toString(16)}-${stats.size.toString(16)}"`;
}

/** What to send after the head: a byte range of the file, a short text, or nothing. */
type FileBody = { start: number; end: number } | { text: string } | undefined;

/** Put the outcome's status and headers on `res`; return what body to send. */
function applyOutcome(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  outcome: FileOutcome,
  size: number,
): FileBody {
  switch (outcome.kind) {
    case 'not-modified':
      setStatus(req, res, 304);
      removeContentHeaders(res);
      return undefined;
    case 'precondition-failed':
    case 'unsatisfiable': {
      // RFC 9110 §15.5: a 4xx SHOULD explain itself; a short text/plain body does.
      setStatus(req, res, outcome.kind === 'unsatisfiable' ? 416 : 412);
      removeContentHeaders(res);
      if (outcome.kind === 'unsatisfiable') res.setHeader('Content-Range', `bytes */${size}`);
      const text =
        outcome.kind === 'unsatisfiable' ? rangeNotSatisfiableText(size) : preconditionFailedText(outcome.failed);
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(text));
      return { text };
    }
    case 'partial':
      setStatus(req, res, 206);
      res.setHeader('Content-Range', `bytes ${outcome.start}-${outcome.end}/${size}`);
      return { start: outcome.start, end: outcome.end };
    case 'full':
      return { start: 0, end: size - 1 };
  }
}

/**
 * Write a FileResponse made from a path. The file is stat'ed (and, for a body, opened)
 * before `res` is touched: a missing file rejects with {@link Http404}, an unreadable one
 * with {@link PermissionDenied}, and the headers middleware set (CORS, say) are still there
 * for the error handler. Then: `Last-Modified` and a strong ETag (size and mtime, as nginx) unless the
 * response has them; for a 200, `Accept-Ranges: bytes`, 304 / 412 for conditional
 * requests and 206 / 416 for ranges (412 and 416 with a short text/plain explanation); HEAD gets the same head and no body, the file unopened.
 */
export async function writeFile(
  req: IncomingMessage | undefined,
  res: ServerResponse,
  response: FileSourceResponse,
): Promise<void> {
  const head = prepareHead(req, response);
  const method = req?.method ?? 'GET';
  const bodiless = isBodilessStatus(head.statusCode);
  const file = await checkFile(response.filePath, method !== 'HEAD' && !bodiless);
  const outlet = new Outlet(res);
  try {
    if (outlet.closed) return; // The client left while the file was checked.
    applyHead(req, res, head);
    if (bodiless) {
      removeBodyHeaders(res);
      await outlet.end();
      return;
    }
    const { size } = file.stats;
    if (!res.hasHeader('Last-Modified')) res.setHeader('Last-Modified', file.stats.mtime.toUTCString());
    if (!res.hasHeader('ETag')) res.setHeader('ETag', fileEtag(file.stats));

    let range: FileBody = { start: 0, end: size - 1 };
    // Ranges and conditional requests are about the file itself; a FileResponse with
    // another status (a custom 404 page, say) is sent whole.
    if (head.statusCode === 200 && req !== undefined) {
      if (!res.hasHeader('Accept-Ranges')) res.setHeader('Accept-Ranges', 'bytes');
      const outcome = evaluateFileRequest(
        method,
        req.headers,
        size,
        {
          etag: res.getHeader('ETag') as string | undefined,
          lastModified: parseHttpDate(res.getHeader('Last-Modified') as string | undefined),
          exists: true,
          date: Math.floor(Date.now() / 1000),
        },
        { noCacheRequestsFull: true },
      );
      range = applyOutcome(req, res, outcome, size);
    }
    if (range === undefined) {
      await outlet.end();
      return;
    }
    if ('text' in range) {
      if (method !== 'HEAD' && !outlet.closed) res.write(range.text);
      await outlet.end();
      return;
    }
    const length = range.end - range.start + 1;
    res.setHeader('Content-Length', length);
    res.removeHeader('Transfer-Encoding');
    if (file.fd === undefined || length <= 0) {
      await outlet.end();
      return;
    }

    const stream = createReadStream(response.filePath, {
      fd: file.fd,
      start: range.start,
      end: range.end,
      autoClose: true,
    });
    file.fd = undefined; // The stream owns the descriptor now and closes it when destroyed.
    try {
      await pumpReadable(outlet, stream);
    } finally {
      stream.destroy();
    }
  } finally {
    outlet.dispose();
    if (file.fd !== undefined) close(file.fd, () => {});
  }
}
