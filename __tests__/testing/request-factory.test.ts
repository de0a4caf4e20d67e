/**
 * RequestFactory: requests Express's own `req` API works on, on Express 4 and 5, and views
 * — plain, decorated, class-based — called with them, no server, no port.
 */
import '../../lib/testing/jest-setup';
import type { Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import express from 'express';
import multer from 'multer';
import request from 'supertest';
import {
  HttpResponse,
  JsonResponse,
  View,
  neverCache,
  requireGET,
  sendResponse,
  view,
  type ViewHandler,
} from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('RequestFactory on %s', (_label, createApp) => {
  const app = createApp();
  const rf = new RequestFactory({ app, secret: 'shh' });

  it("gives Express's req API: get(), query, params, path, hostname, app", () => {
    const req = rf.get(
      '/books/7?sort=title',
      { tag: ['a', 'b'] },
      { params: { id: '7' }, headers: { 'X-Shelf': 'top' } },
    );
    expect(req.method).toBe('GET');
    expect(req.get('x-shelf')).toBe('top');
    expect(req.header('Host')).toBe('testserver');
    expect(req.hostname).toBe('testserver');
    expect(req.query).toEqual({ sort: 'title', tag: ['a', 'b'] });
    expect(req.params).toEqual({ id: '7' });
    expect(req.path).toBe('/books/7');
    expect(req.originalUrl).toBe('/books/7?sort=title&tag=a&tag=b');
    expect(req.url).toBe('/books/7?sort=title&tag=a&tag=b');
    expect(req.protocol).toBe('http');
    expect(req.secure).toBe(false);
    expect(req.ip).toBe('127.0.0.1');
    expect(req.app).toBe(app);
    expect(req.res.req).toBe(req);
    expect(req.accepts(['json', 'html'])).toBe('json');
  });

  it("parses the query with the app's query parser", () => {
    const extended = createApp().set('query parser', 'extended');
    expect(new RequestFactory({ app: extended }).get('/?a[b]=1').query).toEqual({ a: { b: '1' } });
    const simple = createApp().set('query parser', 'simple');
    expect(new RequestFactory({ app: simple }).get('/?a[b]=1').query).toEqual({ 'a[b]': '1' });
  });

  it('POSTs an object as multipart/form-data, in Django encode_multipart bytes (req.body, req.is, the stream)', async () => {
    const req = rf.post('/books', { title: 'Dune', tags: ['sf', 'classic'] });
    expect(req.get('Content-Type')).toBe('multipart/form-data; boundary=BoUnDaRyStRiNg');
    expect(req.body).toEqual({ title: 'Dune', tags: ['sf', 'classic'] });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(
      [
        '--BoUnDaRyStRiNg',
        'Content-Disposition: form-data; name="title"',
        '',
        'Dune',
        '--BoUnDaRyStRiNg',
        'Content-Disposition: form-data; name="tags"',
        '',
        'sf',
        '--BoUnDaRyStRiNg',
        'Content-Disposition: form-data; name="tags"',
        '',
        'classic',
        '--BoUnDaRyStRiNg--',
        '',
      ].join('\r\n'),
    );
  });

  it('sends an object as JSON when told, and with the other methods', () => {
    const json = rf.post('/books', { title: 'Dune' }, { contentType: 'application/json' });
    expect(json.is('application/json')).toBe('application/json');
    expect(json.get('Content-Length')).toBe('16');
    expect(json.body).toEqual({ title: 'Dune' });
    expect(rf.put('/books/1', { title: 'Dune' }).is('application/json')).toBe('application/json');
    expect(rf.patch('/books/1', { title: 'Dune' }).body).toEqual({ title: 'Dune' });
  });

  it('refuses a file, which it cannot read synchronously, naming Client', () => {
    expect(() => rf.post('/upload', { doc: new File(['x'], 'x.txt') })).toThrow(
      'RequestFactory cannot send the file in field "doc": a Blob\'s bytes are read asynchronously. Upload files with Client (await client.post(path, { doc: file })).',
    );
  });

  it('sends a form, text and bytes', () => {
    const form = rf.put('/f', { a: '1', b: ['2', '3'] }, { contentType: 'application/x-www-form-urlencoded' });
    expect(form.is('urlencoded')).toBe('urlencoded');
    expect(form.get('Content-Length')).toBe(String('a=1&b=2&b=3'.length));
    expect(rf.patch('/t', 'hello').is('text/*')).toBe('text/plain');
    expect(rf.delete('/b', new Uint8Array([1, 2])).get('Content-Type')).toBe('application/octet-stream');
    const byHeader = rf.post('/f', { a: '1' }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(byHeader.get('Content-Length')).toBe('3');
    expect(rf.request('PROPFIND', '/dav').method).toBe('PROPFIND');
    expect(rf.head('/h').method).toBe('HEAD');
    expect(rf.options('/o').method).toBe('OPTIONS');
  });

  describe("req.body is what Express's body parser for the content type leaves", () => {
    /** req.body as a view sees it, with its kind: a Buffer, a string or a parsed object. */
    const shape = (body: unknown): { kind: string; value: unknown } =>
      Buffer.isBuffer(body)
        ? { kind: 'Buffer', value: body.toString('hex') }
        : { kind: typeof body, value: typeof body === 'object' && body !== null ? { ...body } : body };
    // The parsers an app stacks: each skips a request an earlier one has read.
    const parsed = createApp();
    parsed.use(
      multer().none(),
      express.json(),
      express.urlencoded(),
      express.text({ type: 'text/*' }),
      express.raw({ type: '*/*' }),
    );
    parsed.all('/', (req: Request, res: Response) => {
      res.json(shape(req.body));
    });

    it.each<[string, string | Uint8Array | Record<string, unknown>, string | undefined]>([
      ['a string, as express.text() gives it', 'héllo', undefined],
      ['text in Latin-1, decoded by its charset', new Uint8Array([0x68, 0xe9]), 'text/plain; charset=latin1'],
      ['bytes, as express.raw() gives them', new Uint8Array([0, 1, 0xff]), undefined],
      ['bytes of an unknown type', new Uint8Array([1, 2]), 'application/pdf'],
      ['a JSON string, parsed as express.json() does', '{"a":[1,2]}', 'application/json'],
      ['JSON in bytes', Buffer.from('{"b":true}'), 'application/json; charset=utf-8'],
      ['a +json type, which express.json() leaves to express.raw()', '{"b":true}', 'application/vnd.api+json'],
      ['a form as a string, parsed as express.urlencoded() does', 'a=1&b=2&b=3', 'application/x-www-form-urlencoded'],
      ['an object sent as a form: strings, as a real form', { n: 1, on: true }, 'application/x-www-form-urlencoded'],
      ['an object sent as JSON: the parsed JSON, not the object', { when: new Date(0) }, 'application/json'],
      ['an object POSTed: its multipart fields, as multer leaves them', { n: 1, on: true, m: ['a', 'b'] }, undefined],
    ])('%s', async (_what, data, contentType) => {
      const opts = contentType === undefined ? {} : { contentType };
      const req = rf.post('/', data, opts);
      // The same bytes, with the same Content-Type, through the real parsers.
      const chunks: Buffer[] = [];
      for await (const chunk of rf.post('/', data, opts)) chunks.push(chunk as Buffer);
      const overHttp = await request(parsed)
        .post('/')
        .set('Content-Type', req.get('Content-Type') as string)
        .serialize((bytes: unknown) => bytes as string)
        .send(Buffer.concat(chunks));
      expect(shape(req.body)).toEqual(overHttp.body);
    });

    it('keeps the raw body readable from the request stream, as a view reading req itself gets it', async () => {
      const req = rf.post('/', new Uint8Array([7, 8, 9]));
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks)).toEqual(Buffer.from([7, 8, 9]));
      expect(req.body).toEqual(Buffer.from([7, 8, 9]));
    });

    it("a view that reads the raw body (Django's request.body) is testable", async () => {
      const checksum: ViewHandler = (req) =>
        Buffer.isBuffer(req.body)
          ? new JsonResponse({ bytes: req.body.length, first: req.body[0] })
          : new HttpResponse('send bytes', { status: 415 });
      const req = rf.post('/upload', Buffer.from([42, 0, 0]), { contentType: 'application/octet-stream' });
      await expect(await checksum(req, req.res)).toEqualJSON({ bytes: 3, first: 42 });
    });

    it('refuses a JSON content type whose text is not JSON, saying what express.json() would do', () => {
      expect(() => rf.post('/', '{nope', { contentType: 'application/json' })).toThrow(
        'RequestFactory data is not JSON, though its content type is application/json (got "{nope"): express.json() would answer 400 before the view ran. Pass an object, valid JSON, or another contentType.',
      );
    });
  });

  it('sets req.cookies, req.signedCookies and req.secret as cookie-parser does', () => {
    const req = rf.get('/', undefined, { cookies: { theme: 'dark mode' }, signedCookies: { user: 'ada' } });
    expect(req.cookies).toEqual({ theme: 'dark mode' });
    expect(req.signedCookies).toEqual({ user: 'ada' });
    expect(req.secret).toBe('shh');
    expect(req.get('Cookie')).toMatch(/^theme=dark%20mode; user=s%3Aada\.[\w%]+$/);
  });

  it('signs cookies the way cookie-parser reads them back', async () => {
    const req = rf.get('/', undefined, { signedCookies: { user: 'ada' } });
    const reader = createApp();
    reader.use(cookieParser('shh'));
    reader.get('/', (r: Request, s: Response) => {
      s.json(r.signedCookies);
    });
    const res = await request(reader)
      .get('/')
      .set('Cookie', req.get('Cookie') as string);
    expect(res.body).toEqual({ user: 'ada' });
  });

  it('makes an HTTPS request with { secure: true }', () => {
    const req = rf.get('/', undefined, { secure: true });
    expect(req.secure).toBe(true);
    expect(req.protocol).toBe('https');
  });

  it('gives a res that sendResponse writes to, with the signed cookie secret from req', async () => {
    const req = rf.get('/');
    const response = new HttpResponse('hi', 'text/plain');
    response.setSignedCookie('user', 'ada');
    await sendResponse(req.res, response);
    expect(req.res.statusCode).toBe(200);
    expect(req.res.getHeader('content-type')).toBe('text/plain');
    expect(String(req.res.getHeader('set-cookie'))).toMatch(/^user=s%3Aada\./);
  });

  it('refuses a path without a leading slash, and signed cookies without a secret', () => {
    expect(() => rf.get('books')).toThrow('RequestFactory needs a path that starts with \'/\' (got "books").');
    expect(() => new RequestFactory({ app }).get('/', undefined, { signedCookies: { a: 'b' } })).toThrow(
      'RequestFactory needs a secret to sign cookies: new RequestFactory({ secret }).',
    );
    expect(() => new RequestFactory({ app: {} as never })).toThrow(
      'RequestFactory option app must be an Express app (what express() returns).',
    );
  });
});

describe('RequestFactory without an app', () => {
  it("uses the project's Express (express() of the package's peer dependency)", () => {
    const req = new RequestFactory().get('/x?a=1');
    expect(req.query).toEqual({ a: '1' });
    expect(typeof req.app.get).toBe('function');
    expect(req.get('host')).toBe('testserver');
  });
});

describe('views called with a RequestFactory request', () => {
  const rf = new RequestFactory();

  it('a plain ViewHandler returns its response', async () => {
    const book: ViewHandler<{ id: string }> = (req) => new JsonResponse({ id: req.params.id, q: req.query.q });
    const req = rf.get<{ id: string }>('/books/7', { q: 'x' }, { params: { id: '7' } });
    const response = await book(req, req.res);
    expect(response).toHaveStatus(200);
    await expect(response).toEqualJSON({ id: '7', q: 'x' });
  });

  it('a decorated view: requireGET answers 405 with Allow, neverCache adds its headers', async () => {
    const home = requireGET(neverCache(() => new HttpResponse('home')));
    const get = rf.get('/');
    const ok = await home(get, get.res);
    expect(ok).toHaveStatus(200);
    expect(ok).toHaveHeader('Cache-Control', /no-cache/);
    await expect(ok).toContainText('home');
    const post = rf.post('/', { a: 1 });
    const refused = await home(post, post.res);
    expect(refused).toHaveStatus(405);
    expect(refused).toHaveHeader('Allow', 'GET');
  });

  it('a class-based view through asHandler(): dispatch, 405, OPTIONS, HEAD', async () => {
    class BookView extends View {
      shelf = 'top';
      override get(req: Request): HttpResponse {
        return new HttpResponse(`<p class="book">${String(req.params.id)} on the ${this.shelf} shelf</p>`);
      }
    }
    const handler = BookView.asHandler({ shelf: 'bottom' });
    const get = rf.get('/books/7', undefined, { params: { id: '7' } });
    const response = await handler(get, get.res);
    expect(response).toHaveStatus(200);
    await expect(response).toContainText('<p class="book">7 on the bottom shelf</p>', { html: true });
    const del = rf.delete('/books/7');
    const refused = await handler(del, del.res);
    expect(refused).toHaveStatus(405);
    expect(refused).toHaveHeader('Allow', 'GET, HEAD, OPTIONS');
    const options = rf.options('/books/7');
    expect(await handler(options, options.res)).toHaveHeader('Allow', 'GET, HEAD, OPTIONS');
    const head = rf.head('/books/7', undefined, { params: { id: '7' } });
    expect(await handler(head, head.res)).toHaveStatus(200);
  });

  it('the same view mounted with view() answers over HTTP', async () => {
    const app = express();
    const home = requireGET(() => new HttpResponse('home'));
    app.all('/', view(home));
    expect(await request(app).post('/')).toHaveStatus(405);
  });
});
