import http from 'node:http';
import cors from 'cors';
import request from 'supertest';
import { view } from '../../lib/index.js';
import { isWebResponse } from '../../lib/http/web-response.js';
import { expressVersions } from '../helpers/apps.js';
import { listen, rawGet, recordingErrorHandler, waitFor } from '../helpers/streams.js';

/** A web stream that counts pulls and cancels; highWaterMark 0 so nothing is read ahead. */
function countingStream(chunks: string[]): { stream: ReadableStream<Uint8Array>; pulls(): number; cancels(): number } {
  let pulls = 0;
  let cancels = 0;
  let index = 0;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(encoder.encode(chunk));
      },
      cancel() {
        cancels++;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls, cancels: () => cancels };
}

describe('isWebResponse', () => {
  it('recognises web Responses only', () => {
    expect(isWebResponse(new Response('x'))).toBe(true);
    expect(isWebResponse({ status: 200, headers: {}, body: null })).toBe(false);
    expect(isWebResponse(null)).toBe(false);
  });
});

describe.each(expressVersions)('%s: a view returning a web Response', (_label, createApp) => {
  it('sends its status, status text, headers and body', async () => {
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new Response('created', {
            status: 201,
            statusText: 'Made It',
            headers: { 'Content-Type': 'text/plain', 'X-Custom': 'yes' },
          }),
      ),
    );
    const server = await listen(app);
    try {
      const res = await new Promise<http.IncomingMessage & { text: string }>((resolve, reject) => {
        http
          .get(`${server.url}/`, { agent: false }, (incoming) => {
            let text = '';
            incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
            incoming.on('end', () => resolve(Object.assign(incoming, { text })));
          })
          .on('error', reject);
      });
      expect(res.statusCode).toBe(201);
      expect(res.statusMessage).toBe('Made It');
      expect(res.headers['content-type']).toBe('text/plain');
      expect(res.headers['x-custom']).toBe('yes');
      expect(res.text).toBe('created');
    } finally {
      await server.close();
    }
  });

  it('sends each Set-Cookie on its own, after the cookies middleware set, and merges Vary', async () => {
    const app = createApp();
    app.use(cors({ origin: true }));
    app.use((_req, res, next) => {
      res.cookie('session', 'abc');
      next();
    });
    app.get(
      '/',
      view(() => {
        const headers = new Headers({ Vary: 'Accept-Language' });
        headers.append('Set-Cookie', 'a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT');
        headers.append('Set-Cookie', 'b=2; Path=/; HttpOnly');
        return new Response('ok', { headers });
      }),
    );
    const res = await request(app).get('/').set('Origin', 'http://a.example');
    expect(res.text).toBe('ok');
    expect(res.headers['set-cookie']).toEqual([
      'session=abc; Path=/',
      'a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
      'b=2; Path=/; HttpOnly',
    ]);
    expect(res.headers['vary']).toBe('Origin, Accept-Language');
    expect(res.headers['access-control-allow-origin']).toBe('http://a.example');
  });

  it('sends a Vary the vary module refuses as given, as for a response object, instead of failing', async () => {
    const app = createApp();
    app.use(cors({ origin: true }));
    app.get(
      '/',
      view(() => new Response('ok', { headers: { Vary: 'Accept Language' } })),
    );
    const res = await request(app).get('/').set('Origin', 'http://a.example');
    expect(res.status).toBe(200);
    expect(res.text).toBe('ok');
    expect(res.headers['vary']).toBe('Origin, Accept Language');
  });

  it('streams a ReadableStream body chunk by chunk and finishes reading it', async () => {
    const source = countingStream(['one,', 'two,', 'three']);
    const app = createApp();
    app.get(
      '/',
      view(() => new Response(source.stream, { headers: { 'Content-Type': 'text/csv' } })),
    );
    const res = await request(app).get('/');
    expect(res.text).toBe('one,two,three');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(source.pulls()).toBe(4);
  });

  it('sends Response.json()', async () => {
    const app = createApp();
    app.get(
      '/',
      view(async () => Response.json({ a: 1 })),
    );
    const res = await request(app).get('/');
    expect(res.body).toEqual({ a: 1 });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('answers HEAD with the head and cancels the body unread', async () => {
    const source = countingStream(['never']);
    const app = createApp();
    app.get(
      '/',
      view(() => new Response(source.stream, { headers: { 'X-Kind': 'stream' } })),
    );
    const res = await request(app).head('/');
    expect(res.status).toBe(200);
    expect(res.headers['x-kind']).toBe('stream');
    await waitFor(() => source.cancels() === 1, 2000, 'the body to be cancelled');
    expect(source.pulls()).toBe(0);
  });

  it('sends a 204 without a body', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new Response(null, { status: 204 })),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('cancels the body when the client leaves mid-body', async () => {
    let cancelled = 0;
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                controller.enqueue(new Uint8Array(64 * 1024));
              },
              cancel() {
                cancelled++;
              },
            }),
          ),
      ),
    );
    const server = await listen(app);
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${server.url}/`, { agent: false }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => {
          if (!req.destroyed) reject(err);
        });
      });
      await waitFor(() => cancelled === 1, 5000, 'the body to be cancelled');
    } finally {
      await server.close();
    }
  });

  it('cuts the connection when the body fails mid-way, and reports the error', async () => {
    const { handler, errors } = recordingErrorHandler();
    let step = 0;
    const app = createApp();
    app.get(
      '/',
      view(
        () =>
          new Response(
            new ReadableStream<Uint8Array>(
              {
                pull(controller) {
                  step++;
                  if (step === 1) controller.enqueue(new TextEncoder().encode('partial'));
                  else controller.error(new Error('upstream reset'));
                },
              },
              { highWaterMark: 0 },
            ),
          ),
      ),
    );
    app.use(handler);
    const server = await listen(app);
    try {
      const result = await rawGet(`${server.url}/`);
      expect(result.body.toString()).toBe('partial');
      expect(result.complete).toBe(false);
      await waitFor(() => errors.length === 1, 2000, 'the error to reach next(err)');
      expect((errors[0] as Error).message).toBe('upstream reset');
    } finally {
      await server.close();
    }
  });

  it('reports Response.error() through the error path', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/',
      view(() => Response.error()),
    );
    app.use(handler);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect((errors[0] as Error).message).toMatch(/Response\.error\(\)/);
  });

  it('reports a Response whose body was already read', async () => {
    const { handler, errors } = recordingErrorHandler();
    const app = createApp();
    app.get(
      '/',
      view(async () => {
        const response = new Response('x');
        await response.text();
        return response;
      }),
    );
    app.use(handler);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect((errors[0] as Error).message).toMatch(/already read/);
  });
});
