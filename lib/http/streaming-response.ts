import { HttpResponseBase, type ResponseInit } from './response-base.js';
import { openChunkSource, type StreamingContent } from './streaming-content.js';
import type { HeadersInit } from './headers.js';
import { constructorInit } from './init-validation.js';

export type { NodeReadableLike, StreamingChunk, StreamingContent } from './streaming-content.js';

/** The content of a streaming response as bytes: sync when `isAsync` is false, else async. */
export type StreamingBody = Iterable<Buffer> | AsyncIterable<Buffer>;

/**
 * A response whose body is produced while it is sent (Django's `StreamingHttpResponse`):
 * CSV exports, reports, server-sent events. The content is pulled once, no faster than
 * the client reads it, and released by {@link HttpResponseBase.close} when the response
 * ends, fails or the client goes away.
 *
 * The content may be a sync iterable, an async iterable (an async generator, say), a Node
 * `Readable` or a web `ReadableStream`, of strings (encoded with the response's charset)
 * or bytes. A string or bytes given directly is sent as one chunk.
 *
 * @example
 * ```ts
 * app.get('/export.csv', view(() => new StreamingHttpResponse(
 *   (async function* () {
 *     yield 'id,name\n';
 *     for await (const user of db.users.cursor()) yield `${user.id},${user.name}\n`;
 *   })(),
 *   { contentType: 'text/csv' },
 * )));
 * ```
 */
export class StreamingHttpResponse extends HttpResponseBase {
  #iterator: Iterator<unknown> | AsyncIterator<unknown> = [][Symbol.iterator]();
  #isAsync = false;

  /**
   * @param streamingContent - what to stream. @defaultValue an empty list
   * @param init - the options, or the content type as a string (Django's positional `content_type`).
   * @throws TypeError when `streamingContent` can't be streamed.
   */
  constructor(streamingContent?: StreamingContent, init?: ResponseInit | string | null);
  /**
   * Django's positional order, `StreamingHttpResponse(streaming_content, content_type, status,
   * reason, charset, headers)`, optionally ending with an options object, as for
   * `HttpResponse`.
   *
   * @throws TypeError for an argument given both ways, or one too many.
   */
  constructor(
    streamingContent: StreamingContent | undefined,
    contentType: string | null | undefined,
    status?: number | null | ResponseInit,
    reason?: string | null | ResponseInit,
    charset?: string | null | ResponseInit,
    headers?: HeadersInit | null,
    options?: ResponseInit,
  );
  constructor(
    streamingContent: StreamingContent = [],
    init?: ResponseInit | string | null,
    status?: unknown,
    reason?: unknown,
    charset?: unknown,
    headers?: unknown,
    extra?: unknown,
  ) {
    super(constructorInit(new.target, 'streamingContent', init, status, reason, charset, headers, extra));
    this.streamingContent = streamingContent;
  }

  /** `true`: the body is pulled from {@link StreamingHttpResponse.streamingContent} while it is sent. */
  override get streaming(): boolean {
    return true;
  }

  /** Whether the content is asynchronous (an async iterable or a stream). */
  get isAsync(): boolean {
    return this.#isAsync;
  }

  /**
   * The content as bytes, pulled lazily and only once: a second pass yields what the
   * first left. An `Iterable<Buffer>` when {@link StreamingHttpResponse.isAsync} is false,
   * else an `AsyncIterable<Buffer>` (`for await` reads either).
   *
   * Setting it replaces the content; what the previous content holds is still released
   * by {@link HttpResponseBase.close} (as in Django).
   */
  get streamingContent(): StreamingBody {
    const iterator = this.#iterator;
    const toBytes = (chunk: unknown): Buffer => this.toBytes(chunk);
    if (this.#isAsync) {
      const source = iterator as AsyncIterator<unknown>;
      return {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<Buffer>> => {
            const result = await source.next();
            return result.done ? { done: true, value: undefined } : { done: false, value: toBytes(result.value) };
          },
        }),
      };
    }
    const source = iterator as Iterator<unknown>;
    return {
      [Symbol.iterator]: () => ({
        next: (): IteratorResult<Buffer> => {
          const result = source.next();
          return result.done ? { done: true, value: undefined } : { done: false, value: toBytes(result.value) };
        },
      }),
    };
  }
  set streamingContent(value: StreamingContent) {
    const source = openChunkSource(value);
    this.#iterator = source.iterator;
    this.#isAsync = source.isAsync;
    this.addResourceCloser(source.release);
  }

  /** @throws TypeError: a streaming response has no `content`; use `streamingContent`. */
  get content(): never {
    throw new TypeError(
      `This ${this.constructor.name} instance has no \`content\` attribute. Use \`streamingContent\` instead.`,
    );
  }
  set content(_value: unknown) {
    throw new TypeError(
      `This ${this.constructor.name} instance has no \`content\` attribute. Use \`streamingContent\` instead.`,
    );
  }

  /** @throws TypeError: a streaming response has no `text`; use `streamingContent`. */
  get text(): never {
    throw new TypeError(
      `This ${this.constructor.name} instance has no \`text\` attribute. Use \`streamingContent\` instead.`,
    );
  }

  /**
   * The whole content as bytes, consuming it (Django's `getvalue()`).
   *
   * @throws TypeError when the content is asynchronous: use {@link StreamingHttpResponse.agetvalue}.
   */
  getvalue(): Buffer {
    if (this.#isAsync) {
      throw new TypeError(
        `This ${this.constructor.name} has asynchronous content, which getvalue() can't read synchronously. Use \`await response.agetvalue()\` instead.`,
      );
    }
    return Buffer.concat(Array.from(this.streamingContent as Iterable<Buffer>));
  }

  /** The whole content as bytes, consuming it; works for sync and async content. */
  async agetvalue(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.streamingContent) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** A chunk as bytes (Django's `make_bytes`): text is encoded with the charset, numbers written as text. */
  protected toBytes(chunk: unknown): Buffer {
    return this.makeBytes(chunk, 'streamingContent');
  }
}
