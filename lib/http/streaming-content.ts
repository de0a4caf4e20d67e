/**
 * Turning whatever a {@link StreamingHttpResponse} is given (an iterable, an async
 * iterable, a Node `Readable`, a web `ReadableStream`) into one iterator, and a way to
 * release the source without reading it.
 */
import { describe } from './describe.js';

/** One piece of streamed content: text (encoded with the response's charset) or bytes. */
export type StreamingChunk = string | Uint8Array;

/** A Node readable stream, as far as streaming needs one (`stream.Readable` and look-alikes). */
export interface NodeReadableLike extends AsyncIterable<unknown> {
  /** `Readable.prototype.pipe`: present on every Node readable stream. */
  pipe: (...args: never[]) => unknown;
  /** `EventEmitter.prototype.on`. */
  on: (...args: never[]) => unknown;
  /** Stops the stream and releases what it holds (a file descriptor, a socket). */
  destroy: (error?: Error) => unknown;
}

/** What a {@link StreamingHttpResponse} streams. */
export type StreamingContent =
  | StreamingChunk
  | Iterable<StreamingChunk>
  | AsyncIterable<StreamingChunk>
  | NodeReadableLike
  | ReadableStream<StreamingChunk>;

/** The source of a streaming response, ready to be pulled once. */
export interface ChunkSource {
  /** Pulls the raw chunks; single pass. */
  readonly iterator: Iterator<unknown> | AsyncIterator<unknown>;
  /** Whether `iterator.next()` returns promises. */
  readonly isAsync: boolean;
  /** Stop the source without reading further: destroy, cancel or `return()`. Best effort. */
  readonly release: () => void;
}

const ignore = (): void => {};

/** Whether `value` is a Node readable stream (duck-typed: readable-stream copies count too). */
export function isNodeReadable(value: unknown): value is NodeReadableLike {
  const candidate = value as Partial<NodeReadableLike> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.pipe === 'function' &&
    typeof candidate.on === 'function' &&
    typeof candidate.destroy === 'function' &&
    typeof candidate[Symbol.asyncIterator] === 'function'
  );
}

/** Whether `value` is a web `ReadableStream` (from any realm). */
export function isWebReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReadableStream).getReader === 'function' &&
    typeof (value as ReadableStream).cancel === 'function'
  );
}

/** An async iterator over a web stream's reader; `return()` cancels the stream. */
function readerIterator(stream: ReadableStream<unknown>): ChunkSource {
  if (stream.locked) {
    throw new TypeError(
      'StreamingHttpResponse streamingContent is a ReadableStream that is already locked to a reader; pass a stream nobody reads.',
    );
  }
  const reader = stream.getReader();
  const cancel = (): void => {
    // cancel() rejects when the stream already errored; there is nothing left to release then.
    reader.cancel().catch(ignore);
  };
  const iterator: AsyncIterator<unknown> = {
    next: () => reader.read() as Promise<IteratorResult<unknown>>,
    return: () => {
      cancel();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return { iterator, isAsync: true, release: cancel };
}

/** The closer Django registers for a value with `close()` (a file-like object), if any. */
function closeOf(value: object): (() => void) | undefined {
  const close = (value as { close?: unknown }).close;
  return typeof close === 'function' ? () => void close.call(value) : undefined;
}

/**
 * Classify `value` and open it for pulling. A string or bytes given directly is one chunk
 * (Django iterates it, which for bytes sends the decimal value of each byte).
 *
 * @throws TypeError when `value` is none of the accepted kinds, or a locked ReadableStream.
 */
export function openChunkSource(value: unknown): ChunkSource {
  if (typeof value === 'string' || value instanceof Uint8Array) {
    return { iterator: [value][Symbol.iterator](), isAsync: false, release: ignore };
  }
  if (isNodeReadable(value)) {
    // Node's async iterator reads with backpressure (one chunk per next()) and is lazy:
    // nothing is read until the first next(), so HEAD can destroy it unread.
    const iterator = value[Symbol.asyncIterator]();
    return {
      iterator,
      isAsync: true,
      release: () => {
        value.destroy();
      },
    };
  }
  if (isWebReadableStream(value)) return readerIterator(value);
  if (typeof value === 'object' && value !== null) {
    const close = closeOf(value);
    if (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      const iterator = (value as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      return {
        iterator,
        isAsync: true,
        release: () => {
          // An async generator that is running queues the return() until it next yields.
          Promise.resolve(iterator.return?.()).catch(ignore);
          close?.();
        },
      };
    }
    if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
      const iterator = (value as Iterable<unknown>)[Symbol.iterator]();
      return {
        iterator,
        isAsync: false,
        release: () => {
          try {
            iterator.return?.();
          } finally {
            close?.();
          }
        },
      };
    }
  }
  throw new TypeError(
    `StreamingHttpResponse streamingContent must be an iterable, an async iterable, a Node Readable or a web ReadableStream of strings or bytes (got ${describe(value)}).`,
  );
}
