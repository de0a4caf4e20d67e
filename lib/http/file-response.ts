import { createReadStream, ReadStream, statSync, type Stats } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDispositionHeader } from './content-disposition.js';
import { baseName, guessContentType } from './file-headers.js';
import { checkOptions, isOptionsObject, optionNames, RESPONSE_INIT_NAMES } from './init-validation.js';
import type { ResponseInit } from './response-base.js';
import { describe } from './describe.js';
import { BadRequest, Http404, PermissionDenied } from './errors.js';
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
  /**
   * The directory a relative `file` is resolved in, as `res.sendFile(path, { root })`: a path
   * whose `..` segments would leave it is a 403 ({@link PermissionDenied}) and the file is never
   * opened; a leading `/` is taken as the root. Only for a path given as a string.
   */
  root?: string | URL;
  /**
   * What to do with a path whose segments (those under `root`, or every one without `root`)
   * include a name starting with a dot, as `send`'s option: `'ignore'` answers 404 as if it
   * did not exist, `'deny'` 403, `'allow'` serves it.
   * @defaultValue `'ignore'` with `root`; without `root`, `'allow'` (Django's FileResponse serves the path the view chose)
   */
  dotfiles?: Dotfiles;
}

/** `send`'s `dotfiles` policy: what a path with a segment starting with a dot gets. */
export type Dotfiles = 'allow' | 'deny' | 'ignore';

const DOTFILES: ReadonlySet<string> = new Set(['allow', 'deny', 'ignore']);

/** `send`'s test for a `..` segment, on the path normalized under the root. */
const UP_PATH = /(?:^|[\\/])\.\.(?:[\\/]|$)/;

/** `send`'s `containsDotFile`: a segment that starts with a dot (`.` alone is not one). */
function containsDotFile(parts: readonly string[]): boolean {
  return parts.some((part) => part.length > 1 && part.startsWith('.'));
}

/** Refuse a dotfile as `policy` says: 404 as if it did not exist, or 403. */
function checkDotfiles(parts: readonly string[], policy: Dotfiles): void {
  if (policy === 'allow' || !containsDotFile(parts)) return;
  if (policy === 'deny') throw new PermissionDenied('FileResponse: the path names a dotfile, which is denied.');
  throw new Http404('FileResponse: the file does not exist.');
}

/**
 * `file` resolved under `root` as `send` resolves it: never outside it (a `..` that would
 * leave it is a {@link PermissionDenied}, a NUL byte a {@link BadRequest}), dotfiles as
 * `policy` says. Only the path is looked at: nothing is read from the disk here.
 */
function resolveUnderRoot(root: string | URL, file: unknown, policy: Dotfiles): string {
  if (typeof file !== 'string') {
    throw new TypeError(
      `FileResponse option root resolves a path given as a string, relative to it, as res.sendFile(path, { root }) does (got ${describe(file)}).`,
    );
  }
  if (typeof root !== 'string' && !(root instanceof URL)) {
    throw new TypeError(`FileResponse option root must be a directory path (got ${describe(root)}).`);
  }
  const rootPath = toFilePath(root, 'root');
  if (file.includes('\0')) throw new BadRequest('FileResponse: the path holds a NUL byte.');
  const relativePath = normalize(`.${sep}${file}`);
  if (UP_PATH.test(relativePath)) throw new PermissionDenied('FileResponse: the path leaves the root directory.');
  checkDotfiles(relativePath.split(sep), policy);
  return join(rootPath, relativePath);
}

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

function toFilePath(file: string | URL, what = 'file'): string {
  if (typeof file === 'string') {
    if (file === '') throw new TypeError(`FileResponse ${what} must not be an empty path.`);
    return resolve(file);
  }
  if (file.protocol !== 'file:') {
    throw new TypeError(`FileResponse ${what} URL must be a file: URL (got ${JSON.stringify(file.href)}).`);
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
 * // A path from the URL, confined to a directory (as res.sendFile(name, { root })):
 * app.get('/files/:name', view((req) => new FileResponse(req.params.name, { root: '/srv/files' })));
 *
 * app.get('/reports/:id', view(async (req) => {
 *   const report = getObjectOr404(await db.reports.find(req.params.id));
 *   return new FileResponse(report.path, { asAttachment: true, filename: `${report.title}.pdf` });
 * }));
 * ```
 */
export class FileResponse extends StreamingHttpResponse {
  static override readonly optionNames: ReadonlySet<string> = optionNames<FileResponseInit>()([
    ...RESPONSE_INIT_NAMES,
    'asAttachment',
    'filename',
    'root',
    'dotfiles',
  ]);

  /** The absolute path of the file when the response was made from a path; read when written. */
  readonly filePath: string | undefined;
  /** The name sent in Content-Disposition (directories stripped), `''` when none is known. */
  readonly filename: string;
  /** Whether Content-Disposition says `attachment`. */
  readonly asAttachment: boolean;

  /**
   * @param file - a filesystem path (string or `file:` URL), a Node `Readable`, or bytes.
   * @param init - the options, or the content type as a string.
   * @throws TypeError for a `file` of another kind, or bad options; with `root` or `dotfiles`,
   *   {@link PermissionDenied} (403) for a path that leaves the root or a denied dotfile,
   *   {@link Http404} for an ignored dotfile, {@link BadRequest} for a NUL byte, before any read.
   */
  constructor(file: FileSource, init?: FileResponseInit | string) {
    const options: FileResponseInit = typeof init === 'string' ? { contentType: init } : (init ?? {});
    if (isOptionsObject(options)) checkOptions(options, FileResponse.optionNames, 'FileResponse');
    const { root, dotfiles } = isOptionsObject(options) ? options : ({} as FileResponseInit);
    if (dotfiles !== undefined && !DOTFILES.has(dotfiles)) {
      throw new TypeError(
        `FileResponse option dotfiles must be "allow", "deny" or "ignore" (got ${describe(dotfiles)}).`,
      );
    }
    let filePath: string | undefined;
    let content: NodeReadableLike | Uint8Array | AsyncIterable<Buffer>;
    if (root !== undefined) {
      filePath = resolveUnderRoot(root, file, dotfiles ?? 'ignore');
      content = lazyFileChunks(filePath);
    } else if (typeof file === 'string' || file instanceof URL) {
      filePath = toFilePath(file);
      if (dotfiles !== undefined) checkDotfiles(filePath.split(sep), dotfiles);
      content = lazyFileChunks(filePath);
    } else if (isNodeReadable(file) || file instanceof Uint8Array) {
      content = file;
    } else {
      throw new TypeError(
        `FileResponse file must be a path, a file: URL, a Node Readable or bytes (got ${describe(file)}).`,
      );
    }
    const { asAttachment, filename, root: _root, dotfiles: _dotfiles, ...responseInit } = options;
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
