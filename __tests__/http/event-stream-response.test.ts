/**
 * EventStreamResponse: the exact event-stream bytes on a raw socket, headers, heartbeats,
 * flushing through compression, refusals, and lastEventId — over real HTTP on Express 4 and 5.
 */
import http from 'node:http';
import net from 'node:net';
import { createGunzip } from 'node:zlib';
import compression from 'compression';
import request from 'supertest';
import { EventStreamResponse, lastEventId, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, rawGet, recordingErrorHandler, waitFor } from '../helpers/streams.js';

/** Decode a chunked HTTP/1.1 body. */
function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

/** GET `path` over a raw socket and return every byte the server sent until it closed. */
function rawBytes(port: number, path: string, extra = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('EventStreamResponse serialization', () => {
  const body = (events: Iterable<unknown>): string => new EventStreamResponse(events).getvalue().toString('utf8');

  it('sends a string as data, one data: line per line, whatever the line break', () => {
    expect(body(['hello'])).toBe('data: hello\n\n');
    expect(body(['a\nb\r\nc\rd'])).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(body(['', 'x\n'])).toBe('data:\n\ndata: x\ndata:\n\n');
    expect(body([' leading space'])).toBe('data:  leading space\n\n');
  });

  it('writes id, event, retry and data, JSON-encoding data that is not a string', () => {
    expect(body([{ id: 7, event: 'count', retry: 3000, data: { n: 1, text: 'a\nb' } }])).toBe(
      'id: 7\nevent: count\nretry: 3000\ndata: {"n":1,"text":"a\\nb"}\n\n',
    );
    expect(body([{ data: [1, 2] }, { data: null }, { id: '' }])).toBe('data: [1,2]\n\ndata: null\n\nid:\n\n');
  });

  it('never sends a stray CR', () => {
    expect(body(['a\r', '\r\r\n', { data: 'x\r\ny' }])).not.toMatch(/\r/);
  });

  it.each([
    [{ event: 'a\nb' }, /event field event can't contain a line break.*"a\\nb"/],
    [{ id: 'a\rb' }, /event field id can't contain a line break/],
    [{ id: 'a\0b' }, /event id can't contain NUL/],
    [{ event: 5 }, /event field event must be a string \(got 5\)/],
    [{ data: 'x', evnt: 'a' }, /have no field "evnt"/],
    [{}, /none of data, event, id and retry/],
    [42, /must be strings or \{ data, event, id, retry \} objects \(got 42\)/],
    [{ data: 1n }, /can't encode the event's data as JSON \(got 1n\)/],
    [{ data: () => 1 }, /can't encode the event's data as JSON/],
  ])('refuses the event %p', (event, message) => {
    expect(() => body([event])).toThrow(TypeError);
    expect(() => body([event])).toThrow(message);
  });

  it.each([-1, 1.5, NaN, '10'])('refuses retry %p with a RangeError', (retry) => {
    expect(() => body([{ retry }])).toThrow(RangeError);
    expect(() => body([{ retry }])).toThrow(/retry must be a non-negative integer/);
  });

  it('refuses what is not an event source, and a content type or charset of its own', () => {
    expect(() => new EventStreamResponse('data' as never)).toThrow(/must be an iterable or an async iterable.*"data"/);
    expect(() => new EventStreamResponse([], { contentType: 'text/plain' } as never)).toThrow(
      /no option contentType: an event stream is always text\/event-stream; charset=utf-8/,
    );
    expect(() => new EventStreamResponse([], { charset: 'latin-1' })).toThrow(/charset must be utf-8.*"latin-1"/);
    expect(() => new EventStreamResponse([], { heartbeatMs: -5 })).toThrow(RangeError);
    expect(() => new EventStreamResponse([], { heartbeatMs: 'x' as never })).toThrow(
      /heartbeatMs must be a number.*"x"/,
    );
    expect(() => new EventStreamResponse([], { heartbeatMs: 1, stauts: 200 } as never)).toThrow(/no option "stauts"/);
  });

  it('accepts heartbeat, the first name of heartbeatMs (milliseconds too), and refuses both at once', () => {
    // heartbeat, the API's first name for it, is the same milliseconds; both at once is a mistake.
    expect(() => new EventStreamResponse([], { heartbeat: 15_000 })).not.toThrow();
    expect(() => new EventStreamResponse([], { heartbeat: 15_000, heartbeatMs: 15_000 })).toThrow(
      'EventStreamResponse takes heartbeatMs or its older name heartbeat, not both (got 15000 and 15000): write { heartbeatMs: 15000 }.',
    );
  });

  it('sets the event-stream headers, keeping a Cache-Control given', () => {
    const r = new EventStreamResponse([]);
    expect(r.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    expect(r.get('Cache-Control')).toBe('no-cache');
    expect(r.get('X-Accel-Buffering')).toBe('no');
    expect(new EventStreamResponse([], { headers: { 'Cache-Control': 'no-store' } }).get('Cache-Control')).toBe(
      'no-store',
    );
  });
});

describe.each(expressVersions)('%s: EventStreamResponse over HTTP', (_label, createApp) => {
  it('sends the exact event-stream bytes and headers on the wire', async () => {
    const app = createApp();
    app.get(
      '/events',
      view(
        () =>
          new EventStreamResponse(
            (async function* () {
              yield 'one\ntwo';
              yield { event: 'tick', id: 1, data: { n: 1 } };
            })(),
          ),
      ),
    );
    const server = await listen(app);
    try {
      const raw = await rawBytes(Number(new URL(server.url).port), '/events');
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, split);
      const chunked = raw.slice(split + 4);
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head).toMatch(/\r\nContent-Type: text\/event-stream; charset=utf-8\r\n/i);
      expect(head).toMatch(/\r\nCache-Control: no-cache\r\n/i);
      expect(head).toMatch(/\r\nX-Accel-Buffering: no\r\n/i);
      expect(head).toMatch(/\r\nTransfer-Encoding: chunked/i);
      expect(head).not.toMatch(/Content-Length/i);
      expect(unchunk(chunked)).toBe('data: one\ndata: two\n\nid: 1\nevent: tick\ndata: {"n":1}\n\n');
    } finally {
      await server.close();
    }
  });

  it('opens the stream with a comment when the first event is not ready, then sends heartbeats while idle', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finallyRan = false;
    const app = createApp();
    app.get(
      '/events',
      view(
        () =>
          new EventStreamResponse(
            (async function* () {
              try {
                await released;
                yield 'late';
              } finally {
                finallyRan = true;
              }
            })(),
            { heartbeatMs: 20 },
          ),
      ),
    );
    const server = await listen(app);
    try {
      const text = await new Promise<string>((resolve, reject) => {
        http
          .get(`${server.url}/events`, { agent: false }, (res) => {
            expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
            let seen = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              seen += chunk;
              // The opening comment and two heartbeats: the source has been idle.
              if (seen === ':\n:\n:\n') release();
            });
            res.on('end', () => resolve(seen));
            res.on('error', reject);
          })
          .on('error', reject);
      });
      expect(text).toMatch(/^(:\n){3,}data: late\n\n$/);
      expect(finallyRan).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('delivers each event through compression as it is produced', async () => {
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
          new EventStreamResponse(
            (async function* () {
              yield { event: 'a', data: 'one' };
              await released; // the second event waits until the client has seen the first
              yield 'two';
            })(),
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
              if (seen === 'event: a\ndata: one\n\n') release();
            });
            gunzip.on('end', () => resolve(seen));
            gunzip.on('error', reject);
          })
          .on('error', reject);
      });
      expect(text).toBe('event: a\ndata: one\n\ndata: two\n\n');
    } finally {
      await server.close();
    }
  });

  it('clears the heartbeat timer and runs the generator finally when the client leaves', async () => {
    let finallyRan = false;
    const app = createApp();
    app.get(
      '/events',
      view(
        () =>
          new EventStreamResponse(
            (async function* () {
              try {
                for (;;) {
                  yield 'tick';
                  await new Promise((resolve) => setTimeout(resolve, 5));
                }
              } finally {
                finallyRan = true;
              }
            })(),
            { heartbeatMs: 1 },
          ),
      ),
    );
    const server = await listen(app);
    try {
      const timers = (): number =>
        (process as unknown as { getActiveResourcesInfo(): string[] })
          .getActiveResourcesInfo()
          .filter((kind) => kind === 'Timeout').length;
      const before = timers();
      await new Promise<void>((resolve) => {
        const req = http.get(`${server.url}/events`, { agent: false }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => {});
        req.on('close', () => resolve());
      });
      await waitFor(() => finallyRan, 5000, "the generator's finally");
      // Every timer is gone: the heartbeat's and the generator's.
      await waitFor(() => timers() <= before, 5000, 'no timer left');
    } finally {
      await server.close();
    }
  });

  it('answers a bad first event with a clean error response, and a bad later one with a cut', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/first',
      view(() => new EventStreamResponse([{ event: 'a\nb' }])),
    );
    app.get(
      '/later',
      view(() => new EventStreamResponse(['ok', { id: 'a\0' }])),
    );
    app.use(handler);
    const first = await request(app).get('/first');
    expect(first.status).toBe(500);
    expect(String(errors[0])).toMatch(/can't contain a line break/);
    const server = await listen(app);
    try {
      const raw = await rawBytes(Number(new URL(server.url).port), '/later');
      expect(raw).toMatch(/^HTTP\/1\.1 200/);
      expect(raw).toContain('data: ok\n\n');
      expect(raw).not.toMatch(/\r\n0\r\n\r\n$/); // no clean end
      await waitFor(() => errors.length === 2, 5000, 'the second error');
      expect(String(errors[1])).toMatch(/can't contain NUL/);
    } finally {
      await server.close();
    }
  });

  it('reads Last-Event-ID for a reconnect', async () => {
    const app = createApp();
    app.get(
      '/events',
      view((req) => {
        const after = Number(lastEventId(req) ?? 0);
        return new EventStreamResponse([1, 2].map((n) => ({ id: after + n, data: String(after + n) })));
      }),
    );
    const server = await listen(app);
    try {
      const fresh = await rawGet(`${server.url}/events`);
      expect(fresh.body.toString()).toBe('id: 1\ndata: 1\n\nid: 2\ndata: 2\n\n');
      const resumed = await rawGet(`${server.url}/events`, { 'Last-Event-ID': '41' });
      expect(resumed.body.toString()).toBe('id: 42\ndata: 42\n\nid: 43\ndata: 43\n\n');
    } finally {
      await server.close();
    }
    expect(lastEventId({ headers: { 'last-event-id': '' } })).toBeUndefined();
    expect(lastEventId({ headers: {} })).toBeUndefined();
  });
});
