import { decodeText, DEFAULT_CHARSET } from './charset.js';
import type { Writable } from 'node:stream';
import { HttpResponseBase, notAContentType, type ResponseInit } from './response-base.js';
import { createBodyWritable } from './response-writable.js';
import type { HeadersInit } from './headers.js';
import { constructorInit, optionsGivenAsContent } from './init-validation.js';
import { describe } from './describe.js';

/** The content of an {@link HttpResponse}: text, bytes, or an iterable of them (joined at once). */
export type Body = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * The content of `response` when it is text not encoded yet, which is to go out as UTF-8;
 * else `undefined` (read `content`). Also `undefined` for a class whose own `content` getter
 * would answer differently, and for a response of another copy of this package.
 */
export let unencodedText: (response: HttpResponse) => string | undefined;

/** The chunks of a body without bytes yet, shared by every such response: frozen, never pushed to. */
const NO_CHUNKS = Object.freeze([]) as unknown as Buffer[];

/** Per prototype: whether reading `content` there is this class's getter. */
const ownContentReaders = new WeakMap<object, boolean>();

function readsOwnContent(response: HttpResponse): boolean {
  const proto = Object.getPrototypeOf(response) as object;
  if (proto === HttpResponse.prototype) return true;
  let answer = ownContentReaders.get(proto);
  if (answer === undefined) {
    let holder: object | null = proto;
    while (holder !== null && !Object.prototype.hasOwnProperty.call(holder, 'content')) {
      holder = Object.getPrototypeOf(holder) as object | null;
    }
    answer = holder === HttpResponse.prototype;
    ownContentReaders.set(proto, answer);
  }
  return answer;
}

/**
 * A response whose body is held in memory (Django's `HttpResponse`). Text is encoded with
 * the response's charset when it is assigned.
 *
 * @example
 * ```ts
 * app.get('/hello', view(() => new HttpResponse('<h1>Hello</h1>')));
 * const csv = new HttpResponse('', 'text/csv');
 * csv.write('a,b\n');
 * ```
 */
export class HttpResponse extends HttpResponseBase {
  #chunks: Buffer[] = NO_CHUNKS;
  #length = 0;
  /**
   * Content given as one string in UTF-8, not encoded yet: the adapter may write it as text, in
   * one piece with the head, which saves encoding it here and a second buffer on the socket.
   * Encoded by the first read of the bytes (and by a write), with UTF-8 whatever the charset by
   * then, as an assignment encodes it at once.
   */
  #text: string | undefined;

  /**
   * @param content - text, bytes or an iterable of them; numbers are written as text.
   * @param init - the options, or the content type as a string (Django's positional `content_type`).
   */
  constructor(content?: Body | number, init?: ResponseInit | string | null);
  /**
   * Django's positional order, `HttpResponse(content, content_type, status, reason, charset,
   * headers)`, optionally ending with an options object for Django's keyword arguments:
   * `new HttpResponse(data, 'application/json', { status: 201 })`. `null` or `undefined`
   * leaves an argument at its default.
   *
   * @throws TypeError for an argument given both ways, or one too many.
   */
  constructor(
    content: Body | number | undefined,
    contentType: string | null | undefined,
    status?: number | null | ResponseInit,
    reason?: string | null | ResponseInit,
    charset?: string | null | ResponseInit,
    headers?: HeadersInit | null,
    options?: ResponseInit,
  );
  constructor(
    content?: Body | number,
    init?: ResponseInit | string | null,
    status?: unknown,
    reason?: unknown,
    charset?: unknown,
    headers?: unknown,
    extra?: unknown,
  ) {
    if (typeof init === 'string' && typeof content === 'number' && !init.includes('/')) {
      // Express's order, res.status(404).send('Not found'), ported as new HttpResponse(404, 'Not found').
      throw notAContentType(new.target.name, init, String(content));
    }
    super(constructorInit(new.target, 'content', init, status, reason, charset, headers, extra));
    this.content = content as Body;
  }

  /** The body as bytes. Setting it accepts any {@link Body} and encodes text with {@link HttpResponseBase.charset}. */
  get content(): Buffer {
    if (this.#text !== undefined) this.#encodeText();
    if (this.#chunks.length !== 1) {
      const joined = Buffer.concat(this.#chunks, this.#length);
      this.#chunks = [joined];
    }
    return this.#chunks[0] as Buffer;
  }
  set content(value: Body) {
    if (typeof value === 'string' && this.charset === DEFAULT_CHARSET) {
      this.#chunks = NO_CHUNKS;
      this.#length = 0;
      this.#text = value;
      return;
    }
    const chunks: Buffer[] = [];
    this.#text = undefined;
    if (value === undefined || value === null) {
      // no body
    } else if (typeof value === 'string' || value instanceof Uint8Array || typeof value !== 'object') {
      chunks.push(this.toBytes(value));
    } else if (value instanceof ArrayBuffer) {
      chunks.push(Buffer.from(value));
    } else if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const chunk of value as Iterable<unknown>) chunks.push(this.toBytes(chunk));
    } else if (Symbol.asyncIterator in value || typeof (value as { getReader?: unknown }).getReader === 'function') {
      throw new TypeError(
        `${this.constructor.name} content can't be a stream or an async iterable; use StreamingHttpResponse for it (got ${describe(value)}).`,
      );
    } else {
      const fix = optionsGivenAsContent(this.constructor.name, value);
      if (fix !== undefined) {
        throw new TypeError(
          `${this.constructor.name}'s first argument is the content; options go second: ${fix} (got ${describe(value)} as the content).`,
        );
      }
      throw new TypeError(
        `${this.constructor.name} content must be a string, bytes or an iterable of them; use JsonResponse to send an object as JSON (got ${describe(value)}).`,
      );
    }
    this.#chunks = chunks;
    this.#length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** The body decoded with {@link HttpResponseBase.charset}. */
  get text(): string {
    return decodeText(this.content, this.charset);
  }

  /** Append `chunk` to the body (encoded with the charset). */
  override write(chunk: string | Uint8Array): void {
    if (this.#text !== undefined) this.#encodeText();
    const bytes = this.toBytes(chunk);
    if (this.#chunks === NO_CHUNKS) this.#chunks = [];
    this.#chunks.push(bytes);
    this.#length += bytes.length;
  }

  /** Append each of `lines` to the body; no separators are added. */
  override writelines(lines: Iterable<string | Uint8Array>): void {
    for (const line of lines) this.write(line);
  }

  /** The body's length in bytes. */
  override tell(): number {
    return this.#text === undefined ? this.#length : Buffer.byteLength(this.#text, 'utf8');
  }

  #encodeText(): void {
    const bytes = Buffer.from(this.#text as string, 'utf8');
    this.#text = undefined;
    this.#chunks = [bytes];
    this.#length = bytes.length;
  }

  static {
    unencodedText = (response) => {
      if (!(#text in response) || response.#text === undefined) return undefined;
      return readsOwnContent(response) ? response.#text : undefined;
    };
  }

  /** The body as bytes, as a file's `getvalue()`. */
  getvalue(): Buffer {
    return this.content;
  }

  /** `true`: `write()` appends to the body. */
  override writable(): boolean {
    return true;
  }

  /**
   * A Node `Writable` whose every chunk is appended to the body, so a stream can be piped
   * into the response as Django code passes the response to `csv.writer(response)`. Text is
   * encoded with the response's charset, as by {@link HttpResponse.write}; bytes pass
   * through. Each call returns a new view of the same body. (`writable()` is Django's and
   * answers `true`; this is the stream.)
   *
   * @example
   * ```ts
   * import { pipeline } from 'node:stream/promises';
   * import { stringify } from 'csv-stringify';
   *
   * app.get('/export.csv', view(async () => {
   *   const response = new HttpResponse('', { contentType: 'text/csv' });
   *   response.set('Content-Disposition', 'attachment; filename="export.csv"');
   *   await pipeline(stringify(rows), response.asWritable());
   *   return response;
   * }));
   * ```
   */
  asWritable(): Writable {
    return createBodyWritable(this);
  }

  /** The body as bytes, encoding text with this response's charset (Django's `make_bytes`). */
  protected toBytes(value: unknown): Buffer {
    // Booleans are written as text here too, as Django's str() does; streamed chunks refuse them.
    return this.makeBytes(typeof value === 'boolean' ? String(value) : value, 'content');
  }
}

/** 400 Bad Request. */
export class HttpResponseBadRequest extends HttpResponse {
  static override readonly status: number = 400;
}

/** 403 Forbidden. */
export class HttpResponseForbidden extends HttpResponse {
  static override readonly status: number = 403;
}

/** 404 Not Found. */
export class HttpResponseNotFound extends HttpResponse {
  static override readonly status: number = 404;
}

/** 410 Gone. */
export class HttpResponseGone extends HttpResponse {
  static override readonly status: number = 410;
}

/** 500 Internal Server Error. */
export class HttpResponseServerError extends HttpResponse {
  static override readonly status: number = 500;
}

/**
 * 405 Method Not Allowed, with `Allow` listing `permittedMethods` in the order given.
 *
 * @example
 * ```ts
 * return new HttpResponseNotAllowed(['GET', 'POST']); // Allow: GET, POST
 * ```
 */
export class HttpResponseNotAllowed extends HttpResponse {
  static override readonly status: number = 405;

  constructor(permittedMethods: readonly string[], content?: Body, init?: ResponseInit | string) {
    super(content, init);
    if (!Array.isArray(permittedMethods) || !permittedMethods.every((method) => typeof method === 'string')) {
      throw new TypeError(
        `HttpResponseNotAllowed needs the permitted methods as an array of strings (got ${describe(permittedMethods)}).`,
      );
    }
    this.headers.set('Allow', permittedMethods.join(', '));
  }

  protected override reprExtra(): string {
    return ` [${this.headers.get('Allow') ?? ''}]`;
  }
}

/**
 * 304 Not Modified: no body may be set and no Content-Type is sent, whatever the options say.
 */
export class HttpResponseNotModified extends HttpResponse {
  static override readonly status: number = 304;

  constructor(init?: ResponseInit | string) {
    super(undefined, init);
    this.headers.delete('Content-Type');
  }

  override get content(): Buffer {
    return super.content;
  }
  override set content(value: Body) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value !== '') && !isEmptyBytes(value)) {
      throw new TypeError('You cannot set content to a 304 (Not Modified) response.');
    }
    super.content = '';
  }

  /** @throws TypeError: a 304 has no body. */
  override write(chunk: string | Uint8Array): void {
    if (chunk === '' || isEmptyBytes(chunk)) return;
    throw new TypeError('You cannot write content to a 304 (Not Modified) response.');
  }
}

/** Empty bytes or an empty array: content Django's `if value:` lets a 304 have. */
function isEmptyBytes(value: unknown): boolean {
  return (value instanceof Uint8Array && value.byteLength === 0) || (Array.isArray(value) && value.length === 0);
}
