/** A Node `Writable` view of an {@link HttpResponse}'s body, so that streams can pipe into it. */
import { Writable } from 'node:stream';

/** What the view writes to: the file-like half of an `HttpResponse`. */
export interface WritableBody {
  /** Append a chunk to the body; text is encoded with the response's charset. */
  write(chunk: string | Uint8Array): void;
}

/**
 * A `Writable` that appends every chunk to `body` (Django's `csv.writer(response)`, for
 * Node streams). Text written without an encoding, or as UTF-8, is handed over as text, so
 * the response encodes it with its charset as `write()` does; text with another encoding
 * (`'latin1'`, `'hex'`, …) is turned into those bytes first; bytes pass through.
 * A chunk the response refuses (a 304 has no body) fails the stream with the response's error.
 */
export function createBodyWritable(body: WritableBody): Writable {
  return new Writable({
    // Keep strings as strings, so the response's charset encodes them, not Node's default.
    decodeStrings: false,
    write(chunk: string | Uint8Array, encoding: BufferEncoding | 'buffer', callback: (error?: Error | null) => void) {
      try {
        const isText = typeof chunk === 'string';
        body.write(
          isText && encoding !== 'utf8' && encoding !== 'utf-8'
            ? Buffer.from(chunk, encoding as BufferEncoding)
            : chunk,
        );
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}
