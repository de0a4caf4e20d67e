/**
 * The view decorators over real HTTP, ported from Django's tests/decorators/tests.py and
 * tests/conditional_processing/ (views.py and tests.py).
 */
import type { Express } from 'express';
import request from 'supertest';
import {
  BadHeaderError,
  HttpResponse,
  cacheControl,
  condition,
  etag,
  lastModified,
  neverCache,
  requireGET,
  requireHttpMethods,
  requirePOST,
  requireSafe,
  varyOnHeaders,
  view,
  type ViewHandler,
  type ViewMiddleware,
} from '../../../lib/index.js';
import { expressVersions, type AppFactory } from '../../helpers/apps.js';

const FULL_RESPONSE = 'Test conditional get response';
const LAST_MODIFIED = new Date(Date.UTC(2007, 9, 21, 23, 21, 47));
const LAST_MODIFIED_STR = 'Sun, 21 Oct 2007 23:21:47 GMT';
const LAST_MODIFIED_NEWER_STR = 'Mon, 18 Oct 2010 16:56:23 GMT';
const LAST_MODIFIED_INVALID_STR = 'Mon, 32 Oct 2010 16:56:23 GMT';
const EXPIRED_LAST_MODIFIED_STR = 'Sat, 20 Oct 2007 23:21:47 GMT';
const ETAG = '"b4246ffc4f62314ca13147c9d4f76974"';
const WEAK_ETAG = 'W/"b4246ffc4f62314ca13147c9d4f76974"';
const EXPIRED_ETAG = '"7fae4cd4b0f81e7d2914700043aa8ed6"';

const full: ViewHandler = () => new HttpResponse(FULL_RESPONSE);

/** Django's tests/conditional_processing/urls.py and views.py. */
function conditionalApp(createApp: AppFactory): Express {
  const app = createApp();
  // Express's own ETag would be a second validator; Django's test app has none.
  app.set('etag', false);
  const routes: Array<[string, ViewMiddleware]> = [
    ['/condition/', condition({ etag: () => ETAG, lastModified: () => LAST_MODIFIED })],
    ['/condition/last_modified/', condition({ lastModified: () => LAST_MODIFIED })],
    ['/condition/last_modified2/', lastModified(() => LAST_MODIFIED)],
    ['/condition/etag/', condition({ etag: () => ETAG })],
    ['/condition/etag2/', etag(() => ETAG)],
    ['/condition/unquoted_etag/', condition({ etag: () => ETAG.slice(1, -1) })],
    ['/condition/weak_etag/', condition({ etag: () => WEAK_ETAG })],
    ['/condition/no_etag/', condition({ etag: () => null })],
  ];
  for (const [path, decorate] of routes) app.all(path, view(full, decorate));
  return app;
}

describe.each(expressVersions)('condition() on %s (Django conditional_processing)', (_label, createApp) => {
  const app = conditionalApp(createApp);
  type Headers = Record<string, string>;
  const get = (path: string, headers: Headers = {}) => request(app).get(path).set(headers);
  const put = (path: string, headers: Headers = {}) => request(app).put(path).set(headers);

  function expectFull(res: request.Response, { lastModified = true, etag = true } = {}): void {
    expect(res.status).toBe(200);
    expect(res.text).toBe(FULL_RESPONSE);
    if (lastModified) expect(res.headers['last-modified']).toBe(LAST_MODIFIED_STR);
    if (etag) expect(res.headers.etag).toBe(ETAG);
  }
  function expectNotModified(res: request.Response): void {
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
  }

  it('without conditions: the full response with ETag and Last-Modified', async () => {
    expectFull(await get('/condition/'));
  });

  it('If-Modified-Since', async () => {
    for (const date of [LAST_MODIFIED_STR, LAST_MODIFIED_NEWER_STR]) {
      expectNotModified(await get('/condition/', { 'If-Modified-Since': date }));
      const putRes = await put('/condition/', { 'If-Modified-Since': date });
      expect(putRes.status).toBe(200);
      expect(putRes.text).toBe(FULL_RESPONSE);
    }
    expectFull(await get('/condition/', { 'If-Modified-Since': LAST_MODIFIED_INVALID_STR }));
    expectFull(await get('/condition/', { 'If-Modified-Since': EXPIRED_LAST_MODIFIED_STR }));
  });

  it('If-Unmodified-Since', async () => {
    expectFull(await get('/condition/', { 'If-Unmodified-Since': LAST_MODIFIED_STR }));
    expectFull(await get('/condition/', { 'If-Unmodified-Since': LAST_MODIFIED_NEWER_STR }));
    expectFull(await get('/condition/', { 'If-Unmodified-Since': LAST_MODIFIED_INVALID_STR }));
    expect((await get('/condition/', { 'If-Unmodified-Since': EXPIRED_LAST_MODIFIED_STR })).status).toBe(412);
  });

  it('If-None-Match', async () => {
    expectNotModified(await get('/condition/', { 'If-None-Match': ETAG }));
    expect((await put('/condition/', { 'If-None-Match': ETAG })).status).toBe(412);
    expectFull(await get('/condition/', { 'If-None-Match': EXPIRED_ETAG }));
    expectNotModified(await get('/condition/', { 'If-None-Match': `${ETAG}, ${EXPIRED_ETAG}` }));
  });

  it('If-None-Match compares weakly', async () => {
    for (const tag of [ETAG, WEAK_ETAG]) {
      expectNotModified(await get('/condition/weak_etag/', { 'If-None-Match': tag }));
      expect((await put('/condition/weak_etag/', { 'If-None-Match': tag })).status).toBe(412);
    }
    expectNotModified(await get('/condition/', { 'If-None-Match': WEAK_ETAG }));
    expect((await put('/condition/', { 'If-None-Match': WEAK_ETAG })).status).toBe(412);
  });

  it('If-None-Match: *', async () => {
    expectNotModified(await get('/condition/', { 'If-None-Match': '*' }));
    expect((await put('/condition/', { 'If-None-Match': '*' })).status).toBe(412);
    // Django answers the view without an ETag in full; Express's own freshness check (which
    // sendResponse honours) then reads `*` as matching the representation, as RFC 9110 §13.1.2 does.
    const res = await get('/condition/no_etag/', { 'If-None-Match': '*' });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBeUndefined();
  });

  it('If-Match compares strongly', async () => {
    // Django 3.2 adds ETag and Last-Modified only for GET and HEAD.
    const putRes = await put('/condition/', { 'If-Match': ETAG });
    expect([putRes.status, putRes.text]).toEqual([200, FULL_RESPONSE]);
    expect((await put('/condition/', { 'If-Match': EXPIRED_ETAG })).status).toBe(412);
    expect((await get('/condition/weak_etag/', { 'If-Match': ETAG })).status).toBe(412);
    expect((await get('/condition/weak_etag/', { 'If-Match': WEAK_ETAG })).status).toBe(412);
    expect((await get('/condition/', { 'If-Match': WEAK_ETAG })).status).toBe(412);
  });

  it('If-Match: * matches any tag, and no tag is no match', async () => {
    expectFull(await get('/condition/', { 'If-Match': '*' }));
    expect((await get('/condition/no_etag/', { 'If-Match': '*' })).status).toBe(412);
  });

  it.each([
    [LAST_MODIFIED_STR, ETAG, 304],
    [EXPIRED_LAST_MODIFIED_STR, ETAG, 304],
    [LAST_MODIFIED_STR, EXPIRED_ETAG, 200],
    [EXPIRED_LAST_MODIFIED_STR, EXPIRED_ETAG, 200],
  ])('If-Modified-Since %s with If-None-Match %s: If-None-Match decides (%d)', async (since, tag, status) => {
    const res = await get('/condition/', { 'If-Modified-Since': since, 'If-None-Match': tag });
    if (status === 304) expectNotModified(res);
    else expectFull(res);
  });

  it.each([
    [LAST_MODIFIED_STR, ETAG, 200],
    [EXPIRED_LAST_MODIFIED_STR, ETAG, 200],
    [EXPIRED_LAST_MODIFIED_STR, EXPIRED_ETAG, 412],
    [LAST_MODIFIED_STR, EXPIRED_ETAG, 412],
  ])('If-Unmodified-Since %s with If-Match %s: If-Match decides (%d)', async (since, tag, status) => {
    const res = await get('/condition/', { 'If-Unmodified-Since': since, 'If-Match': tag });
    expect(res.status).toBe(status);
  });

  it('single conditions: a validator the view lacks never matches', async () => {
    expectNotModified(await get('/condition/last_modified/', { 'If-Modified-Since': LAST_MODIFIED_STR }));
    expectFull(await get('/condition/etag/', { 'If-Modified-Since': LAST_MODIFIED_STR }), { lastModified: false });
    expectNotModified(await get('/condition/etag/', { 'If-None-Match': ETAG }));
    expectFull(await get('/condition/last_modified/', { 'If-None-Match': ETAG }), { etag: false });
    expectFull(await get('/condition/last_modified/', { 'If-Modified-Since': EXPIRED_LAST_MODIFIED_STR }), {
      etag: false,
    });
    expectFull(await get('/condition/etag/', { 'If-None-Match': EXPIRED_ETAG }), { lastModified: false });
    expectNotModified(await get('/condition/last_modified2/', { 'If-Modified-Since': LAST_MODIFIED_STR }));
    expectNotModified(await get('/condition/etag2/', { 'If-None-Match': ETAG }));
    for (const path of [
      '/condition/last_modified/',
      '/condition/etag/',
      '/condition/last_modified2/',
      '/condition/etag2/',
    ]) {
      expect((await get(path, { 'If-Unmodified-Since': EXPIRED_LAST_MODIFIED_STR })).status).toBe(412);
    }
    expectFull(await get('/condition/last_modified/', { 'If-Unmodified-Since': LAST_MODIFIED_STR }), { etag: false });
  });

  it('HEAD is answered 304 as GET', async () => {
    const res = await request(app).head('/condition/').set('If-Modified-Since', LAST_MODIFIED_STR);
    expect(res.status).toBe(304);
  });

  it('quotes an unquoted ETag, and matches it quoted', async () => {
    expect((await get('/condition/unquoted_etag/')).headers.etag).toBe(ETAG);
    expectNotModified(await get('/condition/unquoted_etag/', { 'If-None-Match': ETAG }));
    expect((await put('/condition/unquoted_etag/', { 'If-None-Match': ETAG })).status).toBe(412);
    expectFull(await get('/condition/unquoted_etag/', { 'If-None-Match': EXPIRED_ETAG }), { lastModified: false });
  });

  it('ignores an invalid ETag in If-None-Match', async () => {
    expectFull(await get('/condition/etag/', { 'If-None-Match': '"""' }), { lastModified: false });
  });

  it('compares dates to the second, and keeps the validators the view set itself', async () => {
    const local = createApp();
    local.set('etag', false);
    local.get(
      '/',
      view(
        () => new HttpResponse('x', { headers: { ETag: '"own"' } }),
        condition({ etag: () => 'computed', lastModified: () => new Date(LAST_MODIFIED.getTime() + 999) }),
      ),
    );
    const res = await request(local).get('/');
    expect(res.headers.etag).toBe('"own"');
    expect(res.headers['last-modified']).toBe(LAST_MODIFIED_STR);
    expect((await request(local).get('/').set('If-Modified-Since', LAST_MODIFIED_STR)).status).toBe(304);
  });

  it('does not call the view when it answers 304 or 412, and awaits async validators', async () => {
    let calls = 0;
    const local = createApp();
    local.all(
      '/',
      view(
        () => {
          calls += 1;
          return new HttpResponse('x');
        },
        etag(async () => Promise.resolve('v1')),
      ),
    );
    expect((await request(local).get('/').set('If-None-Match', '"v1"')).status).toBe(304);
    expect((await request(local).delete('/').set('If-Match', '"v0"')).status).toBe(412);
    expect(calls).toBe(0);
    expect((await request(local).delete('/').set('If-Match', '"v1"')).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('adds the validators to a web Response too', async () => {
    const local = createApp();
    local.get(
      '/',
      view(() => new Response('web'), condition({ etag: () => ETAG, lastModified: () => LAST_MODIFIED })),
    );
    const res = await request(local).get('/');
    expect([res.text, res.headers.etag, res.headers['last-modified']]).toEqual(['web', ETAG, LAST_MODIFIED_STR]);
  });

  it('adds no validators to the response of an unsafe method', async () => {
    const res = await put('/condition/');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['last-modified']).toBeUndefined();
  });

  it('refuses a lastModified that returns a number, naming the Date to return', async () => {
    const local = createApp();
    const errors: string[] = [];
    local.get('/', view(full, condition({ lastModified: () => LAST_MODIFIED.getTime() as never })));
    local.use((err: Error, _req: unknown, res: { status(code: number): { end(): void } }, _next: unknown) => {
      errors.push(err.message);
      res.status(500).end();
    });
    expect((await request(local).get('/')).status).toBe(500);
    expect(errors).toEqual([
      `condition() option lastModified must return a Date, as Django's last_modified_func returns a datetime (got ${LAST_MODIFIED.getTime()}). For epoch milliseconds return new Date(${LAST_MODIFIED.getTime()}); for seconds, new Date(${LAST_MODIFIED.getTime()} * 1000).`,
    ]);
  });

  it('refuses an option that is not a function', () => {
    expect(() => condition({ etag: 'x' as never })).toThrow(
      'condition() option etag must be a function (req) => value (got "x").',
    );
  });
});

describe.each(expressVersions)(
  'requireHttpMethods and friends on %s (Django tests/decorators)',
  (_label, createApp) => {
    const ok: ViewHandler = () => new HttpResponse('OK');
    function appFor(decorate: ViewMiddleware): Express {
      const app = createApp();
      app.all('/', view(ok, decorate));
      return app;
    }

    it.each([
      ['requireSafe', requireSafe, ['get', 'head'], ['post', 'put', 'delete'], 'GET, HEAD'],
      ['requireGET', requireGET, ['get'], ['head', 'post', 'put'], 'GET'],
      ['requirePOST', requirePOST, ['post'], ['get', 'head', 'put'], 'POST'],
      ['requireHttpMethods(["GET", "PUT"])', requireHttpMethods(['GET', 'PUT']), ['get', 'put'], ['post'], 'GET, PUT'],
    ] as const)('%s', async (_name, decorate, accepted, refused, allow) => {
      const app = appFor(decorate);
      for (const method of accepted) expect((await request(app)[method]('/')).status).toBe(200);
      for (const method of refused) {
        const res = await request(app)[method]('/');
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe(allow);
      }
    });

    it('never calls the view for a refused method', async () => {
      let calls = 0;
      const app = createApp();
      app.all(
        '/',
        view(
          requirePOST(() => {
            calls += 1;
            return new HttpResponse('x');
          }),
        ),
      );
      expect((await request(app).get('/')).status).toBe(405);
      expect(calls).toBe(0);
    });

    it('view(requireGET(h)) behaves exactly as view(h, requireGET)', async () => {
      const a = createApp();
      a.all('/', view(requireGET(ok)));
      const b = appFor(requireGET);
      for (const method of ['get', 'post', 'head'] as const) {
        const [ra, rb] = [await request(a)[method]('/'), await request(b)[method]('/')];
        expect([ra.status, ra.headers.allow, ra.text]).toEqual([rb.status, rb.headers.allow, rb.text]);
      }
    });

    it('keeps the name of the view it wraps (functools.wraps)', () => {
      function listUsers() {
        return new HttpResponse('x');
      }
      expect(requireGET(listUsers).name).toBe('listUsers');
      expect(neverCache(cacheControl({ maxAge: 1 })(listUsers)).name).toBe('listUsers');
    });

    it('refuses lower-case method names and what is not an array', () => {
      expect(() => requireHttpMethods(['get'])).toThrow(RangeError);
      expect(() => requireHttpMethods(['get'])).toThrow(/got "get", use "GET"/);
      expect(() => requireHttpMethods('GET' as never)).toThrow(
        'requireHttpMethods() needs an array of method names (got "GET").',
      );
    });
  },
);

describe.each(expressVersions)('neverCache, cacheControl, varyOnHeaders on %s', (_label, createApp) => {
  function get(handler: ViewHandler, ...decorate: ViewMiddleware[]) {
    const app = createApp();
    app.get('/', view(handler, ...decorate));
    return request(app).get('/');
  }

  it("neverCache gives Django's exact Cache-Control and an Expires of now", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const res = await get(() => new HttpResponse(), neverCache);
    expect(res.headers['cache-control']).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    const expires = Date.parse(res.headers.expires as string);
    expect(expires).toBeGreaterThanOrEqual(before);
    expect(expires).toBeLessThanOrEqual(Date.now());
  });

  it('neverCache keeps an Expires the view set', async () => {
    const res = await get(() => new HttpResponse('', { headers: { Expires: 'tomorrow' } }), neverCache);
    expect(res.headers.expires).toBe('tomorrow');
  });

  it('neverCache merges into a Cache-Control the view set (the smaller max-age wins)', async () => {
    const res = await get(
      () => new HttpResponse('', { headers: { 'Cache-Control': 'max-age=60, public' } }),
      neverCache,
    );
    expect(res.headers['cache-control']).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
  });

  it("neverCache: no ETag, so a matching If-None-Match gets the page, not 304 (Django's needs_etag)", async () => {
    const app = createApp();
    app.get(
      '/cached',
      view(() => new HttpResponse('account')),
    );
    app.get(
      '/never',
      view(() => new HttpResponse('account'), neverCache),
    );
    const cached = await request(app).get('/cached');
    const tag = cached.headers.etag as string;
    expect(tag).toMatch(/^W\/"/);
    expect((await request(app).get('/cached').set('If-None-Match', tag)).status).toBe(304);
    const never = await request(app).get('/never').set('If-None-Match', tag);
    expect(never.status).toBe(200);
    expect(never.text).toBe('account');
    expect(never.headers.etag).toBeUndefined();
  });

  it.each([
    ['set by the view, in capitals', 'NO-STORE', true],
    ['among other directives', 'private, no-store, max-age=0', true],
    ['a look-alike directive', 'x-no-store, max-age=60', false],
    ['none', undefined, false],
  ])('no ETag on a no-store response: Cache-Control %s', async (_what, cacheControlValue, noStore) => {
    const app = createApp();
    app.get(
      '/',
      view(() => {
        const response = new HttpResponse('body');
        if (cacheControlValue !== undefined) response.set('Cache-Control', cacheControlValue);
        return response;
      }),
    );
    const res = await request(app).get('/');
    expect(res.headers.etag === undefined).toBe(noStore);
  });

  it('no ETag when middleware before the view set Cache-Control: no-store on res', async () => {
    const app = createApp();
    app.use((_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      next();
    });
    app.get(
      '/',
      view(() => new HttpResponse('body')),
    );
    const res = await request(app).get('/');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('cacheControl writes camelCase options as directives', async () => {
    const res = await get(
      () => new HttpResponse(),
      cacheControl({ maxAge: 3600, public: true, sMaxage: 60, staleWhileRevalidate: 30, noTransform: true }),
    );
    expect(res.headers['cache-control']).toBe(
      'max-age=3600, public, s-maxage=60, stale-while-revalidate=30, no-transform',
    );
  });

  it('cacheControl merges with the view’s header as patch_cache_control does', async () => {
    const res = await get(
      () => new HttpResponse('', { headers: { 'Cache-Control': 'must-revalidate, max-age=60, private' } }),
      cacheControl({ maxAge: 3600, public: true }),
    );
    expect(res.headers['cache-control']).toBe('must-revalidate, max-age=60, public');
  });

  it('stacked cacheControl and neverCache apply inside-out, as Django decorators', async () => {
    const res = await get(
      () => new HttpResponse(),
      cacheControl({ private: true }),
      cacheControl({ maxAge: 10, public: true }),
    );
    expect(res.headers['cache-control']).toBe('max-age=10, private');
  });

  it('cacheControl patches a web Response too', async () => {
    const res = await get(() => new Response('web'), cacheControl({ noStore: true }));
    expect(res.text).toBe('web');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('cacheControl refuses what is not an object of directives', () => {
    expect(() => cacheControl(60 as never)).toThrow(
      'cacheControl() needs an object of directives such as { maxAge: 60 } (got 60).',
    );
  });

  it('varyOnHeaders appends case-insensitively after the view’s Vary', async () => {
    const res = await get(
      () => new HttpResponse('', { headers: { Vary: 'Cookie' } }),
      varyOnHeaders('Accept-Language', 'cookie'),
    );
    expect(res.headers.vary).toBe('Cookie, Accept-Language');
  });

  it('varyOnHeaders collapses to *', async () => {
    const res = await get(() => new HttpResponse('', { headers: { Vary: 'Cookie' } }), varyOnHeaders('*'));
    expect(res.headers.vary).toBe('*');
  });

  it('varyOnHeaders refuses a name that is not a header name', () => {
    expect(() => varyOnHeaders('Bad Header')).toThrow(BadHeaderError);
    expect(() => varyOnHeaders('Bad Header')).toThrow(/Invalid header name: .*\(got "Bad Header"\)/);
  });
});
