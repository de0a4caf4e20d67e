/**
 * What a form view validates: the fields and files a request submitted (Django's
 * `request.POST` and `request.FILES`), from whatever read the body first — `express.urlencoded()`,
 * `express.json()`, multer — or, when nothing has, read here: urlencoded and JSON with
 * `raw-body`, multipart with `busboy`.
 */
import type { Request } from 'express';
import busboy from 'busboy';
import getRawBody from 'raw-body';
import { BadRequest } from '../../http/errors.js';

/** A file a form submitted, held in memory (Django's `UploadedFile`). */
export interface UploadedFile {
  /** The form field it came in. */
  fieldName: string;
  /** The name the client gave it (Django's `name`). */
  filename: string;
  /** Its media type as the client sent it (Django's `content_type`). */
  mimeType: string;
  /** Its bytes. */
  content: Buffer;
  /** Its size in bytes. */
  size: number;
}

/** The fields and files a request submitted. */
export interface SubmittedData {
  /** Field values: a string for one value, an array for a repeated field; anything for JSON. */
  data: Record<string, unknown>;
  /** Files by field name. */
  files: Record<string, UploadedFile | UploadedFile[]>;
}

/** Limits of {@link readSubmittedData}, as Django's `DATA_UPLOAD_MAX_MEMORY_SIZE`. */
export interface SubmittedDataLimits {
  /** The most bytes of a urlencoded or JSON body, or of one uploaded file. @defaultValue 2621440 (2.5 MiB, Django's) */
  maxBytes?: number;
}

const URLENCODED = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i;
const MULTIPART = /^multipart\/form-data\s*(?:;|$)/i;

function add(target: Record<string, unknown>, name: string, value: unknown): void {
  const existing = target[name];
  if (existing === undefined) target[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[name] = [existing, value];
}

/** Files multer left on the request (`req.file`, `req.files` as an array or by field). */
function multerFiles(req: Request): Record<string, UploadedFile | UploadedFile[]> {
  const files: Record<string, unknown> = {};
  interface MulterFile {
    fieldname: string;
    originalname: string;
    mimetype: string;
    buffer?: Buffer;
    size: number;
  }
  const holder = req as unknown as { file?: MulterFile; files?: MulterFile[] | Record<string, MulterFile[]> };
  const list: MulterFile[] = [];
  if (holder.file) list.push(holder.file);
  if (Array.isArray(holder.files)) list.push(...holder.files);
  else if (holder.files) for (const group of Object.values(holder.files)) list.push(...group);
  for (const file of list) {
    const content = file.buffer ?? Buffer.alloc(0);
    add(files, file.fieldname, {
      fieldName: file.fieldname,
      filename: file.originalname,
      mimeType: file.mimetype,
      content,
      size: file.size,
    } satisfies UploadedFile);
  }
  return files as Record<string, UploadedFile | UploadedFile[]>;
}

function readMultipart(req: Request, maxBytes: number): Promise<SubmittedData> {
  return new Promise((resolve, reject) => {
    const data: Record<string, unknown> = {};
    const files: Record<string, unknown> = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, fieldSize: maxBytes } });
    } catch (err) {
      reject(new BadRequest(`The multipart body cannot be read: ${(err as Error).message}.`, { cause: err }));
      return;
    }
    parser.on('field', (name, value) => add(data, name, value));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        reject(new BadRequest(`The uploaded file ${JSON.stringify(info.filename)} is over ${maxBytes} bytes.`)),
      );
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        add(files, name, {
          fieldName: name,
          filename: info.filename,
          mimeType: info.mimeType,
          content,
          size: content.length,
        });
      });
    });
    parser.on('error', (err: Error) =>
      reject(new BadRequest(`The multipart body cannot be read: ${err.message}.`, { cause: err })),
    );
    parser.on('close', () => resolve({ data, files: files as SubmittedData['files'] }));
    req.pipe(parser);
  });
}

/** Whether Express (body-parser, multer) has read the body already. */
function bodyAlreadyRead(req: Request): boolean {
  const flagged = (req as unknown as { _body?: boolean })._body === true;
  return flagged || req.readableEnded;
}

/**
 * The fields and files `req` submitted. Uses `req.body` (and multer's `req.file`/`req.files`)
 * when Express has read the body; otherwise reads it by its content type: urlencoded (a
 * repeated field becomes an array), JSON (an object) or multipart (fields and files, in memory).
 *
 * @throws BadRequest when the body is malformed or over `maxBytes`.
 */
export async function readSubmittedData(req: Request, limits: SubmittedDataLimits = {}): Promise<SubmittedData> {
  const maxBytes = limits.maxBytes ?? 2.5 * 1024 * 1024;
  const parsed = req.body as unknown;
  if (bodyAlreadyRead(req) || typeof (req as unknown as { pipe?: unknown }).pipe !== 'function') {
    const data = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
    return { data, files: multerFiles(req) };
  }
  const type = req.headers['content-type'] ?? '';
  if (MULTIPART.test(type)) return readMultipart(req, maxBytes);
  if (!URLENCODED.test(type) && !JSON_TYPE.test(type)) return { data: {}, files: {} };
  let text: string;
  try {
    text = await getRawBody(req, { limit: maxBytes, encoding: 'utf8' });
  } catch (err) {
    throw new BadRequest(`The request body cannot be read: ${(err as Error).message}.`, { cause: err });
  }
  if (URLENCODED.test(type)) {
    const data: Record<string, unknown> = {};
    for (const [name, value] of new URLSearchParams(text)) add(data, name, value);
    return { data, files: {} };
  }
  if (text.trim() === '') return { data: {}, files: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new BadRequest(`The JSON body cannot be parsed: ${(err as Error).message}.`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest(
      `A form's JSON body must be an object of fields (got ${Array.isArray(value) ? 'an array' : typeof value}).`,
    );
  }
  return { data: value as Record<string, unknown>, files: {} };
}
