/**
 * Client: Django's test client over a real Express app (4 and 5), no server, no port —
 * methods and bodies, follow, cookies, headers, templates and context, capped bodies.
 */
import '../../lib/testing/jest-setup';
import cookieParser from 'cookie-parser';
import express from 'express';
import multer from 'multer';
import request from 'supertest';
import { HttpResponse, JsonResponse, StreamingHttpResponse, render, view } from '../../lib/index.js';
import { Client, RedirectCycleError } from '../../lib/testing/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

function buildApp(createApp: AppFactory, closed: { count: number }): express.Express {
  const app = useNunjucks(createApp());
  // multer reads the multipart bodies Client posts by default, as Django's client posts them.
  const upload = multer({ storage: multer.memoryStorage() });
  app.use(upload.any(), express.urlencoded({ extended: false }), express.json(), cookieParser());
  const echo = view(
    (req) =>
      new JsonResponse({
        method: req.method,
        path: req.path,
        query: req.query,
        body: req.body as unknown,
        contentType: req.get('content-type') ?? null,
        header: req.get('x-test') ?? null,
        cookies: req.cookies as unknown,
        secure: req.secure,
        host: req.hostname,
      }),
  );
  app.all('/echo/', echo);
  app.all('/redirect/:status/', (req, res) => {
    res.redirect(Number(req.params.status), typeof req.query.to === 'string' ? req.query.to : '/echo/');
  });
  app.get('/loop/a/', (_req, res) => res.redirect('/loop/b/'));
  app.get('/loop/b/', (_req, res) => res.redirect('/loop/a/'));
  app.get('/chain/:n/', (req, res) => res.redirect(`/chain/${Number(req.params.n) + 1}/`));
  app.get('/relative/', (_req, res) => res.redirect('../echo/'));
  app.get('/login/', (_req, res) => {
    res.cookie('sessionid', 'abc123', { httpOnly: true }).send('logged in');
  });
  app.get('/logout/', (_req, res) => {
    res.clearCookie('sessionid').send('logged out');
  });
  app.get(
    '/set-cookie-view/',
    view(() => {
      return new HttpResponse('ok').setCookie('theme', 'dark');
    }),
  );
  app.get('/hello/', (req, res) => res.render('hello', { name: req.query.name ?? 'World' }));
  app.get(
    '/shortcut/',
    view((req) => render(req, 'hello.njk', { name: 'Shortcut', site: 'Books' })),
  );
  app.get('/two/', (_req, res) => {
    res.locals.user = 'ada';
    app.render('hello', { name: 'first' }, (err) => {
      if (err) throw err;
      res.render('article', { article: { title: 'T', body: 'B' } });
    });
  });
  app.get(
    '/stream/',
    view(() => new StreamingHttpResponse(['one,', 'two,', 'three'], { contentType: 'text/csv' })),
  );
  app.get(
    '/endless/',
    view(() => {
      async function* endless(): AsyncGenerator<string> {
        try {
          for (;;) yield 'x'.repeat(1024);
        } finally {
          closed.count += 1;
        }
      }
      return new StreamingHttpResponse(endless());
    }),
  );
  app.post('/upload/', (req, res) => {
    const files = (req.files as Express.Multer.File[]).map(
      (f) => `${f.fieldname}:${f.originalname}:${f.buffer.toString()}`,
    );
    res.json({ files, fields: req.body as unknown });
  });
  return app;
}

describe.each(expressVersions)('Client on %s', (_label, createApp) => {
  const closed = { count: 0 };
  const app = buildApp(createApp, closed);

  describe('methods, query, headers and bodies', () => {
    it('GETs with a query and headers, and reads status, headers, content, text and json()', async () => {
      const client = new Client(app, { headers: { 'X-Test': 'client' } });
      const response = await client.get('/echo/?a=1', { b: ['2', '3'] });
      expect(response.statusCode).toBe(200);
      expect(response.status).toBe(200);
      expect(response.get('Content-Type')).toBe('application/json');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(Buffer.isBuffer(response.content)).toBe(true);
      expect(JSON.parse(response.text)).toEqual(response.json());
      expect(response.json()).toMatchObject({
        method: 'GET',
        query: { a: '1', b: ['2', '3'] },
        header: 'client',
        host: 'testserver',
        secure: false,
      });
      expect(response.request.url).toBe('http://testserver/echo/?a=1&b=2&b=3');
      expect((await client.get('/echo/', {}, { headers: { 'x-test': 'override' } })).json()).toMatchObject({
        header: 'override',
      });
    });

    it('POSTs an object as multipart/form-data, as Django, which multer reads', async () => {
      const response = await new Client(app).post('/echo/', { value: 37, multi: ['b', 'c'] });
      expect(response.json()).toMatchObject({
        method: 'POST',
        contentType: expect.stringMatching(/^multipart\/form-data; boundary=/) as unknown,
        body: { value: '37', multi: ['b', 'c'] },
      });
    });

    it('POSTs a form when told, which express.urlencoded() reads', async () => {
      const response = await new Client(app).post(
        '/echo/',
        { value: 37, multi: ['b', 'c'] },
        { contentType: 'application/x-www-form-urlencoded' },
      );
      expect(response.json()).toMatchObject({
        contentType: 'application/x-www-form-urlencoded',
        body: { value: '37', multi: ['b', 'c'] },
      });
    });

    it('sends an object as JSON with the other methods, as RequestFactory', async () => {
      const response = await new Client(app).put('/echo/', { a: [1, { b: null }] });
      expect(response.json()).toMatchObject({ contentType: 'application/json', body: { a: [1, { b: null }] } });
    });

    it('sends JSON under contentType application/json, and text and bytes as they are', async () => {
      const client = new Client(app);
      const json = await client.put('/echo/', { a: [1, { b: null }] }, { contentType: 'application/json' });
      expect(json.json()).toMatchObject({ method: 'PUT', body: { a: [1, { b: null }] } });
      const patched = await client.patch('/echo/', '{"n":1}', { contentType: 'application/json' });
      expect(patched.json()).toMatchObject({ method: 'PATCH', body: { n: 1 } });
      const deleted = await client.delete('/echo/');
      expect(deleted.json()).toMatchObject({ method: 'DELETE', contentType: null });
      const options = await client.options('/echo/');
      expect(options.json()).toMatchObject({ method: 'OPTIONS' });
    });

    it('HEAD gets the headers and no body', async () => {
      const response = await new Client(app).head('/echo/');
      expect(response.statusCode).toBe(200);
      expect(response.get('content-type')).toBe('application/json');
      expect(response.content.length).toBe(0);
    });

    it('uploads files as multipart/form-data, which multer reads', async () => {
      const response = await new Client(app).post('/upload/', {
        title: 'notes',
        attachment: new File(['hello file'], 'notes.txt', { type: 'text/plain' }),
      });
      expect(response.json()).toEqual({ files: ['attachment:notes.txt:hello file'], fields: { title: 'notes' } });
    });

    it('makes HTTPS requests with secure: true', async () => {
      const response = await new Client(app).get('/echo/', undefined, { secure: true });
      expect(response.json()).toMatchObject({ secure: true });
      expect(response.request.url).toBe('https://testserver/echo/');
    });

    it('rejects a path without a leading slash and a bad app, saying what it got', async () => {
      await expect(new Client(app).get('echo/')).rejects.toThrow(
        `Client needs a path that starts with '/' (got "echo/").`,
      );
      expect(() => new Client({} as express.Express)).toThrow('(got object)');
      expect(() => new Client(app, { maxRedirects: -1 })).toThrow('maxRedirects must be an integer >= 0 (got -1)');
    });

    it("leaves Express's shared prototypes alone: a real server on the same app still answers", async () => {
      await new Client(app).post('/echo/', { a: '1' });
      const response = await request(app).post('/echo/').type('form').send({ a: '2' });
      expect(response.body).toMatchObject({ method: 'POST', body: { a: '2' } });
    });

    it('json() on a response that is not JSON says its content type', async () => {
      const response = await new Client(app).get('/login/');
      expect(() => response.json()).toThrow(
        'Content-Type header is "text/html; charset=utf-8", not "application/json"',
      );
    });
  });

  describe('follow', () => {
    it('does not follow by default: the redirect itself, with an empty chain', async () => {
      const response = await new Client(app).get('/redirect/302/');
      expect(response.statusCode).toBe(302);
      expect(response.redirectChain).toEqual([]);
      await expect(response).toRedirectTo('/echo/');
    });

    it('follows to the end, recording [url, status] for each hop', async () => {
      const response = await new Client(app).get('/redirect/301/', { to: '/redirect/302/' }, { follow: true });
      expect(response.statusCode).toBe(200);
      expect(response.redirectChain).toEqual([
        ['/redirect/302/', 301],
        ['/echo/', 302],
      ]);
      expect(response.request.url).toBe('http://testserver/echo/');
      await expect(response).toRedirectTo('/echo/');
    });

    it.each([301, 302, 303])('turns a POST into a GET without a body after a %i', async (status) => {
      const response = await new Client(app).post(`/redirect/${status}/`, { a: '1' }, { follow: true });
      expect(response.json()).toMatchObject({ method: 'GET', contentType: null });
    });

    it.each([307, 308])('keeps the method and body after a %i', async (status) => {
      const response = await new Client(app).post(`/redirect/${status}/`, { a: '1' }, { follow: true });
      expect(response.json()).toMatchObject({
        method: 'POST',
        body: { a: '1' },
        contentType: expect.stringMatching(/^multipart\/form-data; boundary=/) as unknown,
      });
      expect(response.redirectChain).toEqual([['/echo/', status]]);
    });

    it('resolves a relative Location against the URL it came from', async () => {
      const response = await new Client(app).get('/relative/', undefined, { follow: true });
      expect(response.redirectChain).toEqual([['../echo/', 302]]);
      expect(response.json()).toMatchObject({ path: '/echo/' });
    });

    it('follows to another host and scheme, sending the new Host', async () => {
      const response = await new Client(app).get(
        '/redirect/302/',
        { to: 'https://other.example/echo/' },
        { follow: true },
      );
      expect(response.json()).toMatchObject({ host: 'other.example', secure: true });
    });

    it('fails on a redirect loop with RedirectCycleError, naming the chain', async () => {
      const error = await new Client(app).get('/loop/a/', undefined, { follow: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectCycleError);
      expect((error as RedirectCycleError).message).toBe(
        'Redirect loop detected: 302 /loop/b/ -> 302 /loop/a/ -> 302 /loop/b/.',
      );
      expect((error as RedirectCycleError).lastResponse.statusCode).toBe(302);
    });

    it('fails after maxRedirects, naming the option', async () => {
      const error = await new Client(app, { maxRedirects: 3 })
        .get('/chain/0/', undefined, { follow: true })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectCycleError);
      expect((error as Error).message).toMatch(/^Too many redirects: more than 3 \(\/chain\/1\/ -> .*maxRedirects/);
      expect((error as RedirectCycleError).lastResponse.redirectChain).toHaveLength(4);
    });
  });

  describe('cookies', () => {
    it('keeps cookies the app sets for the next requests, and drops cleared ones', async () => {
      const client = new Client(app);
      await client.get('/login/');
      expect(client.getCookie('sessionid')).toBe('abc123');
      expect((await client.get('/echo/')).json()).toMatchObject({ cookies: { sessionid: 'abc123' } });
      await client.get('/logout/');
      expect(client.getCookie('sessionid')).toBeUndefined();
      expect((await client.get('/echo/')).json()).toMatchObject({ cookies: {} });
    });

    it("keeps cookies set through the package's setCookie(), and a fresh client has none", async () => {
      const client = new Client(app);
      await client.get('/set-cookie-view/');
      expect((await client.get('/echo/')).json()).toMatchObject({ cookies: { theme: 'dark' } });
      expect((await new Client(app).get('/echo/')).json()).toMatchObject({ cookies: {} });
    });

    it('sends cookies set on the client, and the jar is tough-cookie’s', async () => {
      const client = new Client(app);
      client.setCookie('lang', 'fr');
      client.cookies.setCookieSync('flavour=mint; Path=/echo/', 'http://testserver/');
      expect((await client.get('/echo/')).json()).toMatchObject({ cookies: { lang: 'fr', flavour: 'mint' } });
    });

    it('keeps the cookies set along a followed redirect chain', async () => {
      const client = new Client(app);
      const response = await client.get('/redirect/302/', { to: '/login/' }, { follow: true });
      expect(response.text).toBe('logged in');
      expect(client.getCookie('sessionid')).toBe('abc123');
    });
  });

  describe('templates and context', () => {
    it('records a res.render() template and its context', async () => {
      const response = await new Client(app).get('/hello/', { name: 'Ada' });
      expect(response.templates.map((t) => t.name)).toEqual(['hello']);
      expect(response.context).toMatchObject({ name: 'Ada' });
      expect(response.context).not.toHaveProperty('settings');
      expect(response.text).toBe('<h1>Hello, Ada!</h1>\n');
    });

    it("records the render() shortcut's template", async () => {
      const response = await new Client(app).get('/shortcut/');
      expect(response.templates.map((t) => t.name)).toEqual(['hello.njk']);
      expect(response.context).toEqual({ name: 'Shortcut', site: 'Books' });
    });

    it('records every render of a request in order; context looks a key up in the first', async () => {
      const response = await new Client(app).get('/two/');
      expect(response.templates.map((t) => t.name)).toEqual(['hello', 'article']);
      expect(response.context).toMatchObject({ name: 'first', user: 'ada', article: { title: 'T' } });
      expect(response.templates[1]?.context).toMatchObject({ user: 'ada' });
    });

    it('keeps concurrent requests’ templates apart, and a view that rendered nothing has none', async () => {
      const client = new Client(app);
      const [a, b, c] = await Promise.all([
        client.get('/hello/', { name: 'A' }),
        client.get('/echo/'),
        client.get('/hello/', { name: 'C' }),
      ]);
      expect(a.context).toMatchObject({ name: 'A' });
      expect(b.templates).toEqual([]);
      expect(b.context).toBeUndefined();
      expect(c.context).toMatchObject({ name: 'C' });
    });

    it('after follow, the templates are those of the last response', async () => {
      const response = await new Client(app).get('/redirect/302/', { to: '/hello/' }, { follow: true });
      expect(response.templates.map((t) => t.name)).toEqual(['hello']);
    });
  });

  describe('streaming bodies', () => {
    it('reads a streaming response to the end: streamingContent holds its chunks', async () => {
      const response = await new Client(app).get('/stream/');
      expect(response.streaming).toBe(true);
      expect(Buffer.concat([...response.streamingContent]).toString()).toBe('one,two,three');
      expect(response.text).toBe('one,two,three');
      expect((await new Client(app).get('/login/')).streaming).toBe(false);
    });

    it('fails past maxBodyBytes naming the option, and closes the endless stream', async () => {
      const before = closed.count;
      const error = await new Client(app, { maxBodyBytes: 64 * 1024 }).get('/endless/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toMatch(
        /^Client read more than 65536 bytes of the body of GET \/endless\/ without reaching its end \(got \d+ bytes so far\)\. For a longer body, raise new Client\(app, \{ maxBodyBytes \}\)\.$/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed.count).toBe(before + 1);
    });
  });
});
