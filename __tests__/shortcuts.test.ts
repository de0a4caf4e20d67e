/** render, redirect, getObjectOr404 (Django's django/shortcuts.py), over real HTTP with nunjucks. */
import request from 'supertest';
import {
  DisallowedRedirect,
  Http404,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  getObjectOr404,
  httpErrorHandler,
  redirect,
  render,
  view,
} from '../lib/index.js';
import { expressVersions } from './helpers/apps.js';
import { useNunjucks } from './helpers/nunjucks.js';

describe.each(expressVersions)('render() on %s', (_label, createApp) => {
  it("renders through the app's view engine into an HttpResponse the view can change", async () => {
    const app = useNunjucks(createApp());
    app.get(
      '/',
      view(async (req) => {
        const response = await render(req, 'hello', { name: '<Ada>' });
        response.set('X-Rendered', 'yes');
        return response;
      }),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-rendered']).toBe('yes');
    expect(res.text).toBe('<h1>Hello, &lt;Ada&gt;!</h1>\n');
  });

  it('sees app.locals and res.locals under the context, as res.render does', async () => {
    const app = useNunjucks(createApp());
    app.locals.site = 'Site';
    app.use((_req, res, next) => {
      res.locals.user = 'grace';
      res.locals.name = 'overridden';
      next();
    });
    app.get(
      '/',
      view((req) => render(req, 'hello.njk', { name: 'Ada' })),
    );
    expect((await request(app).get('/')).text).toBe('<h1>Hello, Ada!</h1><p>Site</p><p>grace</p>\n');
  });

  it('takes status, contentType and headers as HttpResponse does', async () => {
    const app = useNunjucks(createApp());
    app.get(
      '/',
      view((req) =>
        render(req, 'hello', { name: 'x' }, { status: 201, contentType: 'text/plain', headers: { 'X-A': '1' } }),
      ),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-a']).toBe('1');
  });

  it('extends a base template', async () => {
    const app = useNunjucks(createApp());
    app.get(
      '/',
      view((req) => render(req, 'article', { article: { title: 'T', body: 'B' } })),
    );
    expect((await request(app).get('/')).text).toBe(
      '<!DOCTYPE html><title>Articles</title><article><h2>T</h2><p>B</p></article>\n',
    );
  });

  it("rejects with the engine's error for a missing template (to next(err))", async () => {
    const app = useNunjucks(createApp());
    app.get(
      '/',
      view((req) => render(req, 'missing')),
    );
    const errors: unknown[] = [];
    app.use((err: unknown, _req: unknown, res: { status(n: number): { send(s: string): void } }, _next: unknown) => {
      errors.push(err);
      res.status(500).send('failed');
    });
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect((errors[0] as Error).message).toMatch(/missing/);
  });

  it('refuses what is not an Express request', () => {
    expect(() => render({} as never, 'hello')).toThrow(
      'render() needs the Express request the view received (its req.app renders the template).',
    );
  });
});

describe('redirect()', () => {
  it.each([
    [{}, HttpResponseRedirect, 302],
    [{ permanent: true }, HttpResponsePermanentRedirect, 301],
    [{ preserveRequest: true }, HttpResponseRedirect, 307],
    [{ permanent: true, preserveRequest: true }, HttpResponsePermanentRedirect, 308],
  ])('redirect(url, %j) is a %p with status %d', (options, Class, status) => {
    const response = redirect('/next/', options);
    expect(response).toBeInstanceOf(Class);
    expect(response.statusCode).toBe(status);
    expect(response.get('Location')).toBe('/next/');
  });

  it('takes an object with getAbsoluteUrl(), as a Django model', () => {
    expect(redirect({ getAbsoluteUrl: () => '/articles/1/' }).url).toBe('/articles/1/');
  });

  it('refuses an unsafe scheme (DisallowedRedirect) and what is not a URL (TypeError)', () => {
    expect(() => redirect('javascript:alert(1)')).toThrow(DisallowedRedirect);
    expect(() => redirect(42 as never)).toThrow('redirect() needs a URL or an object with getAbsoluteUrl() (got 42).');
  });
});

describe('getObjectOr404()', () => {
  it('returns a value that is there, falsy values included', () => {
    expect(getObjectOr404({ id: 1 })).toEqual({ id: 1 });
    expect(getObjectOr404(0)).toBe(0);
    expect(getObjectOr404('')).toBe('');
  });

  it.each([[null], [undefined]])('throws Http404 for %p', (value) => {
    expect(() => getObjectOr404(value)).toThrow(Http404);
    expect(() => getObjectOr404(value)).toThrow('No object matches the given query.');
    expect(() => getObjectOr404(value, 'No article matches the given query.')).toThrow(
      'No article matches the given query.',
    );
  });

  it('awaits a promise', async () => {
    await expect(getObjectOr404(Promise.resolve('x'))).resolves.toBe('x');
    await expect(getObjectOr404(Promise.resolve(null))).rejects.toThrow(Http404);
  });
});

describe.each(expressVersions)('getObjectOr404() over HTTP on %s', (_label, createApp) => {
  it('answers 404 through httpErrorHandler', async () => {
    const articles = new Map([['1', { title: 'One' }]]);
    const app = createApp();
    app.get(
      '/articles/:id',
      view<{ id: string }>(async (req) => {
        const article = await getObjectOr404(Promise.resolve(articles.get(req.params.id)));
        return redirect(`/read/${article.title}`);
      }),
    );
    app.use(httpErrorHandler());
    expect((await request(app).get('/articles/1')).headers.location).toBe('/read/One');
    expect((await request(app).get('/articles/2')).status).toBe(404);
  });
});
