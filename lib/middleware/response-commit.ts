/**
 * Running a middleware's `process_response` on a plain Express `res`: once, when the handler
 * starts writing the response, whichever way it writes it (`res.send`, `res.redirect`,
 * `res.sendFile`, a stream piped in, or a `view()`'s response object), and holding the response
 * while asynchronous work (a session save) finishes, as express-session holds `res.end`.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A replacement answer for when the held work failed: the response written instead. */
export interface CommitFailure {
  status: number;
  /** Plain text. */
  body: string;
}

/**
 * What runs when the response starts: called once with the status about to be sent. Return
 * nothing when it did its work synchronously (headers set on `res`); return a promise to hold
 * the response until it settles: resolved with nothing, the response goes out as written
 * (with whatever headers the work set); resolved with a {@link CommitFailure}, that is sent
 * instead, if nothing of the response has gone out.
 */
export type ResponseCommit = (status: number) => void | Promise<void | CommitFailure>;

type Call = () => unknown;
type Loose = (this: ServerResponse, ...args: unknown[]) => unknown;

/**
 * Wrap `res.writeHead`, `res.write`, `res.end` and `res.flushHeaders` so that `commit` runs
 * before the first of them reaches Node. While its promise is pending, the calls are queued
 * (`write` answers `false`, and `'drain'` follows once they are through, so a piping source
 * waits) and then replayed in order. The wrappers stay in place but pass calls straight through
 * afterwards, so middleware that captured them (compression) keeps working.
 */
export function commitBeforeWriting(res: ServerResponse, commit: ResponseCommit): void {
  // Taken off res to be called with .apply(res): each wrapper below stands in for one.
  /* eslint-disable @typescript-eslint/unbound-method */
  const writeHead = res.writeHead as Loose;
  const write = res.write as Loose;
  const end = res.end as Loose;
  const flushHeaders = res.flushHeaders;
  /* eslint-enable @typescript-eslint/unbound-method */
  let state: 'open' | 'holding' | 'done' = 'open';
  let queue: Call[] = [];
  let owesDrain = false;

  const replay = (): void => {
    state = 'done';
    const calls = queue;
    queue = [];
    for (const call of calls) call();
    if (owesDrain && !res.writableNeedDrain) res.emit('drain');
  };

  const fail = (failure: CommitFailure): void => {
    state = 'done';
    queue = [];
    if (res.headersSent) {
      res.destroy(); // Cannot happen while held; a truncated response rather than a wrong one.
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const body = Buffer.from(failure.body, 'utf8');
    const headers: OutgoingHttpHeaders = {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
    };
    writeHead.call(res, failure.status, headers);
    end.call(res, body);
    if (owesDrain) res.emit('drain');
  };

  /** Run `commit` for `status`; whether the calls must now be held. */
  const begin = (status: number): boolean => {
    state = 'done';
    let pending: void | Promise<void | CommitFailure>;
    try {
      pending = commit(status);
    } catch (error) {
      // A synchronous commit does not throw; should one, the response must still go out.
      process.emitWarning(error instanceof Error ? error : String(error));
      return false;
    }
    if (pending === undefined) return false;
    state = 'holding';
    pending.then(
      (failure) => (failure ? fail(failure) : replay()),
      (error: unknown) => {
        process.emitWarning(error instanceof Error ? error : String(error));
        replay();
      },
    );
    return true;
  };

  res.writeHead = function sessionWriteHead(this: ServerResponse, ...args: unknown[]) {
    if (state === 'open') begin(typeof args[0] === 'number' ? args[0] : res.statusCode);
    if (state === 'holding') {
      queue.push(() => writeHead.apply(res, args));
      return res;
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];

  res.write = function sessionWrite(this: ServerResponse, ...args: unknown[]) {
    if (state === 'open') begin(res.statusCode);
    if (state === 'holding') {
      queue.push(() => write.apply(res, args));
      owesDrain = true;
      return false;
    }
    return write.apply(this, args);
  } as ServerResponse['write'];

  res.end = function sessionEnd(this: ServerResponse, ...args: unknown[]) {
    if (state === 'open') begin(res.statusCode);
    if (state === 'holding') {
      queue.push(() => end.apply(res, args));
      return res;
    }
    return end.apply(this, args);
  } as ServerResponse['end'];

  res.flushHeaders = function sessionFlushHeaders(this: ServerResponse) {
    if (state === 'open') begin(res.statusCode);
    if (state === 'holding') {
      queue.push(() => flushHeaders.call(res));
      return;
    }
    flushHeaders.call(this);
  };
}
