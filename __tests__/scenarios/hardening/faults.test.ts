/**
 * Faults over real HTTP, on Express 4 and 5, behind the real httpErrorHandler: views that
 * throw, reject, throw non-errors, return junk or answer twice; streams that fail before the
 * first chunk and after many; a close() that throws; clients that leave during the head or
 * the body, or never read. In each: the right status or a cut connection, the error reported
 * exactly once, close() exactly once, every descriptor released, and the server still serving.
 */
import net from 'node:net';
import type { ErrorRequestHandler } from 'express';
import {
  FileResponse,
  HttpResponse,
  StreamingHttpResponse,
  httpErrorHandler,
  view,
  type HttpResponseBase,
  type ViewHandler,
} from '../../../lib/index.js';
import { expressVersions } from '../../helpers/apps.js';
import { makeTempDir, rawGet, settle, waitFor } from '../../helpers/streams.js';
import { openDescriptors, start, type TestServer } from './wire.js';

/** What one test's request caused on the server. */
interface Probe {
  /** Errors httpErrorHandler reported (500s), then errors that came after the head (Express closed the connection). */
  reported: unknown[];
  /** close() calls, per response the view made. */
  closes: number;
  /** Responses the view made. */
  made: number;
}

const probe: Probe = { reported: [], closes: 0, made: 0 };

/** Count `response`'s close() calls into the probe. */
function tracked<T extends HttpResponseBase>(response: T): T {
  probe.made++;
  const close = response.close.bind(response);
  response.close = () => {
    probe.closes++;
    close();
  };
  return response;
}

/** A chunked body's payload as far as it goes, and whether its last (zero-size) chunk came. */
function decodeChunked(framed: string): { payload: string; lastChunk: boolean } {
  let payload = '';
  for (let at = 0; ;) {
    const lineEnd = framed.indexOf('\r\n', at);
    if (lineEnd < 0) return { payload, lastChunk: false };
    const size = parseInt(framed.slice(at, lineEnd), 16);
    if (Number.isNaN(size)) return { payload, lastChunk: false };
    if (size === 0) return { payload, lastChunk: true };
    payload += framed.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
    if (at > framed.length) return { payload, lastChunk: false };
  }
}

const tmp = makeTempDir();
const BIG_FILE = tmp.file('big.bin', Buffer.alloc(8 * 1024 * 1024, 7));
afterAll(() => tmp.cleanup());

describe.each(expressVersions)('faults on %s', (_label, createApp) => {
  const routes = new Map<string, ViewHandler>();
  let server: TestServer;
  let baselineFds = 0;

  beforeAll(async () => {
    const app = createApp();
    app.set('env', 'test');
    app.get('/ok', (_req, res) => {
      res.send('still serving');
    });
    app.get(
      '/case/:name',
      view((req, res) => {
        const handler = routes.get(String(req.params.name));
        if (handler === undefined) throw new Error('no such case');
        return handler(req, res);
      }),
    );
    app.use(httpErrorHandler({ log: (err) => probe.reported.push(err) }));
    // After the head, httpErrorHandler hands the error on; record it, then let Express cut the connection.
    const afterHead: ErrorRequestHandler = (err, _req, _res, next) => {
      probe.reported.push(err);
      next(err);
    };
    app.use(afterHead);
    server = await start(app);
    // Warm up (lazy modules, the first connection), then take the baseline.
    await rawGet(`http://127.0.0.1:${server.port}/ok`);
    baselineFds = openDescriptors();
  });
  afterAll(() => server.close());

  beforeEach(() => {
    probe.reported = [];
    probe.closes = 0;
    probe.made = 0;
    routes.clear();
  });

  /** The checks every case ends with. */
  async function afterCase(expected: { reported: number; closes?: number }): Promise<void> {
    await waitFor(() => probe.closes >= (expected.closes ?? probe.made), 5000, 'close()');
    await waitFor(() => probe.reported.length >= expected.reported, 5000, 'the error report');
    await waitFor(() => openDescriptors() <= baselineFds, 5000, `descriptors back to ${baselineFds}`);
    const ok = await rawGet(`http://127.0.0.1:${server.port}/ok`);
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('still serving');
    await new Promise((r) => setImmediate(r));
    expect(probe.reported).toHaveLength(expected.reported);
    expect(probe.closes).toBe(expected.closes ?? probe.made);
    expect(openDescriptors()).toBeLessThanOrEqual(baselineFds);
  }

  const get = (name: string, headers?: Record<string, string>) =>
    rawGet(`http://127.0.0.1:${server.port}/case/${name}`, headers);

  /** A 500 page that tells nothing of the error. */
  function expectOpaque500(res: { status: number; body: Buffer }, secret: string): void {
    expect(res.status).toBe(500);
    expect(res.body.toString()).toContain('Server Error (500)');
    expect(res.body.toString()).not.toContain(secret);
    expect(res.body.toString()).not.toMatch(/at .*\.ts:\d+/);
  }

  it('a view that throws synchronously: 500, reported once', async () => {
    routes.set('sync', () => {
      throw new Error('sync secret');
    });
    expectOpaque500(await get('sync'), 'sync secret');
    await afterCase({ reported: 1 });
    expect((probe.reported[0] as Error).message).toBe('sync secret');
  });

  it('a view that rejects: 500, reported once', async () => {
    routes.set('reject', async () => {
      await Promise.resolve();
      throw new Error('async secret');
    });
    expectOpaque500(await get('reject'), 'async secret');
    await afterCase({ reported: 1 });
    expect((probe.reported[0] as Error).message).toBe('async secret');
  });

  it.each([
    ['a string', 'string secret'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['false', false],
    ['a plain object', { secret: 'object secret' }],
    ["the string 'route' (Express's skip-route signal)", 'route'],
    ["the string 'router'", 'router'],
  ])('a view that throws %s: 500, reported once', async (_what, thrown) => {
    routes.set('non-error', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- throwing a non-Error is the case under test
      throw thrown;
    });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    routes.set('non-error-async', () => Promise.reject(thrown));
    for (const name of ['non-error', 'non-error-async']) {
      probe.reported = [];
      const res = await get(name);
      expectOpaque500(res, 'secret');
      await afterCase({ reported: 1 });
      if (thrown !== null && thrown !== undefined && thrown !== false && thrown !== 'route' && thrown !== 'router') {
        expect(probe.reported[0]).toBe(thrown);
      } else {
        expect(probe.reported[0]).toBeInstanceOf(Error);
      }
    }
  });

  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['a string', '<p>hi</p>'],
    ['a plain object', { status: 200 }],
    ['a response-like object', { statusCode: 200, headers: {}, content: 'x' }],
    ['a promise of junk', Promise.resolve('junk')],
  ])('a view that returns %s: 500 naming the view, reported once', async (_what, junk) => {
    routes.set('junk', function junkView() {
      return junk as never;
    });
    expectOpaque500(await get('junk'), 'junk');
    await afterCase({ reported: 1 });
    expect(probe.reported[0]).toBeInstanceOf(TypeError);
    expect((probe.reported[0] as Error).message).toMatch(/^The view \w+ didn't return an HttpResponse object/);
  });

  it('a view that sends through res and then returns a response: the first answer stands, the second is reported, closed once', async () => {
    routes.set('twice', (_req, res) => {
      res.status(201).type('text/plain').send('mine');
      return tracked(new HttpResponse('theirs'));
    });
    const res = await get('twice');
    expect(res.status).toBe(201);
    expect(res.body.toString()).toBe('mine');
    expect(res.complete).toBe(true);
    await afterCase({ reported: 1 });
    expect((probe.reported[0] as Error).message).toMatch(/a response was already sent on this res/);
  });

  it('a view that starts a body through res and then returns a response: the connection is cut, reported once', async () => {
    routes.set('half', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      return tracked(new HttpResponse('theirs'));
    });
    const res = await get('half');
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    expect(res.body.toString()).toBe('partial');
    await afterCase({ reported: 1 });
  });

  it('a stream that fails before its first chunk: a clean 500, reported once, closed once', async () => {
    routes.set('early', () =>
      tracked(
        new StreamingHttpResponse(
          (async function* () {
            await Promise.resolve();
            throw new Error('early secret');
          })(),
        ),
      ),
    );
    const res = await get('early');
    expectOpaque500(res, 'early secret');
    expect(res.complete).toBe(true);
    await afterCase({ reported: 1 });
  });

  it('a stream that fails after many chunks: every chunk arrives, then the body is cut, reported once, closed once', async () => {
    let finalised = false;
    routes.set('late', () =>
      tracked(
        new StreamingHttpResponse(
          (async function* () {
            try {
              for (let i = 0; i < 500; i++) yield `chunk ${i}\n`;
              throw new Error('late secret');
            } finally {
              finalised = true;
            }
          })(),
        ),
      ),
    );
    const res = await get('late');
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    expect(res.body.toString()).toBe(Array.from({ length: 500 }, (_, i) => `chunk ${i}\n`).join(''));
    expect(res.body.toString()).not.toContain('secret');
    await afterCase({ reported: 1 });
    expect((probe.reported[0] as Error).message).toBe('late secret');
    expect(finalised).toBe(true);
  });

  it('a body that fails while a slow client has not read the last chunks: they still arrive, then the cut', async () => {
    let produced = 0;
    let failed = false;
    routes.set('slow-reader', (_req, res) =>
      tracked(
        new StreamingHttpResponse(
          (async function* () {
            // Until the kernel's buffers are full and bytes wait in the socket's own buffer.
            while (!(res.socket !== null && res.socket.writableLength > 0)) {
              const chunk = `${String(produced).padStart(9, '0')}${'.'.repeat(990)}\n`;
              produced += chunk.length;
              yield chunk;
              await new Promise((r) => setImmediate(r));
            }
            failed = true;
            throw new Error('failed behind a slow reader');
          })(),
        ),
      ),
    );
    const client = net.connect(server.port, '127.0.0.1');
    client.pause();
    client.write('GET /case/slow-reader HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await waitFor(() => failed, 20_000, 'the failure');
    await new Promise((r) => setTimeout(r, 100));
    const received: Buffer[] = [];
    client.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', () => undefined);
    client.resume();
    await ended;
    const raw = Buffer.concat(received).toString('latin1');
    const [head = '', ...rest] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
    const body = decodeChunked(rest.join('\r\n\r\n'));
    expect(body.payload.length).toBe(produced);
    expect(body.lastChunk).toBe(false);
    await afterCase({ reported: 1 });
  });

  it('a sync iterable that throws mid-way: the body is cut, reported once', async () => {
    routes.set('sync-late', () =>
      tracked(
        new StreamingHttpResponse(
          (function* () {
            for (let i = 0; i < 100; i++) yield 'x'.repeat(1000);
            throw new Error('sync late');
          })(),
        ),
      ),
    );
    const res = await get('sync-late');
    expect(res.complete).toBe(false);
    expect(res.body.length).toBe(100_000);
    await afterCase({ reported: 1 });
  });

  it('a close() that throws: the response still arrives whole, the failure is reported once', async () => {
    class FailingClose extends HttpResponse {
      override close(): void {
        super.close();
        throw new Error('close failed');
      }
    }
    let calls = 0;
    routes.set('close-throws', () => {
      const response = new FailingClose('body');
      const close = response.close.bind(response);
      response.close = () => {
        calls++;
        close();
      };
      return response;
    });
    const res = await get('close-throws');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('body');
    expect(res.complete).toBe(true);
    await afterCase({ reported: 1, closes: 0 });
    expect(calls).toBe(1);
    expect((probe.reported[0] as Error).message).toBe('close failed');
  });

  it('a web Response whose body stream errors after some chunks: every chunk arrives, the body is cut, reported once', async () => {
    routes.set('web-late', () => {
      let sent = 0;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 50) controller.enqueue(new TextEncoder().encode(`web ${sent}\n`));
            else controller.error(new Error('web late secret'));
          },
        }),
      );
    });
    const res = await get('web-late');
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    expect(res.body.toString()).toBe(Array.from({ length: 50 }, (_, i) => `web ${i + 1}\n`).join(''));
    await afterCase({ reported: 1, closes: 0 });
  });

  it('a web Response whose body fails before its first chunk: a clean 500, reported once', async () => {
    routes.set(
      'web-early',
      () => new Response(new ReadableStream({ pull: (c) => c.error(new Error('web early secret')) })),
    );
    const res = await get('web-early');
    expectOpaque500(res, 'web early secret');
    await afterCase({ reported: 1, closes: 0 });
  });

  it('a streaming close() that throws after a full body: the body arrives whole, the failure is reported once', async () => {
    class FailingStream extends StreamingHttpResponse {
      override close(): void {
        super.close();
        throw new Error('stream close failed');
      }
    }
    routes.set('stream-close', () => tracked(new FailingStream(['a', 'b', 'c'])));
    const res = await get('stream-close');
    expect(res.body.toString()).toBe('abc');
    expect(res.complete).toBe(true);
    await afterCase({ reported: 1 });
    expect((probe.reported[0] as Error).message).toBe('stream close failed');
  });

  it('a resource closer that throws is swallowed, as Django does: nothing reported, the response whole', async () => {
    class WithCloser extends HttpResponse {
      constructor() {
        super('held');
        this.addResourceCloser(() => {
          throw new Error('closer failed');
        });
      }
    }
    routes.set('closer-throws', () => tracked(new WithCloser()));
    const res = await get('closer-throws');
    expect(res.body.toString()).toBe('held');
    await afterCase({ reported: 0 });
  });

  it('a client that leaves during the request head: nothing runs, nothing is reported, nothing leaks', async () => {
    let ran = false;
    routes.set('head', () => {
      ran = true;
      return tracked(new HttpResponse('never'));
    });
    for (let i = 0; i < 20; i++) {
      const socket = net.connect(server.port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write('GET /case/head HTTP/1.1\r\nHost: x\r\nX-Half: ');
      await new Promise((r) => setImmediate(r));
      socket.destroy();
    }
    await afterCase({ reported: 0 });
    expect(ran).toBe(false);
  });

  it('a client that leaves before the view answers: the response is closed once, never written, nothing reported', async () => {
    let answered!: () => void;
    const viewDone = new Promise<void>((resolve) => {
      answered = resolve;
    });
    let requested!: () => void;
    const viewStarted = new Promise<void>((resolve) => {
      requested = resolve;
    });
    routes.set('slow', async () => {
      requested();
      await new Promise((r) => setTimeout(r, 50));
      answered();
      return tracked(new HttpResponse('too late'));
    });
    const socket = net.connect(server.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => {});
    socket.write('GET /case/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await viewStarted;
    socket.destroy();
    await viewDone;
    await afterCase({ reported: 0, closes: 1 });
    expect(Buffer.concat(received).length).toBe(0);
  });

  it('a client that leaves during a streamed body: the source is finalised, closed once, nothing reported', async () => {
    let pulled = 0;
    let finalised = false;
    routes.set('endless', () =>
      tracked(
        new StreamingHttpResponse(
          (async function* () {
            try {
              for (;;) {
                pulled++;
                yield 'z'.repeat(4096);
                await new Promise((r) => setImmediate(r));
              }
            } finally {
              finalised = true;
            }
          })(),
        ),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write('GET /case/endless HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      let bytes = 0;
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > 64 * 1024) {
          socket.destroy();
          resolve();
        }
      });
      socket.on('error', reject);
    });
    await afterCase({ reported: 0 });
    await waitFor(() => finalised, 5000, 'the generator to be finalised');
    const pulledAtEnd = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(pulledAtEnd);
  });

  it('a client that leaves during a file body: the file descriptor is closed, closed once, nothing reported', async () => {
    routes.set('file', () => tracked(new FileResponse(BIG_FILE)));
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write('GET /case/file HTTP/1.1\r\nHost: x\r\n\r\n');
        });
        socket.once('data', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      });
    }
    await afterCase({ reported: 0 });
  });

  it('a client that never reads: the source is pulled only as fast as the socket drains, then released on disconnect', async () => {
    let pulled = 0;
    let finalised = false;
    const chunk = 'q'.repeat(64 * 1024);
    const total = 4096; // 256 MiB if it were all produced
    routes.set('unread', () =>
      tracked(
        new StreamingHttpResponse(
          (async function* () {
            try {
              for (let i = 0; i < total; i++) {
                pulled++;
                yield chunk;
              }
            } finally {
              finalised = true;
            }
          })(),
        ),
      ),
    );
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.pause();
    socket.write('GET /case/unread HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => pulled > 0, 5000, 'the first pull');
    const stalledAt = await settle(() => pulled, 300);
    // Socket buffers (kernel and Node's high-water mark) hold a few MiB at most.
    expect(stalledAt).toBeLessThan(total / 8);
    socket.destroy();
    await afterCase({ reported: 0 });
    await waitFor(() => finalised, 5000, 'the generator to be finalised');
  });
});
