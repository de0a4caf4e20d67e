import http from 'node:http';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import compression from 'compression';
import cors from 'cors';
import request from 'supertest';
import { HttpResponse, StreamingHttpResponse, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, rawGet, recordingErrorHandler, settle, waitFor } from '../helpers/streams.js';

const bytes = (text: string): Buffer => Buffer.from(text);

describe('StreamingHttpResponse (Django StreamingHttpResponseTests)', () => {
  it('streams an iterator once, as bytes (case 78)', () => {
    const r = new StreamingHttpResponse(['hello', 'world'][Symbol.iterator]());
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([bytes('hello'), bytes('world')]);
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([]);
  });

  it('consumes even a list only once (case 79)', () => {
    const r = new StreamingHttpResponse(['abc', 'def']);
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([bytes('abc'), bytes('def')]);
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([]);
  });

  it('encodes text chunks with the charset when the content is replaced (case 80)', () => {
    const r = new StreamingHttpResponse([]);
    r.streamingContent = ['hello', 'café'][Symbol.iterator]();
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([
      bytes('hello'),
      Buffer.from('caf\xc3\xa9', 'latin1'),
    ]);
  });

  it('encodes text with a latin-1 charset and writes numbers as text', () => {
    const r = new StreamingHttpResponse(['café', 42] as never, { charset: 'iso-8859-1' });
    expect(r.getvalue()).toEqual(Buffer.from('caf\xe942', 'latin1'));
  });

  it('refuses content with a TypeError that says to use streamingContent (case 81)', () => {
    const r = new StreamingHttpResponse(['abc']);
    expect(() => r.content).toThrow(TypeError);
    expect(() => r.content).toThrow(
      'This StreamingHttpResponse instance has no `content` attribute. Use `streamingContent` instead.',
    );
    expect(() => {
      (r as { content: unknown }).content = 'xyz';
    }).toThrow(/Use `streamingContent` instead/);
    expect('streamingContent' in r).toBe(true);
  });

  it('refuses text (case 89)', () => {
    expect(() => new StreamingHttpResponse(['abc']).text).toThrow(
      'This StreamingHttpResponse instance has no `text` attribute. Use `streamingContent` instead.',
    );
  });

  it('can wrap its own content (case 82)', () => {
    const r = new StreamingHttpResponse(['abc', 'def'][Symbol.iterator]());
    const upper = (function* (chunks: Iterable<Buffer>) {
      for (const chunk of chunks) yield chunk.toString().toUpperCase();
    })(r.streamingContent as Iterable<Buffer>);
    r.streamingContent = upper;
    expect(Array.from(r.streamingContent as Iterable<Buffer>)).toEqual([bytes('ABC'), bytes('DEF')]);
  });

  it('is not writable, cannot tell, and getvalue() joins the content (case 84)', () => {
    const r = new StreamingHttpResponse(['hello', 'world'][Symbol.iterator]());
    expect(() => r.write('!')).toThrow('This StreamingHttpResponse instance is not writable');
    expect(() => r.tell()).toThrow('This StreamingHttpResponse instance cannot tell its position');
    expect(r.writable()).toBe(false);
    expect(r.getvalue()).toEqual(bytes('helloworld'));
  });

  it("has Django's repr (case 85) and is streaming", () => {
    const r = new StreamingHttpResponse(['hello', 'café'][Symbol.iterator]());
    expect(String(r)).toBe('<StreamingHttpResponse status_code=200, "text/html; charset=utf-8">');
    expect(r.streaming).toBe(true);
  });

  it('streams an async generator (case 86)', async () => {
    async function* gen(): AsyncGenerator<Buffer> {
      yield bytes('hello');
      yield bytes('world');
    }
    const r = new StreamingHttpResponse(gen());
    expect(r.isAsync).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of r.streamingContent) chunks.push(chunk);
    expect(chunks).toEqual([bytes('hello'), bytes('world')]);
  });

  it.each([
    ['a list', () => ['a', 'b'], false],
    [
      'a sync generator',
      () =>
        (function* () {
          yield 'a';
          yield 'b';
        })(),
      false,
    ],
    [
      'an async generator',
      () =>
        (async function* () {
          yield 'a';
          yield 'b';
        })(),
      true,
    ],
    ['a Node Readable', () => Readable.from(['a', 'b']), true],
    ['a web ReadableStream', () => new Blob(['a', 'b']).stream(), true],
  ])('reads %s (isAsync %s)', async (_label, make, isAsync) => {
    const r = new StreamingHttpResponse(make() as never);
    expect(r.isAsync).toBe(isAsync);
    expect((await r.agetvalue()).toString()).toBe('ab');
  });

  it('tells to use agetvalue() for async content', () => {
    const r = new StreamingHttpResponse(
      (async function* () {
        yield 'a';
      })(),
    );
    expect(() => r.getvalue()).toThrow(/Use `await response.agetvalue\(\)` instead/);
  });

  it('sends a string or bytes given directly as one chunk', () => {
    expect(Array.from(new StreamingHttpResponse('abc').streamingContent as Iterable<Buffer>)).toEqual([bytes('abc')]);
    expect(Array.from(new StreamingHttpResponse(bytes('ab')).streamingContent as Iterable<Buffer>)).toEqual([
      bytes('ab'),
    ]);
  });

  it('refuses what it cannot stream, naming it', () => {
    expect(() => new StreamingHttpResponse(5 as never)).toThrow(TypeError);
    expect(() => new StreamingHttpResponse(5 as never)).toThrow(/streamingContent must be an iterable.*\(got 5\)/);
    const r = new StreamingHttpResponse([{}] as never);
    expect(() => r.getvalue()).toThrow(/chunks must be strings or bytes \(got an Object\)/);
  });

  it('refuses a locked ReadableStream', () => {
    const stream = new Blob(['a']).stream();
    stream.getReader();
    expect(() => new StreamingHttpResponse(stream)).toThrow(/already locked/);
  });

  it('releases every content it was given on close(), not before (case 35)', () => {
    const first = Readable.from(['a']);
    const second = Readable.from(['b']);
    const r = new StreamingHttpResponse(first);
    r.streamingContent = second;
    expect(first.destroyed).toBe(false);
    expect(second.destroyed).toBe(false);
    r.close();
    expect(first.destroyed).toBe(true);
    expect(second.destroyed).toBe(true);
    expect(r.closed).toBe(true);
  });

  it("runs a generator's finally and a file-like close() on close()", () => {
    const events: string[] = [];
    const gen = (function* () {
      try {
        yield 'a';
        yield 'b';
      } finally {
        events.push('finally');
      }
    })();
    const fileLike = Object.assign(['x'], { close: () => events.push('close') });
    const r = new StreamingHttpResponse(gen);
    expect(Array.from(r.streamingContent as Iterable<Buffer>).length).toBe(0 + 2);
    const s = new StreamingHttpResponse(fileLike);
    r.close();
    s.close();
    expect(events).toEqual(['finally', 'close']);
  });
});

describe.each(expressVersions)('%s: StreamingHttpResponse over HTTP', (_label, createApp) => {
  it.each([
    ['a list', () => ['one,', 'two,', 'three']],
    [
      'a sync generator',
      () =>
        (function* () {
          yield 'one,';
          yield 'two,';
          yield 'three';
        })(),
    ],
    [
      'an async generator',
      () =>
        (async function* () {
          yield 'one,';
          yield bytes('two,');
          yield 'three';
        })(),
    ],
    ['a Node Readable', () => Readable.from(['one,', 'two,', 'three'])],
    ['a web ReadableStream', () => new Blob(['one,', 'two,', 'three']).stream()],
  ])("sends %s chunked with the response's head", async (_kind, make) => {
    const app = createApp();
    app.get(
      '/',
      view(() => new StreamingHttpResponse(make() as never, { contentType: 'text/csv', status: 201 })),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(201);
    expect(res.text).toBe('one,two,three');
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
  });

  it('keeps the Set-Cookie and Vary headers middleware set, and adds its own', async () => {
    const app = createApp();
    app.use(cors({ origin: true }));
    app.use((_req, res, next) => {
      res.cookie('mw', '1');
      next();
    });
    app.get(
      '/',
      view(() =>
        new StreamingHttpResponse(['x'], { headers: { Vary: 'Cookie', 'X-Mine': 'yes' } }).setCookie('own', '2'),
      ),
    );
    const res = await request(app).get('/').set('Origin', 'http://example.com');
    expect(res.text).toBe('x');
    expect(res.headers['set-cookie']).toEqual(['mw=1; Path=/', 'own=2; Path=/']);
    expect(res.headers['vary']).toBe('Origin, Cookie');
    expect(res.headers['access-control-allow-origin']).toBe('http://example.com');
    expect(res.headers['x-mine']).toBe('yes');
  });

  it('uses a Content-Length the response sets instead of chunking', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new StreamingHttpResponse(['ab', 'cd'], { headers: { 'Content-Length': 4 } })),
    );
    const res = await request(app).get('/');
    expect(res.text).toBe('abcd');
    expect(res.headers['content-length']).toBe('4');
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers HEAD with the head only, never reading the source, and releases it', async () => {
    let reads = 0;
    const source = new Readable({
      read() {
        reads++;
        this.push('data');
        this.push(null);
      },
    });
    let generatorReads = 0;
    const gen = (async function* () {
      generatorReads++;
      yield 'never';
    })();
    const closed: string[] = [];
    const app = createApp();
    app.get(
      '/readable',
      view(() => new StreamingHttpResponse(source, { headers: { 'X-Kind': 'readable' } })),
    );
    app.get(
      '/generator',
      view(() => {
        const r = new StreamingHttpResponse(gen, 'text/plain');
        const close = r.close.bind(r);
        r.close = () => {
          closed.push('generator');
          close();
        };
        return r;
      }),
    );
    const head = await request(app).head('/readable');
    expect(head.status).toBe(200);
    expect(head.headers['x-kind']).toBe('readable');
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.text).toBeUndefined();
    await waitFor(() => source.destroyed, 2000, 'the Readable to be destroyed');
    expect(reads).toBe(0);

    const headGen = await request(app).head('/generator');
    expect(headGen.status).toBe(200);
    expect(headGen.headers['content-type']).toBe('text/plain');
    expect(generatorReads).toBe(0);
    expect(closed).toEqual(['generator']);
    // The generator was returned unstarted: pulling it now finds it done.
    await expect(gen.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('sends no body and reads nothing for a 204', async () => {
    let reads = 0;
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (function* () {
              reads++;
              yield 'x';
            })(),
            { status: 204 },
          ),
      ),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(204);
    expect(res.headers['content-type']).toBeUndefined();
    expect(reads).toBe(0);
  });

  it('sends a source that fails before its first chunk to the error handler, untouched', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              throw new Error('database down');
            })(),
            { headers: { 'X-From-View': '1' } },
          ),
      ),
    );
    app.use(handler);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(res.text).toBe('error 500');
    expect(res.headers['x-from-view']).toBeUndefined();
    expect((errors[0] as Error).message).toBe('database down');
  });

  it('cuts the connection when a generator throws after some chunks, and reports the error', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              yield 'row 1\n';
              yield 'row 2\n';
              throw new Error('cursor lost');
            })(),
          ),
      ),
    );
    app.use(handler);
    const server = await listen(app);
    try {
      const result = await rawGet(`${server.url}/`);
      expect(result.status).toBe(200);
      expect(result.body.toString()).toBe('row 1\nrow 2\n');
      expect(result.complete).toBe(false);
      await waitFor(() => errors.length > 0, 2000, 'the error to reach next(err)');
      expect((errors[0] as Error).message).toBe('cursor lost');
    } finally {
      await server.close();
    }
  });

  it('cuts the connection when a sync generator throws after some chunks', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (function* () {
              yield 'a';
              throw new Error('sync failure');
            })(),
          ),
      ),
    );
    app.use(handler);
    const server = await listen(app);
    try {
      const result = await rawGet(`${server.url}/`);
      expect(result.body.toString()).toBe('a');
      expect(result.complete).toBe(false);
      await waitFor(() => errors.length > 0, 2000, 'the error to reach next(err)');
      expect((errors[0] as Error).message).toBe('sync failure');
    } finally {
      await server.close();
    }
  });

  it('reads the source no faster than a paused client takes it', async () => {
    const chunkSize = 64 * 1024;
    const total = 2000; // 125 MiB if read without backpressure
    let produced = 0;
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              for (let i = 0; i < total; i++) {
                produced++;
                yield Buffer.alloc(chunkSize, i % 256);
              }
            })(),
          ),
      ),
    );
    const server = await listen(app);
    try {
      const received = await new Promise<number>((resolve, reject) => {
        http
          .get(`${server.url}/`, { agent: false }, (res) => {
            res.pause();
            let bytesReceived = 0;
            void settle(() => produced).then((stalledAt) => {
              // Socket buffers on both sides hold a few MiB; far less than the whole body.
              expect(stalledAt).toBeLessThan(400);
              res.on('data', (chunk: Buffer) => {
                bytesReceived += chunk.length;
              });
              res.on('end', () => resolve(bytesReceived));
              res.resume();
            }, reject);
          })
          .on('error', reject);
      });
      expect(received).toBe(total * chunkSize);
      expect(produced).toBe(total);
    } finally {
      await server.close();
    }
  });

  it('delivers each server-sent event through compression when it is produced', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = createApp();
    app.use(compression());
    app.get(
      '/events',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              yield 'data: one\n\n';
              await released; // the second event waits until the client has seen the first
              yield 'data: two\n\n';
            })(),
            { contentType: 'text/event-stream', headers: { 'Cache-Control': 'no-cache' } },
          ),
      ),
    );
    const server = await listen(app);
    try {
      const text = await new Promise<string>((resolve, reject) => {
        http
          .get(`${server.url}/events`, { agent: false, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
            expect(res.headers['content-encoding']).toBe('gzip');
            let seen = '';
            const gunzip = res.pipe(createGunzip());
            gunzip.on('data', (chunk: Buffer) => {
              seen += chunk.toString();
              if (seen === 'data: one\n\n') release();
            });
            gunzip.on('end', () => resolve(seen));
            gunzip.on('error', reject);
          })
          .on('error', reject);
      });
      expect(text).toBe('data: one\n\ndata: two\n\n');
    } finally {
      await server.close();
    }
  });

  it('streams a large body through compression byte for byte', async () => {
    const chunk = Buffer.from('0123456789abcdef'.repeat(4096));
    const app = createApp();
    app.use(compression());
    app.get(
      '/',
      view(
        () =>
          new StreamingHttpResponse(
            (function* () {
              for (let i = 0; i < 200; i++) yield chunk;
            })(),
            'text/plain',
          ),
      ),
    );
    const res = await request(app).get('/').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text.length).toBe(chunk.length * 200);
    expect(res.text.slice(0, 32)).toBe('0123456789abcdef0123456789abcdef');
  });

  it('still sends buffered responses on the same app', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('plain')),
    );
    expect((await request(app).get('/')).text).toBe('plain');
  });
});
