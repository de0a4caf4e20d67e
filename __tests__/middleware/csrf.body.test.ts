/**
 * csrfViewMiddleware() reading the token of a form body without taking the body from the
 * app: urlencoded and multipart, before and after the app's parsers (express.urlencoded,
 * multer, busboy, a raw reader), a token after a large file part, bodies over the limit,
 * bodies it must not read. Over real HTTP on Express 4 and 5.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import multer from 'multer';
import request from 'supertest';
import { HttpResponse, csrfViewMiddleware, type CsrfOptions } from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const SECRET = 'lcccccccX2kcccccccY2jcccccccssIC';
const TOKEN = '2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf';
const COOKIE = `csrftoken=${SECRET}`;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(expressVersions)('the form token on %s', (_label, express: AppFactory) => {
  /** An app with the middleware first (reasons recorded), then `mount`. */
  function site(mount: (app: ReturnType<AppFactory>) => void, options: CsrfOptions = {}) {
    const app = express();
    const reasons: string[] = [];
    app.use(
      csrfViewMiddleware({
        failureView: (_req, reason) => {
          reasons.push(reason);
          return new HttpResponse(reason, { status: 403 });
        },
        ...options,
      }),
    );
    mount(app);
    return { app, reasons };
  }

  it('reads the urlencoded token, then express.urlencoded() reads the whole body', async () => {
    const { app } = site((app) => {
      app.use(express.urlencoded({ extended: false }));
      app.post('/vote', (req, res) => void res.json(req.body));
    });
    const res = await request(app)
      .post('/vote')
      .set('Cookie', COOKIE)
      .type('form')
      .send(`choice=3&csrfmiddlewaretoken=${TOKEN}&note=caf%C3%A9`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ choice: '3', csrfmiddlewaretoken: TOKEN, note: 'café' });
  });

  it('reads req.body when the app parsed the form first', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use(csrfViewMiddleware());
    app.post('/vote', (req, res) => void res.json(req.body));
    expect(
      (await request(app).post('/vote').set('Cookie', COOKIE).type('form').send({ csrfmiddlewaretoken: TOKEN })).status,
    ).toBe(200);
    expect((await request(app).post('/vote').set('Cookie', COOKIE).type('form').send({ other: '1' })).status).toBe(403);
  });

  it('leaves the exact bytes to a raw reader', async () => {
    const body = Buffer.from(`csrfmiddlewaretoken=${TOKEN}&${'x='.repeat(50_000)}end=1`);
    const { app } = site((app) => {
      app.post(
        '/raw',
        express.raw({ type: '*/*', limit: '1mb' }),
        (req, res) => void res.send(sha(req.body as Buffer)),
      );
    });
    const res = await request(app).post('/raw').set('Cookie', COOKIE).type('form').send(body.toString());
    expect(res.text).toBe(sha(body));
  });

  it('reads a body that arrives in pieces, without Content-Length', async () => {
    const { app } = site((app) => {
      app.use(express.urlencoded({ extended: false }));
      app.post('/vote', (req, res) => void res.json(req.body));
    });
    const server = http.createServer(app).listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const text = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            port,
            method: 'POST',
            path: '/vote',
            headers: { cookie: COOKIE, 'content-type': 'application/x-www-form-urlencoded' },
          },
          (res) => {
            let out = '';
            res
              .setEncoding('utf8')
              .on('data', (c: string) => (out += c))
              .on('end', () => resolve(out));
          },
        );
        req.on('error', reject);
        const parts = ['choice=1&csrfmidd', `lewaretoken=${TOKEN.slice(0, 20)}`, `${TOKEN.slice(20)}&z=9`];
        let i = 0;
        const tick = () => (i < parts.length ? (req.write(parts[i++]), setTimeout(tick, 20)) : req.end());
        tick();
      });
      expect(JSON.parse(text)).toEqual({ choice: '1', csrfmiddlewaretoken: TOKEN, z: '9' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("takes the last of a repeated field, as Django's QueryDict", async () => {
    const { app, reasons } = site((app) => app.post('/v', (_req, res) => void res.send('ok')));
    expect(
      (
        await request(app)
          .post('/v')
          .set('Cookie', COOKIE)
          .type('form')
          .send(`csrfmiddlewaretoken=${'a'.repeat(64)}&csrfmiddlewaretoken=${TOKEN}`)
      ).status,
    ).toBe(200);
    expect(
      (
        await request(app)
          .post('/v')
          .set('Cookie', COOKIE)
          .type('form')
          .send(`csrfmiddlewaretoken=${TOKEN}&csrfmiddlewaretoken=${'a'.repeat(64)}`)
      ).status,
    ).toBe(403);
    expect(reasons).toEqual(['CSRF token from POST incorrect.']);
  });

  describe('multipart', () => {
    const upload = multer({ storage: multer.memoryStorage() });
    function uploads() {
      return site((app) => {
        app.post(
          '/upload',
          upload.single('file'),
          (req, res) =>
            void res.json({
              body: req.body as unknown,
              size: req.file?.size,
              sha: req.file ? sha(req.file.buffer) : null,
            }),
        );
      });
    }

    it('reads the token first in the form, and multer gets every part', async () => {
      const file = Buffer.alloc(200_000, 7);
      const res = await request(uploads().app)
        .post('/upload')
        .set('Cookie', COOKIE)
        .field('csrfmiddlewaretoken', TOKEN)
        .attach('file', file, 'a.bin')
        .field('title', 'Talk');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ body: { csrfmiddlewaretoken: TOKEN, title: 'Talk' }, size: 200_000, sha: sha(file) });
    });

    it('reads a token that comes after a large file part, and multer still gets the file whole', async () => {
      const file = Buffer.alloc(6 * 1024 * 1024);
      for (let i = 0; i < file.length; i++) file[i] = (i * 31) & 0xff;
      const res = await request(uploads().app)
        .post('/upload')
        .set('Cookie', COOKIE)
        .attach('file', file, 'big.bin')
        .field('csrfmiddlewaretoken', TOKEN);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ body: { csrfmiddlewaretoken: TOKEN }, size: file.length, sha: sha(file) });
    });

    it('refuses a form whose token comes after more than bodyLimit bytes, unless the header carries it', async () => {
      const { app, reasons } = site(
        (app) => app.post('/upload', upload.single('file'), (req, res) => void res.json({ size: req.file?.size })),
        { bodyLimit: 64 * 1024 },
      );
      const file = Buffer.alloc(200_000, 1);
      const refused = await request(app)
        .post('/upload')
        .set('Cookie', COOKIE)
        .attach('file', file, 'f.bin')
        .field('csrfmiddlewaretoken', TOKEN);
      expect(refused.status).toBe(403);
      expect(reasons[0]).toMatch(
        /^CSRF token missing\. The form body is larger than bodyLimit \(65536 bytes\): send the token in the X-CSRFToken header, or first in the form\.$/,
      );
      const passed = await request(app)
        .post('/upload')
        .set('Cookie', COOKIE)
        .set('X-CSRFToken', TOKEN)
        .attach('file', file, 'f.bin')
        .field('csrfmiddlewaretoken', TOKEN);
      expect(passed.body).toEqual({ size: 200_000 });
    });

    it('leaves the stream whole to busboy piped by hand', async () => {
      const { app } = site((app) =>
        app.post('/bb', (req: Request, res: Response) => {
          const fields: Record<string, string> = {};
          const parser = busboy({ headers: req.headers });
          parser.on('field', (name, value) => (fields[name] = value));
          parser.on('file', (_name, stream) => stream.resume());
          parser.on('close', () => res.json(fields));
          req.pipe(parser);
        }),
      );
      const res = await request(app)
        .post('/bb')
        .set('Cookie', COOKIE)
        .field('a', '1')
        .field('csrfmiddlewaretoken', TOKEN)
        .field('b', '2');
      expect(res.body).toEqual({ a: '1', csrfmiddlewaretoken: TOKEN, b: '2' });
    });

    it('refuses a broken multipart body without hanging', async () => {
      const { app, reasons } = site((app) => app.post('/upload', (_req, res) => void res.send('ran')));
      const res = await request(app)
        .post('/upload')
        .set('Cookie', COOKIE)
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n');
      expect(res.status).toBe(403);
      expect(reasons).toEqual(['CSRF token missing.']);
    });
  });

  it.each([
    ['a JSON body', (r: request.Test) => r.send({ csrfmiddlewaretoken: TOKEN })],
    [
      'a gzipped form',
      (r: request.Test) =>
        r
          .type('form')
          .set('Content-Encoding', 'gzip')
          .send(gzipSync(`csrfmiddlewaretoken=${TOKEN}`)),
    ],
    ['the query string', (r: request.Test) => r.query({ csrfmiddlewaretoken: TOKEN }).type('form').send('a=1')],
  ])('reads no token from %s (Django reads request.POST only)', async (_name, send) => {
    const { app, reasons } = site((app) => app.post('/v', (_req, res) => void res.send('ran')));
    expect((await send(request(app).post('/v').set('Cookie', COOKIE))).status).toBe(403);
    expect(reasons).toEqual(['CSRF token missing.']);
  });

  it('reads no form token for a PUT (the header only, as Django)', async () => {
    const { app, reasons } = site((app) => app.put('/v', (_req, res) => void res.send('ran')));
    expect(
      (await request(app).put('/v').set('Cookie', COOKIE).type('form').send({ csrfmiddlewaretoken: TOKEN })).status,
    ).toBe(403);
    expect((await request(app).put('/v').set('Cookie', COOKIE).set('X-CSRFToken', TOKEN)).status).toBe(200);
    expect(reasons).toEqual(['CSRF token missing.']);
  });

  it('passes a streamed body on to a handler that pipes it', async () => {
    const { app } = site((app) =>
      app.post('/echo', (req, res) => {
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on('data', (c: Buffer) => chunks.push(c)).on('end', () => res.send(Buffer.concat(chunks).toString()));
        req.pipe(out);
      }),
    );
    const body = `csrfmiddlewaretoken=${TOKEN}&tail=${'y'.repeat(100_000)}`;
    expect((await request(app).post('/echo').set('Cookie', COOKIE).type('form').send(body)).text).toBe(body);
  });
});
