/**
 * The `csrfmiddlewaretoken` field of a form body, read without taking the body from the app:
 * the bytes read are put back on the request (`unshift`) before the request goes on, so the
 * app's own parser (`express.urlencoded()`, multer, busboy, formidable …) reads the whole body
 * after the check. Written here rather than with raw-body, which reads a stream to its end
 * and leaves it ended, so nothing could read it again.
 */
import type { Request } from 'express';
import busboy from 'busboy';

/** Django's form field for the token. */
export const CSRF_FIELD = 'csrfmiddlewaretoken';

/** What reading the form gave: the field's value (`''` when absent), or that the body is too large to search. */
export type FormToken = string | typeof BODY_TOO_LARGE;

/** The body was larger than the limit before the token was found. */
export const BODY_TOO_LARGE = Symbol('body too large');

/** The media type of the request body, lower case, without parameters. */
function mediaType(req: Request): string {
  const type = req.headers['content-type'];
  return type === undefined ? '' : type.split(';', 1)[0]!.trim().toLowerCase();
}

/** The field from a body a parser already produced (`req.body`), the last value when repeated, as Django's `QueryDict.get`. */
function parsedField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, CSRF_FIELD)) return undefined;
  const value = (body as Record<string, unknown>)[CSRF_FIELD];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const last: unknown = value.at(-1);
    return typeof last === 'string' ? last : '';
  }
  return '';
}

/** Whether nothing has read the body yet, and there is one to read. */
function unread(req: Request): boolean {
  if (req.readableEnded || req.readableDidRead || !req.readable) return false;
  // A parser that ran (body-parser marks req._body) took the body even if it left no field.
  if ((req as { _body?: unknown })._body === true) return false;
  return req.headers['content-length'] !== '0';
}

/**
 * Whether the stream has received its last byte: `complete` on Node's IncomingMessage; on
 * other readables (light-my-request's, in tests) the stream state raw-body reads too.
 */
function received(req: Request): boolean {
  const complete = (req as { complete?: unknown }).complete;
  if (typeof complete === 'boolean') return complete;
  return (req as { _readableState?: { ended?: boolean } })._readableState?.ended === true;
}

type PeekEnd = 'found' | 'end' | 'too-large' | 'failed';

/**
 * Read `req` chunk by chunk, handing each to `onChunk` until it returns true, the body ends,
 * or more than `limit` bytes were read; then put every byte read back at the front of `req`.
 * 'end' is never emitted meanwhile: `read()` only runs while bytes are buffered, and a last
 * `read()` that schedules 'end' is followed, in the same tick, by the `unshift` that cancels it.
 */
function peek(req: Request, limit: number, onChunk: (chunk: Buffer) => boolean): Promise<PeekEnd> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (how: PeekEnd): void => {
      if (done) return;
      done = true;
      req.removeListener('readable', onReadable);
      req.removeListener('error', onFailure);
      req.removeListener('close', onClose);
      if (size > 0 && !req.destroyed) req.unshift(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      // Removing the last 'readable' listener hands the stream back (flowing: null) on the next
      // tick; the request goes on after that, so a parser's 'data' listener starts it again.
      setImmediate(resolve, how);
    };
    const onReadable = (): void => {
      while (req.readableLength > 0) {
        const chunk = req.read() as Buffer | string | null;
        if (chunk === null) break;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
        chunks.push(bytes);
        size += bytes.length;
        if (onChunk(bytes)) return finish('found');
        if (size > limit) return finish('too-large');
      }
      if (received(req) && req.readableLength === 0) finish('end');
    };
    const onFailure = (): void => finish('failed');
    const onClose = (): void => {
      if (!received(req)) finish('failed');
    };
    req.on('readable', onReadable);
    req.on('error', onFailure);
    req.on('close', onClose);
  });
}

/** The token of a urlencoded body: the whole body is needed, since Django takes the field's last value. */
async function urlencodedToken(req: Request, limit: number): Promise<FormToken> {
  const chunks: Buffer[] = [];
  const end = await peek(req, limit, (chunk) => {
    chunks.push(chunk);
    return false;
  });
  if (end === 'too-large') return BODY_TOO_LARGE;
  if (end === 'failed') return '';
  // Django decodes the body as UTF-8 and splits on '&' only, as URLSearchParams does.
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8')).getAll(CSRF_FIELD).at(-1) ?? '';
}

/** The token of a multipart body: its first `csrfmiddlewaretoken` field, read past any file parts before it. */
async function multipartToken(req: Request, limit: number): Promise<FormToken> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fieldSize: 1024 } });
  } catch {
    return ''; // no boundary: not a form Django could read either
  }
  let token: string | undefined;
  let broken = false;
  parser.on('field', (name, value) => {
    if (name === CSRF_FIELD && token === undefined) token = value;
  });
  parser.on('file', (_name, file) => {
    file.on('error', () => undefined);
    file.resume();
  });
  parser.on('error', () => {
    broken = true;
  });
  const end = await peek(req, limit, (chunk) => {
    parser.write(chunk);
    return token !== undefined || broken;
  });
  parser.removeAllListeners('field');
  parser.on('error', () => undefined);
  parser.destroy();
  if (token !== undefined) return token;
  return end === 'too-large' ? BODY_TOO_LARGE : '';
}

/**
 * Django's `request.POST.get("csrfmiddlewaretoken", "")` for a POST: the field of a
 * urlencoded or multipart body, from `req.body` when a parser ran before, else read from the
 * stream and put back. `''` when there is none (another content type, a compressed body, a
 * body already read by something that kept no field, a broken upload).
 *
 * @param limit - the most bytes read looking for the token; beyond it {@link BODY_TOO_LARGE}.
 */
export async function readFormToken(req: Request, limit: number): Promise<FormToken> {
  const type = mediaType(req);
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return '';
  const parsed = parsedField(req.body);
  if (parsed !== undefined) return parsed;
  if (!unread(req)) return '';
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return '';
  return type === 'multipart/form-data' ? multipartToken(req, limit) : urlencodedToken(req, limit);
}
