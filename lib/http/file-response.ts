import { createReadStream, ReadStream, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDispositionHeader } from './content-disposition.js';
import { baseName, guessContentType } from './file-headers.js';
import { checkOptions, isOptionsObject, RESPONSE_INIT_FIELDS } from './init-validation.js';
import type { ResponseInit } from './response-base.js';
import { describe } from './describe.js';
import { isNodeReadable, type NodeReadableLike } from './streaming-content.js';
import { StreamingHttpResponse } from './streaming-response.js';

/** The options of a {@link FileResponse}: a response's options plus Django's two. */
export interface FileResponseInit extends ResponseInit {
  /** Ask the browser to save the file (`attachment`) rather than show it (`inline`). @defaultValue `false` */
  asAttachment?: boolean;
  /**
   * The name the client sees, and the name the Content-Type is guessed from; directories
   * are stripped. @defaultValue the file's own name, if it has one
   */
  filename?: string;
}

const FILE_RESPONSE_FIELDS: ReadonlySet<string> = new Set([...RESPONSE_INIT_FIELDS, 'asAttachment', 'filename']);

/** What a {@link FileResponse} sends: a filesystem path (string or `file:` URL), a Node `Readable`, or bytes. */
export type FileSource = string | URL | NodeReadableLike | Uint8Array;

/** A file read lazily: opened on the first `next()`, destroyed by `return()`. */
function lazyFileChunks(path: string): AsyncIterable<Buffer> & AsyncIterator<Buffer> {
  let stream: ReadStream | undefined;
  let chunks: AsyncIterator<Buffer> | undefined;
  let finished = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (finished) return Promise.resolve({ done: true, value: undefined });
      stream ??= createReadStream(path);
      chunks ??= stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      return chunks.next();
    },
    return() {
      finished = true;
      stream?.destroy();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

/** The byte count an `fs.ReadStream` will produce, from its file's size and its start/end. */
function readStreamLength(stream: ReadStream): number | undefined {
  if (typeof stream.path !== 'string') return undefined;
  let stats: Stats | undefined;
  try {
    stats = statSync(stream.path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  // A pipe or a device has no meaningful size (Django: a FIFO gets no Content-Length).
  if (!stats?.isFile()) return undefined;
  const { start, end } = stream as unknown as { start?: number; end?: number };
  const from = typeof start === 'number' ? start : 0;
  const to = typeof end === 'number' && Number.isFinite(end) ? Math.min(end + 1, stats.size) : stats.size;
  return Math.max(0, to - from - stream.bytesRead);
}

function toFilePath(file: string | URL): string {
  if (typeof file === 'string') {
    if (file === '') throw new TypeError('FileResponse file must not be an empty path.');
    return resolve(file);
  }
  if (file.protocol !== 'file:') {
    throw new TypeError(`FileResponse file URL must be a file: URL (got ${JSON.stringify(file.href)}).`);
  }
  return fileURLToPath(file);
}

/**
 * A streaming response that sends a file (Django's `FileResponse`), as fast as Express's
 * `res.sendFile` and in flat memory.
 *
 * `file` is a filesystem path (a string or `file:` URL), a Node `Readable`, or bytes.
 * Content-Type is guessed from the file name (a compressed suffix such as `.gz` gives the
 * compression's type, as Django does) unless `contentType` is given; Content-Disposition
 * is `attachment` with `asAttachment`, `inline` when only a name is known; Content-Length
 * is set when the size is knowable.
 *
 * For a path, the file is checked and measured when the response is written, not here:
 * a missing file becomes an {@link Http404} and an unreadable one a {@link PermissionDenied}
 * through Express's error path, before any header is sent. Written from a path, the
 * response also answers byte ranges (206, `Accept-Ranges: bytes`, 416 when unsatisfiable),
 * sets `Last-Modified` and an ETag (unless the response already has them), answers
 * conditional requests (304, 412), and answers HEAD without opening the file.
 *
 * @example
 * ```ts
 * app.get('/reports/:id', view(async (req) => {
 *   const report = getObjectOr404(await db.reports.find(req.params.id));
 *   return new FileResponse(report.path, { asAttachment: true, filename: `${report.title}.pdf` });
 * }));
 * ```
 */
export class FileResponse extends StreamingHttpResponse {
  /** The absolute path of the file when the response was made from a path; read when written. */
  readonly filePath: string | undefined;
  /** The name sent in Content-Disposition (directories stripped), `''` when none is known. */
  readonly filename: string;
  /** Whether Content-Disposition says `attachment`. */
  readonly asAttachment: boolean;

  /**
   * @param file - a filesystem path (string or `file:` URL), a Node `Readable`, or bytes.
   * @param init - the options, or the content type as a string.
   * @throws TypeError for a `file` of another kind, or bad options.
   */
  constructor(file: FileSource, init?: FileResponseInit | string) {
    const options: FileResponseInit = typeof init === 'string' ? { contentType: init } : (init ?? {});
    let filePath: string | undefined;
    let content: NodeReadableLike | Uint8Array | AsyncIterable<Buffer>;
    if (typeof file === 'string' || file instanceof URL) {
      filePath = toFilePath(file);
      content = lazyFileChunks(filePath);
    } else if (isNodeReadable(file) || file instanceof Uint8Array) {
      content = file;
    } else {
      throw new TypeError(
        `FileResponse file must be a path, a file: URL, a Node Readable or bytes (got ${describe(file)}).`,
      );
    }
    if (isOptionsObject(options)) checkOptions(options, FILE_RESPONSE_FIELDS, 'FileResponse');
    const { asAttachment, filename, ...responseInit } = options;
    if (filename !== undefined && typeof filename !== 'string') {
      throw new TypeError(`FileResponse option filename must be a string (got ${describe(filename)}).`);
    }
    if (asAttachment !== undefined && typeof asAttachment !== 'boolean') {
      throw new TypeError(`FileResponse option asAttachment must be true or false (got ${describe(asAttachment)}).`);
    }
    super(content, isOptionsObject(options) ? responseInit : options);
    this.filePath = filePath;
    this.asAttachment = asAttachment === true;
    this.filename = baseName(filename || (filePath ?? readablePath(file)));
    this.#setHeaders(file, options);
  }

  /** Django's `set_headers`: Content-Type, Content-Length and Content-Disposition, in that order. */
  #setHeaders(file: FileSource, options: FileResponseInit): void {
    const defaultType = `text/html; charset=${this.charset}`;
    const explicitType = options.contentType !== undefined || this.headers.get('Content-Type') !== defaultType;
    if (!explicitType) this.headers.set('Content-Type', guessContentType(this.filename));
    const length =
      file instanceof Uint8Array ? file.byteLength : file instanceof ReadStream ? readStreamLength(file) : undefined;
    if (length !== undefined) this.headers.set('Content-Length', length);
    const disposition = contentDispositionHeader(this.asAttachment, this.filename);
    if (disposition !== null) this.headers.set('Content-Disposition', disposition);
  }
}

/** The file name of a stream that has one (`fs.createReadStream(path)`), else `''`. */
function readablePath(file: FileSource): string {
  const path = (file as { path?: unknown }).path;
  return typeof path === 'string' ? path : '';
}
