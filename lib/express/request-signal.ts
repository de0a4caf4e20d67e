/** An `AbortSignal` per request that fires when the client leaves before the response finished. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe } from '../http/describe.js';

const signals = new WeakMap<object, AbortSignal>();

/** A signal nobody will abort: the response already finished. */
function settledSignal(): AbortSignal {
  return new AbortController().signal;
}

function clientLeft(): DOMException {
  return new DOMException('The client closed the connection before the response finished.', 'AbortError');
}

/**
 * An `AbortSignal` that is aborted when the client goes away before the response finished
 * (never after a normal end), so a view's own work stops with it: pass it to `fetch()`, a
 * database driver, `events.on()`/`once()`, or check `signal.aborted` in a loop. An async
 * generator streamed by {@link StreamingHttpResponse} or {@link EventStreamResponse} that
 * awaits with it has its `finally` run at once.
 *
 * One signal per request: every call with the same `req` returns the same object. It
 * listens for the response's `close` once, and that listener is gone when the response ends.
 * The reason is a `DOMException` named `AbortError`.
 *
 * @param req - Express's `req` (its `req.res` is the response watched).
 * @throws TypeError when `req` has no response (`req.res`), i.e. is not an Express request.
 *
 * @example
 * ```ts
 * app.get('/report', view(async (req) => {
 *   const upstream = await fetch(reportUrl, { signal: requestSignal(req) });
 *   return new HttpResponse(await upstream.text());
 * }));
 * ```
 */
export function requestSignal(req: IncomingMessage): AbortSignal {
  const known = signals.get(req);
  if (known !== undefined) return known;
  const res = (req as { res?: ServerResponse }).res;
  if (typeof res !== 'object' || res === null || typeof res.once !== 'function') {
    throw new TypeError(
      `requestSignal(req) needs an Express request, whose req.res is the response to watch (got a request whose res is ${describe(res)}).`,
    );
  }
  let signal: AbortSignal;
  if (res.writableFinished) {
    signal = settledSignal();
  } else if (res.destroyed) {
    signal = AbortSignal.abort(clientLeft());
  } else {
    const controller = new AbortController();
    signal = controller.signal;
    // 'close' comes once per response: after 'finish' on a normal end, or when the socket
    // closed first. Only the second is the client leaving.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(clientLeft());
    });
  }
  signals.set(req, signal);
  return signal;
}
