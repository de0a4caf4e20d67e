import compression from 'compression';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import type { ErrorRequestHandler } from 'express';
import express from 'express';
import http from 'node:http';
import session from 'express-session';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseNotModified,
  JsonResponse,
  HttpResponseRedirect,
  isHttpResponse,
  sendResponse,
  StreamingHttpResponse,
  view,
  type Body,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

const recordErrors: (errors: unknown[]) => ErrorRequestHandler = (errors) => (err, _req, res, _next) => {
  errors.push(err);
  res.status(500).type('text/plain').send('failed');
};

describe.each(expressVersions)('sendResponse() on %s', (_label, createApp) => {
  describe('body and length', () => {
    it('sends Content-Length as the byte length, not the string length', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('привет €')),
      );
      const res = await request(app).get('/');
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength('привет €')));
      expect(res.text).toBe('привет €');
    });

    it('replaces a wrong Content-Length the view set with the real one', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('abc', { headers: { 'Content-Length': '999' } })),
      );
      const res = await request(app).get('/');
      expect(res.headers['content-length']).toBe('3');
      expect(res.text).toBe('abc');
    });

    it('sends bytes in another charset as they are', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('café', { contentType: 'text/plain; charset=iso-8859-1' })),
      );
      const res = await request(app)
        .get('/')
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.body).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      expect(res.headers['content-type']).toBe('text/plain; charset=iso-8859-1');
    });
  });

  describe('HEAD and bodiless statuses', () => {
    it('answers HEAD with the headers GET sends and no body', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('twelve bytes')),
      );
      const get = await request(app).get('/');
      const head = await request(app).head('/');
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe('12');
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.headers['etag']).toBe(get.headers['etag']);
      expect(head.text).toBeUndefined();
    });

    it('sends 204 without Content-Type or Content-Length', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('ignored', { status: 204 })),
      );
      const res = await request(app).get('/');
      expect(res.status).toBe(204);
      expect(res.headers['content-type']).toBeUndefined();
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['transfer-encoding']).toBeUndefined();
    });

    it('sends HttpResponseNotModified as a bare 304 that keeps its other headers', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponseNotModified({ headers: { ETag: '"v1"', 'Cache-Control': 'max-age=60' } })),
      );
      const res = await request(app).get('/');
      expect(res.status).toBe(304);
      expect(res.headers['content-type']).toBeUndefined();
      expect(res.headers['etag']).toBe('"v1"');
      expect(res.headers['cache-control']).toBe('max-age=60');
    });

    it('sends 205 with Content-Length: 0 and no body', async () => {
      const app = createApp();
      app.post(
        '/',
        view(() => new HttpResponse('ignored', { status: 205 })),
      );
      const res = await request(app).post('/');
      expect(res.status).toBe(205);
      expect(res.headers['content-length']).toBe('0');
    });
  });

  describe("the app's etag setting and freshness", () => {
    it('adds a weak ETag by default and answers a matching If-None-Match with 304', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('cache me')),
      );
      const first = await request(app).get('/');
      expect(first.headers['etag']).toMatch(/^W\/".+"$/);
      const second = await request(app)
        .get('/')
        .set('If-None-Match', first.headers['etag'] as string);
      expect(second.status).toBe(304);
      expect(second.text).toBe('');
      expect(second.headers['content-type']).toBeUndefined();
      expect(second.headers['content-length']).toBeUndefined();
    });

    it('uses a strong ETag when the app says so', async () => {
      const app = createApp();
      app.set('etag', 'strong');
      app.get(
        '/',
        view(() => new HttpResponse('cache me')),
      );
      const res = await request(app).get('/');
      expect(res.headers['etag']).toMatch(/^"[^"]+"$/);
    });

    it('adds no ETag when the app turned it off', async () => {
      const app = createApp();
      app.set('etag', false);
      app.get(
        '/',
        view(() => new HttpResponse('cache me')),
      );
      const res = await request(app).get('/');
      expect(res.headers['etag']).toBeUndefined();
    });

    it("keeps the view's own ETag and Last-Modified and answers If-Modified-Since", async () => {
      const app = createApp();
      const lastModified = 'Sun, 21 Oct 2007 23:21:47 GMT';
      app.get(
        '/',
        view(() => new HttpResponse('x', { headers: { ETag: '"mine"', 'Last-Modified': lastModified } })),
      );
      const res = await request(app).get('/');
      expect(res.headers['etag']).toBe('"mine"');
      const since = await request(app).get('/').set('If-Modified-Since', lastModified);
      expect(since.status).toBe(304);
    });

    it('does not answer 304 to a POST, nor for an error status', async () => {
      const app = createApp();
      app.post(
        '/',
        view(() => new HttpResponse('x', { headers: { ETag: '"e"' } })),
      );
      app.get(
        '/missing',
        view(() => new HttpResponse('x', { status: 404, headers: { ETag: '"e"' } })),
      );
      expect((await request(app).post('/').set('If-None-Match', '"e"')).status).toBe(200);
      expect((await request(app).get('/missing').set('If-None-Match', '"e"')).status).toBe(404);
    });
  });

  describe('cookies', () => {
    it('sends one Set-Cookie header per cookie', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponse('x').setCookie('a', '1').setCookie('b', '2', { httpOnly: true }).deleteCookie('c')),
      );
      const res = await request(app).get('/');
      const cookies = res.headers['set-cookie'] as unknown as string[];
      expect(cookies).toHaveLength(3);
      expect(cookies[0]).toBe('a=1; Path=/');
      expect(cookies[1]).toBe('b=2; Path=/; HttpOnly');
      expect(cookies[2]).toMatch(/^c=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT$/);
    });

    it("signs a cookie with cookie-parser's secret so req.signedCookies reads it back", async () => {
      const app = createApp();
      app.use(cookieParser('keyboard cat'));
      app.get(
        '/set',
        view(() => new HttpResponse('set').setSignedCookie('uid', '42')),
      );
      app.get(
        '/read',
        view((req) => new JsonResponse({ signed: req.signedCookies, plain: req.cookies })),
      );
      const agent = request.agent(app);
      const set = await agent.get('/set');
      expect((set.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^uid=s%3A42\./);
      const read = await agent.get('/read');
      expect(read.body).toEqual({ signed: { uid: '42' }, plain: {} });
    });

    it('fails before writing anything when a signed cookie has no secret', async () => {
      const app = createApp();
      const errors: unknown[] = [];
      app.get(
        '/',
        view(() => new HttpResponse('x', { headers: { 'X-Should-Not-Leak': '1' } }).setSignedCookie('uid', '1')),
      );
      app.use(recordErrors(errors));
      const res = await request(app).get('/');
      expect(res.status).toBe(500);
      expect(res.text).toBe('failed');
      expect(res.headers['x-should-not-leak']).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
      expect((errors[0] as Error).message).toMatch(/setSignedCookie\("uid"\) has no secret/);
    });
  });

  describe('what middleware already put on res', () => {
    it("keeps express-session's Set-Cookie beside the response's own cookies", async () => {
      const app = createApp();
      app.use(session({ secret: 's3cr3t', resave: false, saveUninitialized: true, name: 'sid' }));
      app.get(
        '/',
        view((req) => {
          (req.session as unknown as { views: number }).views = 1;
          return new HttpResponse('x').setCookie('theme', 'dark');
        }),
      );
      const res = await request(app).get('/');
      const cookies = res.headers['set-cookie'] as unknown as string[];
      expect(cookies).toHaveLength(2);
      expect(cookies.some((c) => c.startsWith('sid=s%3A'))).toBe(true);
      expect(cookies).toContain('theme=dark; Path=/');
    });

    it("merges the response's Vary with the Vary cors set", async () => {
      const app = createApp();
      app.use(cors({ origin: ['https://a.example'] }));
      app.get(
        '/',
        view(() => new JsonResponse({}, { headers: { Vary: 'Accept-Encoding, Origin' } })),
      );
      const res = await request(app).get('/').set('Origin', 'https://a.example');
      expect(res.headers['vary']).toBe('Origin, Accept-Encoding');
      expect(res.headers['access-control-allow-origin']).toBe('https://a.example');
    });

    it('replaces a header middleware set when the response sets the same one', async () => {
      const app = createApp();
      app.use((_req, res, next) => {
        res.setHeader('Cache-Control', 'public');
        res.setHeader('X-Frame-Options', 'DENY');
        next();
      });
      app.get(
        '/',
        view(() => new HttpResponse('x', { headers: { 'cache-control': 'no-store' } })),
      );
      const res = await request(app).get('/');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

    it('works behind compression', async () => {
      const app = createApp();
      app.use(compression({ threshold: 0 }));
      const body = 'compress me '.repeat(200);
      app.get(
        '/',
        view(() => new HttpResponse(body, 'text/plain')),
      );
      const res = await request(app).get('/').set('Accept-Encoding', 'gzip');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.text).toBe(body);
    });
  });

  describe('redirects', () => {
    it('sends Location and the status', async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponseRedirect('/next/?a=1', { preserveRequest: true })),
      );
      const res = await request(app).get('/');
      expect(res.status).toBe(307);
      expect(res.headers['location']).toBe('/next/?a=1');
    });

    // Freshness applies to 2xx only, so an ETag on a 3xx is only cost; res.redirect sends none.
    it("adds no app ETag, as res.redirect doesn't, even with a body", async () => {
      const app = createApp();
      app.get(
        '/',
        view(() => new HttpResponseRedirect('/next/', { content: 'Moved.' })),
      );
      app.get('/express', (_req, res) => {
        res.redirect('/next/');
      });
      const [ours, theirs] = [await request(app).get('/'), await request(app).get('/express')];
      expect(ours.status).toBe(302);
      expect(ours.text).toBe('Moved.');
      expect(ours.headers['etag']).toBeUndefined();
      expect(theirs.headers['etag']).toBeUndefined();
    });
  });

  describe('buffered responses settle once, after close()', () => {
    it('resolves sendResponse() after the response closed and close() ran', async () => {
      const app = createApp();
      const order: string[] = [];
      let settled: Promise<void> | undefined;
      app.get('/', (_req, res) => {
        const response = new HttpResponse('done');
        const close = response.close.bind(response);
        response.close = () => {
          order.push(`close (finished: ${String(res.writableFinished)})`);
          close();
        };
        settled = sendResponse(res, response).then(() => {
          order.push('settled');
        });
      });
      const res = await request(app).get('/');
      expect(res.text).toBe('done');
      await settled;
      expect(order).toEqual(['close (finished: true)', 'settled']);
    });

    it('under view(), runs a close() of its own after the response finished; a plain response is closed once written', async () => {
      const app = createApp();
      const finishedAtClose: boolean[] = [];
      const plain = new HttpResponse('plain');
      let plainClosedAtFinish: boolean | undefined;
      app.get(
        '/own-close',
        view((_req, res) => {
          const response = new HttpResponse('own');
          response.close = () => finishedAtClose.push(res.writableFinished);
          return response;
        }),
      );
      app.get(
        '/plain',
        view((_req, res) => {
          res.on('finish', () => {
            plainClosedAtFinish = plain.closed;
          });
          return plain;
        }),
      );
      expect((await request(app).get('/own-close')).text).toBe('own');
      expect((await request(app).get('/plain')).text).toBe('plain');
      await new Promise((resolve) => setImmediate(resolve));
      expect(finishedAtClose).toEqual([true]);
      expect(plainClosedAtFinish).toBe(true);
    });

    it('rejects with what close() throws', async () => {
      const app = createApp();
      let outcome: Promise<unknown> | undefined;
      app.get('/', (_req, res) => {
        const response = new HttpResponse('done');
        response.close = () => {
          throw new Error('close failed');
        };
        outcome = sendResponse(res, response).then(
          () => 'resolved',
          (err: unknown) => err,
        );
      });
      await request(app).get('/');
      await expect(outcome).resolves.toEqual(new Error('close failed'));
    });
  });

  describe('from a plain Express handler', () => {
    it('settles when the response is written', async () => {
      const app = createApp();
      let settled = false;
      app.get('/', (_req, res, next) => {
        sendResponse(res, new HttpResponse('ok')).then(() => {
          settled = true;
        }, next);
      });
      const res = await request(app).get('/');
      expect(res.text).toBe('ok');
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(true);
    });

    it('rejects when the response was already sent, and closes the response object', async () => {
      const app = createApp();
      let error: unknown;
      const response = new HttpResponse('late');
      app.get('/', (_req, res) => {
        res.send('first');
        sendResponse(res, response).catch((err: unknown) => {
          error = err;
        });
      });
      const res = await request(app).get('/');
      expect(res.text).toBe('first');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect((error as Error).message).toMatch(/a response was already sent/);
      expect(response.closed).toBe(true);
    });

    it('rejects something that is not a response', async () => {
      const app = createApp();
      let error: unknown;
      app.get('/', (_req, res) => {
        sendResponse(res, { status: 200 } as never).catch((err: unknown) => {
          error = err;
          res.status(500).end();
        });
      });
      await request(app).get('/');
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/needs an HttpResponse/);
    });

    it('closes the response after writing it', async () => {
      const app = createApp();
      const response = new HttpResponse('ok');
      app.get(
        '/',
        view(() => response),
      );
      await request(app).get('/');
      await new Promise((resolve) => setImmediate(resolve));
      expect(response.closed).toBe(true);
    });
  });
});

describe.each(expressVersions)('a 1xx status as the answer, on %s', (_label, createApp) => {
  it.each([
    ['HttpResponse', () => new HttpResponse('', { status: 100 })],
    ['StreamingHttpResponse', () => new StreamingHttpResponse(['x'], { status: 103 })],
  ])('refuses %s instead of leaving the client waiting for a final response', async (name, make) => {
    const app = createApp();
    const errors: unknown[] = [];
    const closed: boolean[] = [];
    app.get(
      '/',
      view(() => {
        const response = make();
        response.close = () => closed.push(true);
        return response;
      }),
    );
    app.use(recordErrors(errors));
    const res = await request(app).get('/').timeout(5000);
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(
      new RegExp(
        `^RangeError: Can't send ${name} with status 10[03]: a 1xx status is informational, never a final response\\.`,
      ),
    );
    expect(closed).toEqual([true]);
  });
});

describe('isHttpResponse()', () => {
  it('recognises responses by brand, not only instanceof', () => {
    expect(isHttpResponse(new HttpResponse())).toBe(true);
    expect(isHttpResponse(new JsonResponse({}))).toBe(true);
    expect(isHttpResponse({ statusCode: 200, headers: {} })).toBe(false);
    expect(isHttpResponse(null)).toBe(false);
    const foreign = Object.create({ [Symbol.for('express-httpresponse.HttpResponseBase')]: true }) as object;
    expect(isHttpResponse(foreign)).toBe(true);
  });
});

/**
 * Text content goes out as text when no ETag needs its bytes first: on plain `node:http`, and
 * under Express with `etag` off. What is sent must still be what `content` says.
 */
describe.each([
  ['plain node:http', (handler: http.RequestListener): http.RequestListener => handler],
  [
    'Express with etag off',
    (handler: http.RequestListener): http.RequestListener => {
      const app = express();
      app.set('etag', false);
      app.use(handler);
      return app;
    },
  ],
])('text content without an ETag, on %s', (_label, serve) => {
  function serveOne(make: () => HttpResponse): http.Server {
    return http.createServer(
      serve((_req, res) => {
        sendResponse(res, make()).catch((err: unknown) => res.destroy(err as Error));
      }),
    );
  }
  const bytesOf = (req: request.Test): Promise<Buffer> =>
    req
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .then((res) => res.body as Buffer);

  it('sends what an overriding content getter returns', async () => {
    class Shouting extends HttpResponse {
      override get content(): Buffer {
        return Buffer.from(super.content.toString('utf8').toUpperCase());
      }
      override set content(value: Body) {
        super.content = value;
      }
    }
    const res = await request(serveOne(() => new Shouting('quiet'))).get('/');
    expect(res.text).toBe('QUIET');
    expect(res.headers['content-length']).toBe('5');
    expect(res.headers['etag']).toBeUndefined();
  });

  it('sends text as the UTF-8 it was assigned in, whatever the charset set afterwards', async () => {
    const body = await bytesOf(
      request(
        serveOne(() => {
          const r = new HttpResponse('é', 'text/plain');
          r.charset = 'latin-1';
          return r;
        }),
      ).get('/'),
    );
    expect(body).toEqual(Buffer.from('é', 'utf8'));
  });

  it('sends text written after text content, in order', async () => {
    const res = await request(
      serveOne(() => {
        const r = new HttpResponse('привет', 'text/plain');
        r.write(', мир');
        return r;
      }),
    ).get('/');
    expect(res.text).toBe('привет, мир');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('привет, мир')));
  });

  it('sends text in a Latin-1 charset as Latin-1 bytes', async () => {
    const body = await bytesOf(
      request(serveOne(() => new HttpResponse('café', 'text/plain; charset=iso-8859-1'))).get('/'),
    );
    expect(body).toEqual(Buffer.from('café', 'latin1'));
  });

  it('sends a JsonResponse whole, with its byte length', async () => {
    const data = { name: 'Zoë', tags: new Set(['ü']) };
    const res = await request(serveOne(() => new JsonResponse(data))).get('/');
    expect(res.body).toEqual({ name: 'Zoë', tags: ['ü'] });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Zoë","tags":["ü"]}')));
  });

  it('sends no body to HEAD, with the length GET would have', async () => {
    const res = await request(serveOne(() => new HttpResponse('привет', 'text/plain'))).head('/');
    expect(res.headers['content-length']).toBe('12');
    expect(res.text).toBeUndefined();
  });
});

/** Headers middleware put on `res` before the view answered are read where the writer needs them. */
describe.each(expressVersions)('headers middleware set on res, on %s', (_label, createApp) => {
  function appWith(headers: Record<string, string>): ReturnType<typeof createApp> {
    const app = createApp();
    app.use((_req, res, next) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      next();
    });
    app.get(
      '/',
      view(() => new HttpResponse('body')),
    );
    return app;
  }

  it("keeps middleware's ETag instead of the app's, and answers 304 to it", async () => {
    const app = appWith({ ETag: '"from-middleware"' });
    const first = await request(app).get('/');
    expect(first.headers['etag']).toBe('"from-middleware"');
    expect(first.text).toBe('body');
    const second = await request(app).get('/').set('If-None-Match', '"from-middleware"');
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
  });

  it("answers 304 to middleware's Last-Modified", async () => {
    const app = appWith({ 'Last-Modified': 'Wed, 21 Oct 2015 07:28:00 GMT' });
    app.set('etag', false);
    const res = await request(app).get('/').set('If-Modified-Since', 'Wed, 21 Oct 2015 07:28:00 GMT');
    expect(res.status).toBe(304);
  });

  it("drops middleware's Transfer-Encoding for the exact Content-Length", async () => {
    const res = await request(appWith({ 'Transfer-Encoding': 'chunked' })).get('/');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe('4');
    expect(res.text).toBe('body');
  });
});
