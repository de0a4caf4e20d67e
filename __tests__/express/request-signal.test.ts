/**
 * requestSignal(req): aborted when the client leaves before the response finished, so a
 * view's fetch() and a streamed generator stop; never after a normal end; one per request.
 */
import { EventEmitter, once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { EventStreamResponse, HttpResponse, StreamingHttpResponse, requestSignal, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, rawGet, waitFor } from '../helpers/streams.js';

/** GET `url` and destroy the connection once `ready()` holds (or the first body bytes arrive). */
async function leaveWhen(url: string, ready: () => boolean): Promise<void> {
  const req = http.get(url, { agent: false });
  req.on('error', () => {}); // our own destroy
  req.on('response', (res) => res.resume());
  await waitFor(ready, 5000, 'the view to start its work');
  req.destroy();
}

describe.each(expressVersions)('%s: requestSignal(req)', (_label, createApp) => {
  it("aborts a view's fetch() to a slow server when the client leaves", async () => {
    let upstreamClosed = false;
    let upstreamGot = false;
    const slow = await listen((req: IncomingMessage) => {
      upstreamGot = true; // and never answers
      req.socket.on('close', () => {
        upstreamClosed = true;
      });
    });
    let fetchError: unknown;
    const app = createApp();
    app.get(
      '/report',
      view(async (req) => {
        try {
          const upstream = await fetch(`${slow.url}/slow`, { signal: requestSignal(req) });
          return new HttpResponse(await upstream.text());
        } catch (err) {
          fetchError = err;
          throw err;
        }
      }),
    );
    app.use((_err: unknown, _req: unknown, res: ServerResponse, _next: unknown) => res.destroy());
    const server = await listen(app);
    try {
      await leaveWhen(`${server.url}/report`, () => upstreamGot);
      await waitFor(() => fetchError !== undefined, 5000, 'the fetch to fail');
      expect((fetchError as Error).name).toBe('AbortError');
      await waitFor(() => upstreamClosed, 5000, 'the upstream connection to close');
    } finally {
      await server.close();
      await slow.close();
    }
  });

  it("runs a streamed generator's finally at once when it awaits with the signal", async () => {
    const bus = new EventEmitter();
    let started = false;
    let finallyRan = false;
    const app = createApp();
    app.get(
      '/events',
      view((req) => {
        const signal = requestSignal(req);
        return new EventStreamResponse(
          (async function* () {
            try {
              started = true;
              yield 'hello';
              await once(bus, 'never', { signal }); // nothing else will ever wake it
              yield 'unreachable';
            } finally {
              finallyRan = true;
            }
          })(),
        );
      }),
    );
    const server = await listen(app);
    try {
      await leaveWhen(`${server.url}/events`, () => started);
      await waitFor(() => finallyRan, 5000, "the generator's finally");
      expect(bus.listenerCount('never')).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("runs a StreamingHttpResponse generator's finally when the client leaves mid-stream", async () => {
    let yielded = 0;
    let finallyRan = false;
    const app = createApp();
    app.get(
      '/stream',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              try {
                for (;;) {
                  yielded++;
                  yield 'x'.repeat(1024);
                  await new Promise((resolve) => setTimeout(resolve, 2));
                }
              } finally {
                finallyRan = true;
              }
            })(),
          ),
      ),
    );
    const server = await listen(app);
    try {
      await leaveWhen(`${server.url}/stream`, () => yielded > 3);
      await waitFor(() => finallyRan, 5000, "the generator's finally");
    } finally {
      await server.close();
    }
  });

  it('is not aborted after a normal end, leaves no listener, and is one object per request', async () => {
    const seen: Array<{ signal: AbortSignal; res: ServerResponse; before: number; during: number }> = [];
    const app = createApp();
    app.get(
      '/',
      view((req) => {
        const res = req.res as ServerResponse;
        const before = res.listenerCount('close');
        const signal = requestSignal(req);
        expect(requestSignal(req)).toBe(signal);
        seen.push({ signal, res, before, during: res.listenerCount('close') });
        return req.query.stream === undefined ? new HttpResponse('ok') : new EventStreamResponse(['a', 'b']);
      }),
    );
    const server = await listen(app);
    try {
      expect((await rawGet(`${server.url}/`)).body.toString()).toBe('ok');
      expect((await rawGet(`${server.url}/?stream`)).body.toString()).toBe('data: a\n\ndata: b\n\n');
      await waitFor(() => seen.every(({ res }) => res.closed), 5000, 'the responses to close');
      expect(seen).toHaveLength(2);
      const [first, second] = seen;
      expect(first?.signal).not.toBe(second?.signal);
      for (const { signal, res, before, during } of seen) {
        expect(signal.aborted).toBe(false);
        expect(during).toBe(before + 1);
        expect(res.listenerCount('close')).toBeLessThanOrEqual(before);
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a request without a response', () => {
    expect(() => requestSignal({ headers: {} } as IncomingMessage)).toThrow(
      /requestSignal\(req\) needs an Express request.*\(got a request whose res is undefined\)/,
    );
  });
});
