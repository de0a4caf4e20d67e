/**
 * Pumping a body from a pull source onto Node's `res`: backpressure, flushing through
 * `compression`, client aborts and source failures, the same way for every streamed body.
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/** What a pull returns when the client went away while the source was being read. */
export const ABORTED = Symbol('aborted');

/**
 * How long a failed body's last bytes may take to drain to a slow client before the
 * connection is cut anyway: the failure must not hold a socket open for a reader that stopped.
 */
export const ABORT_DRAIN_MS = 5_000;

/** `res` as `compression` leaves it: `flush()` pushes what zlib holds to the client. */
type FlushableResponse = ServerResponse & { flush?: () => void };

/**
 * Watches one response's connection. A single `drain` and a single `close` listener serve
 * every wait, so a long body adds no listener per chunk (behind `compression`, `res.on('drain')`
 * is forwarded to zlib and `res.off` can't take it back).
 */
export class Outlet {
  readonly res: FlushableResponse;
  #closed = false;
  #wake: (() => void) | undefined;
  #onAbort: ((aborted: typeof ABORTED) => void) | undefined;
  #ended: (() => void) | undefined;
  #onClosed: (() => void) | undefined;
  #drainListened = false;
  // Read once: every property read on an Express res is a slow (megamorphic) lookup.
  readonly #flush: (() => void) | undefined;

  /**
   * @param settleOnClose - whether {@link Outlet.end} waits for `res` to close; `false` for a
   *   caller that has nothing to do after the end (then it resolves once `res.end()` is called).
   */
  constructor(
    res: ServerResponse,
    private readonly settleOnClose = true,
  ) {
    this.res = res;
    // Callers check that nothing was sent yet, so a closed res is a destroyed one here.
    this.#closed = res.destroyed;
    const { flush } = res as FlushableResponse;
    this.#flush = typeof flush === 'function' ? flush.bind(res) : undefined;
    // The drain listener is added by the first full buffer: most bodies never fill it.
    res.on('close', this.#onClose);
  }

  #wakeUp = (): void => {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  };

  #onClose = (): void => {
    this.#closed = true;
    this.#wakeUp();
    const onAbort = this.#onAbort;
    this.#onAbort = undefined;
    onAbort?.(ABORTED);
    const onClosed = this.#onClosed;
    this.#onClosed = undefined;
    onClosed?.();
    const ended = this.#ended;
    this.#ended = undefined;
    ended?.();
  };

  /** Call `hook` once when the connection closes (after the end, or because the client left). */
  whenClosed(hook: () => void): void {
    this.#onClosed = hook;
  }

  /** Whether the connection closed (after the end, or because the client left). */
  get closed(): boolean {
    return this.#closed || this.res.destroyed;
  }

  /**
   * Pull from `next` but settle with {@link ABORTED} as soon as the client leaves, so an
   * async generator waiting for its next event doesn't keep the request open. The source
   * is released afterwards by the response's `close()`.
   */
  pull<T>(next: () => Promise<T>): Promise<T | typeof ABORTED> {
    if (this.closed) return Promise.resolve(ABORTED);
    return new Promise<T | typeof ABORTED>((resolve, reject) => {
      this.#onAbort = resolve;
      next().then(resolve, reject);
    });
  }

  /**
   * Write one chunk and flush it through `compression` (so server-sent events arrive when
   * produced); when the socket's buffer is full, wait until it drains or the connection
   * closes, so the source is read no faster than the client takes it. Returns the wait, or
   * `undefined` when there is none (no promise per chunk while the socket keeps up).
   */
  write(chunk: Uint8Array): Promise<void> | undefined {
    if (chunk.byteLength === 0) return undefined; // An empty chunk would end a chunked body early.
    const ok = this.res.write(chunk);
    this.#flush?.();
    if (ok || this.closed) return undefined;
    if (!this.#drainListened) {
      this.#drainListened = true;
      this.res.on('drain', this.#wakeUp);
    }
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
  }

  /** End the response and resolve once it has finished or the connection closed. */
  end(): Promise<void> {
    if (!this.closed) this.res.end();
    if (this.#closed || !this.settleOnClose) return Promise.resolve();
    // The 'close' listener already there settles it: Node 20 always emits 'close' on a
    // ServerResponse, after 'finish' or on a dropped socket.
    return new Promise((resolve) => {
      this.#ended = resolve;
    });
  }

  /**
   * Cut the connection after a failure once the head may be out: the client sees a
   * truncated body (a chunked body without its last chunk, or fewer bytes than
   * Content-Length), never a clean end, and every byte written before the failure first.
   *
   * Node corks for the rest of the tick on every write, and from Node 24 on it is the
   * response that corks and holds chunked writes in a buffer of its own until `res.uncork()`
   * (lib/_http_outgoing.js `kChunkedBuffer`): `destroy()` would drop them, so uncork both
   * the response and the socket first. What the kernel did not take yet (a slow reader) is
   * flushed with the socket's `end()`, for at most {@link ABORT_DRAIN_MS}, before the
   * connection is destroyed. Resolves once it is: the caller reports the error only then,
   * since Express's final handler destroys the socket of a response whose head went out.
   */
  abort(err: unknown): Promise<void> {
    const error = err instanceof Error ? err : new Error(String(err));
    const { res } = this;
    while (res.writableCorked > 0) res.uncork();
    const socket = res.socket;
    if (socket) while (socket.writableCorked > 0) socket.uncork();
    if (!socket || socket.destroyed || socket.writableLength === 0) {
      res.destroy(error);
      return Promise.resolve();
    }
    // 'drain' comes only after a write that returned false; end() flushes and then sends FIN,
    // which still cuts the body (no last chunk, or short of Content-Length).
    return new Promise<void>((resolve) => {
      const cut = (): void => {
        clearTimeout(timer);
        socket.off('finish', cut);
        socket.off('close', cut);
        res.destroy(error);
        resolve();
      };
      const timer = setTimeout(cut, ABORT_DRAIN_MS);
      timer.unref();
      socket.once('finish', cut);
      socket.once('close', cut);
      socket.end();
    });
  }

  /** Stop watching. */
  dispose(): void {
    if (this.#drainListened) this.res.removeListener('drain', this.#wakeUp);
    this.res.removeListener('close', this.#onClose);
    this.#wake = undefined;
    this.#onAbort = undefined;
    this.#ended = undefined;
    this.#onClosed = undefined;
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as Partial<PromiseLike<T>> | undefined)?.then === 'function';
}

/**
 * A pull over a sync or async iterator: sync sources are pulled without a promise per
 * chunk; async ones through {@link Outlet.pull}, so a client abort ends the wait at once.
 */
export function puller<T>(
  outlet: Outlet,
  iterator: Iterator<T> | AsyncIterator<T>,
  isAsync: boolean,
): () => IteratorResult<T> | typeof ABORTED | Promise<IteratorResult<T> | typeof ABORTED> {
  if (!isAsync) {
    const sync = iterator as Iterator<T>;
    return () => (outlet.closed ? ABORTED : sync.next());
  }
  const async = iterator as AsyncIterator<T>;
  return () => outlet.pull(() => async.next());
}

/**
 * Commit the head (through `commit`), then pump `first` and the rest of `next` onto the
 * response and end it. The first chunk is pulled by the caller *before* this runs, so a
 * source that fails at once still gets a clean error response.
 *
 * Resolves when the response finished or the client left (see {@link Outlet.end}): `true`
 * when the source was read to its end, `false` when the client left first. On a source error
 * after the head was sent, destroys the connection (the client sees a truncated body, never
 * a hang and never a clean end) and rethrows, so the error reaches `next(err)`.
 */
export async function pumpBody(
  outlet: Outlet,
  first: IteratorResult<Uint8Array>,
  next: () => IteratorResult<Uint8Array> | typeof ABORTED | Promise<IteratorResult<Uint8Array> | typeof ABORTED>,
): Promise<boolean> {
  try {
    for (let result: IteratorResult<Uint8Array> | typeof ABORTED = first; ;) {
      if (result === ABORTED || outlet.closed) return false;
      if (result.done) break;
      const drained = outlet.write(result.value);
      if (drained !== undefined) await drained;
      // A sync source's next chunk is not awaited: no microtask per chunk.
      const pulled = next();
      // A thenable test, not instanceof: a web stream's read() promise comes from Node's own
      // realm, which is not the caller's in a vm context (jest's, say).
      result = isThenable(pulled) ? await pulled : pulled;
    }
  } catch (err) {
    await outlet.abort(err);
    throw err;
  }
  await outlet.end();
  return true;
}

/**
 * Pump a Node stream known to be good (a file already opened) onto the response the way
 * `pipe()` does: flowing `data` events, paused while the socket's buffer is full and resumed
 * on `drain`, which costs no promise per chunk. Unlike `pipe()`, a client abort or a
 * failure ends the read: the caller destroys the stream when this settles.
 *
 * Resolves when the response finished or the client left; on a read error destroys the
 * connection and rejects with the error.
 */
export function pumpReadable(outlet: Outlet, stream: Readable): Promise<void> {
  const { res } = outlet;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: Error): void => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onData = (chunk: Buffer): void => {
      const ok = res.write(chunk);
      res.flush?.();
      if (!ok) stream.pause();
    };
    const onDrain = (): void => {
      stream.resume();
    };
    const onEnd = (): void => {
      void outlet.end().then(() => settle());
    };
    const onError = (err: Error): void => {
      void outlet.abort(err).then(() => settle(err));
    };
    const onClose = (): void => {
      // The client left (or the response ended): nothing more will be written.
      if (!res.writableFinished) settle();
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    res.on('drain', onDrain);
    res.once('close', onClose);
    if (outlet.closed) settle();
  });
}
