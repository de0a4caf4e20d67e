/**
 * The cache middleware (UpdateCacheMiddleware, FetchFromCacheMiddleware, CacheMiddleware) and
 * cachePage, the decorator derived from CacheMiddleware, over real HTTP, ported from Django's tests/cache/tests.py: CacheUtils (the keys,
 * with Django's own expected values), CacheHEADTest, CacheI18nTest (the cases that hold with
 * USE_I18N off: this package has no active language) and CacheMiddlewareTest (the cache_page
 * decorator cases). Deliberate departures, tested as such: any Set-Cookie, `no-store`,
 * `max-age=0` and `Vary: *` keep a page out of the cache.
 */
import Keyv from 'keyv';
import request from 'supertest';
import {
  CacheMiddleware,
  FetchFromCacheMiddleware,
  HttpResponse,
  UpdateCacheMiddleware,
  viewMiddleware,
  HttpResponseNotModified,
  StreamingHttpResponse,
  cacheControl,
  cachePage,
  varyOnHeaders,
  view,
  type ViewHandler,
} from '../../lib/index.js';
import { getCacheKey, learnCacheKey, type CacheKeyRequest } from '../../lib/utils/cache-keys.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Django's `hello_world_view(request, value)`: the value comes from the query here. */
function helloWorld(): { view: ViewHandler; calls: () => number } {
  let calls = 0;
  return {
    view: (req) => {
      calls++;
      const value = req.query.value;
      return new HttpResponse(`Hello World ${typeof value === 'string' ? value : calls}`);
    },
    calls: () => calls,
  };
}

describe('cache keys (CacheUtils)', () => {
  const request = (path: string, headers: Record<string, string> = {}, method = 'GET'): CacheKeyRequest => ({
    method,
    protocol: 'http',
    originalUrl: path,
    headers: { host: 'www.example.com', ...headers },
  });

  // CacheUtils.test_get_cache_key: the exact key Django makes.
  it('learns and gets the key Django makes for a URL', async () => {
    const cache = new Keyv();
    const req = request('/cache/test/');
    expect(await getCacheKey(req, 'settingsprefix', 'GET', cache)).toBeUndefined();
    await learnCacheKey(req, new HttpResponse(), 60, 'settingsprefix', cache);
    expect(await getCacheKey(req, 'settingsprefix', 'GET', cache)).toBe(
      'views.decorators.cache.cache_page.settingsprefix.GET.18a03f9c9649f7d684af5db3524f5c99.d41d8cd98f00b204e9800998ecf8427e',
    );
    await learnCacheKey(req, new HttpResponse(), 60, 'localprefix', cache);
    expect(await getCacheKey(req, 'localprefix', 'GET', cache)).toBe(
      'views.decorators.cache.cache_page.localprefix.GET.18a03f9c9649f7d684af5db3524f5c99.d41d8cd98f00b204e9800998ecf8427e',
    );
  });

  // CacheUtils.test_get_cache_key_with_query
  it('takes the query string into account', async () => {
    const cache = new Keyv();
    const req = request('/cache/test/?test=1');
    await learnCacheKey(req, new HttpResponse(), 60, 'settingsprefix', cache);
    expect(await getCacheKey(req, 'settingsprefix', 'GET', cache)).toBe(
      'views.decorators.cache.cache_page.settingsprefix.GET.beaf87a9a99ee81c673ea2d67ccbec2a.d41d8cd98f00b204e9800998ecf8427e',
    );
  });

  // CacheUtils.test_cache_key_varies_by_url
  it('keys by the fully-qualified URL, not the path', async () => {
    const cache = new Keyv();
    const one = request('/cache/test/', { host: 'sub-1.example.com' });
    const two = request('/cache/test/', { host: 'sub-2.example.com' });
    await learnCacheKey(one, new HttpResponse(), 60, '', cache);
    await learnCacheKey(two, new HttpResponse(), 60, '', cache);
    expect(await getCacheKey(one, '', 'GET', cache)).not.toBe(await getCacheKey(two, '', 'GET', cache));
  });

  // CacheUtils.test_learn_cache_key: the Vary header is part of the key. Expected values are
  // what Django 3.2.25 (/usr/bin/python3) returns: an absent header hashes as "-,".
  it('adds the request headers the response varies on, as Django 3.2.25 does', async () => {
    const cache = new Keyv();
    const head = request('/cache/test/', {}, 'HEAD');
    const response = new HttpResponse('', { headers: { Vary: 'Pony' } });
    expect(await learnCacheKey(head, response, 60, 'settingsprefix', cache)).toBe(
      'views.decorators.cache.cache_page.settingsprefix.HEAD.18a03f9c9649f7d684af5db3524f5c99.4792b9bac48c3f0441b0d9b0d7af8f2c',
    );
    expect(await getCacheKey(head, 'settingsprefix', 'GET', cache)).toBe(
      'views.decorators.cache.cache_page.settingsprefix.GET.18a03f9c9649f7d684af5db3524f5c99.4792b9bac48c3f0441b0d9b0d7af8f2c',
    );
    // Django's RequestFactory sends an empty Cookie header (its cookie jar is empty).
    const gzip = request('/cache/test/', { 'accept-encoding': 'gzip', cookie: '' });
    const varied = new HttpResponse('', { headers: { Vary: 'Accept-Encoding, Cookie' } });
    expect(await learnCacheKey(gzip, varied, 60, 'settingsprefix', cache)).toBe(
      'views.decorators.cache.cache_page.settingsprefix.GET.18a03f9c9649f7d684af5db3524f5c99.749cadba7b2ed8d4a2aaa91a9cb1896c',
    );
  });

  // CacheI18nTest.test_cache_key_no_i18n: no language or time zone suffix.
  it('adds no language or time zone to the key', async () => {
    const key = await learnCacheKey(request('/cache/test/'), new HttpResponse(), 60, '', new Keyv());
    expect(key).toMatch(/^views\.decorators\.cache\.cache_page\.\.GET\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
  });
});

describe.each(expressVersions)('cachePage() on %s', (_label, express) => {
  /**
   * An app whose requests all come to `testserver` (Django's test host): supertest listens on
   * a new port for every request, and the port is part of the URL a page is kept under.
   */
  function createApp() {
    const app = express();
    app.use((req, _res, next) => {
      req.headers.host = 'testserver';
      next();
    });
    return app;
  }

  function appWith(path: string, handler: ViewHandler) {
    const app = createApp();
    app.all(path, view(handler));
    return app;
  }

  // CacheMiddlewareTest.test_view_decorator: the same URL through differently decorated views
  // shares a page exactly when the store and the key prefix are the same.
  it('answers a repeated request from the cache, per store and key prefix', async () => {
    const shared = new Keyv();
    const other = new Keyv();
    const plain = cachePage(3, { cache: shared });
    const prefixed = cachePage(3, { cache: shared, keyPrefix: 'prefix1' });
    const otherPlain = cachePage(1, { cache: other });
    const otherPrefixed = cachePage(1, { cache: other, keyPrefix: 'prefix2' });
    const echo: ViewHandler = (req) => new HttpResponse(`Hello World ${req.get('X-Value') ?? ''}`);
    let current: ViewHandler = echo;
    const app = createApp();
    app.get(
      '/view/',
      view((req, res) => current(req, res)),
    );
    const through = async (decorate: typeof plain, value: string) => {
      current = decorate(echo);
      return (await request(app).get('/view/').set('X-Value', value)).text;
    };
    expect(await through(plain, '1')).toBe('Hello World 1');
    expect(await through(plain, '2')).toBe('Hello World 1');
    expect(await through(prefixed, '4')).toBe('Hello World 4');
    expect(await through(prefixed, '5')).toBe('Hello World 4');
    expect(await through(otherPlain, '7')).toBe('Hello World 7');
    expect(await through(otherPlain, '8')).toBe('Hello World 7');
    expect(await through(otherPrefixed, '9')).toBe('Hello World 9');
    await sleep(1100);
    expect(await through(plain, '11')).toBe('Hello World 1');
    expect(await through(prefixed, '12')).toBe('Hello World 4');
    expect(await through(otherPlain, '15')).toBe('Hello World 15');
    expect(await through(otherPrefixed, '16')).toBe('Hello World 16');
  });

  // Every other test gives its decorators a store of their own: this one uses the default.
  it('shares one default store per process between decorators without a cache', async () => {
    const hello = helloWorld();
    const path = `/default/${Math.random()}`;
    // Two apps, one URL: the second decorator finds the page the first one kept.
    const one = createApp();
    one.get(path, view(cachePage(3)(hello.view)));
    const two = createApp();
    two.get(path, view(cachePage(3)(() => new HttpResponse('not the cached page'))));
    expect((await request(one).get(path)).text).toBe('Hello World 1');
    expect((await request(two).get(path)).text).toBe('Hello World 1');
  });

  it('answers hits with Expires and Cache-Control max-age, and the same body bytes', async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 0x0a]);
    let calls = 0;
    const app = appWith(
      '/bytes',
      cachePage(60, { cache: new Keyv() })(() => {
        calls++;
        return new HttpResponse(bytes, { contentType: 'application/octet-stream', headers: { 'X-Made': 'yes' } });
      }),
    );
    const first = await request(app).get('/bytes').buffer(true);
    const second = await request(app).get('/bytes').buffer(true);
    expect(calls).toBe(1);
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('max-age=60');
      expect(Date.parse(res.headers.expires as string) - Date.now()).toBeGreaterThan(50_000);
      expect(res.headers['x-made']).toBe('yes');
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    }
    // A hit is an ordinary response: Express's ETag and freshness apply.
    const fresh = await request(app)
      .get('/bytes')
      .set('If-None-Match', second.headers.etag as string);
    expect(fresh.status).toBe(304);
  });

  it.each([
    ["Keyv's own serializer", () => new Keyv()],
    ['a plain JSON serializer', () => new Keyv({ serialize: JSON.stringify, deserialize: JSON.parse })],
  ])('keeps the body bytes through %s', async (_name, makeCache) => {
    const bytes = Buffer.from([0xff, 0xfe, 0, 0x80, 0x3a]);
    let calls = 0;
    const app = appWith(
      '/b',
      cachePage(60, { cache: makeCache() })(() => {
        calls++;
        return new HttpResponse(bytes, { contentType: 'application/octet-stream' });
      }),
    );
    await request(app).get('/b');
    const hit = await request(app).get('/b').buffer(true);
    expect(calls).toBe(1);
    expect(Buffer.compare(hit.body as Buffer, bytes)).toBe(0);
  });

  it('keys GETs with a query string apart (CacheI18nTest.test_middleware)', async () => {
    const hello = helloWorld();
    const app = appWith('/cache/test/', cachePage(60, { cache: new Keyv() })(hello.view));
    expect((await request(app).get('/cache/test/?foo=bar&other=true&value=q')).text).toBe('Hello World q');
    expect((await request(app).get('/cache/test/?foo=bar&other=true&value=q')).text).toBe('Hello World q');
    expect((await request(app).get('/cache/test/?foo=bar&somethingelse=true&value=r')).text).toBe('Hello World r');
    expect(hello.calls()).toBe(2);
  });

  it('keeps one entry per value of a header named in Vary', async () => {
    let calls = 0;
    const app = appWith(
      '/varied',
      cachePage(60, { cache: new Keyv() })(
        varyOnHeaders('Accept-Language')((req) => new HttpResponse(`${++calls} ${req.get('Accept-Language')}`)),
      ),
    );
    const get = async (lang: string) => (await request(app).get('/varied').set('Accept-Language', lang)).text;
    expect(await get('en-us')).toBe('1 en-us');
    expect(await get('ko-kr')).toBe('2 ko-kr');
    expect(await get('en-us')).toBe('1 en-us');
    expect(await get('ko-kr')).toBe('2 ko-kr');
    // Absent is not empty (RFC 9111 §4.1).
    expect((await request(app).get('/varied').unset('Accept-Language')).text).toBe('3 undefined');
    expect((await request(app).get('/varied').set('Accept-Language', '')).text).toBe('4 ');
  });

  // CacheHEADTest.test_head_caches_correctly
  it('answers a HEAD from the entry a HEAD made', async () => {
    const hello = helloWorld();
    const app = appWith('/cache/test/', cachePage(60, { cache: new Keyv() })(hello.view));
    await request(app).head('/cache/test/');
    const res = await request(app).head('/cache/test/');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('Hello World 1'.length));
    expect(hello.calls()).toBe(1);
  });

  // CacheHEADTest.test_head_with_cached_get
  it('answers a HEAD from the entry a GET made', async () => {
    const hello = helloWorld();
    const app = appWith('/cache/test/', cachePage(60, { cache: new Keyv() })(hello.view));
    expect((await request(app).get('/cache/test/')).text).toBe('Hello World 1');
    const res = await request(app).head('/cache/test/');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('max-age=60');
    expect(res.headers['content-length']).toBe(String('Hello World 1'.length));
    expect(hello.calls()).toBe(1);
  });

  it('never caches other methods', async () => {
    const hello = helloWorld();
    const app = appWith('/form', cachePage(60, { cache: new Keyv() })(hello.view));
    await request(app).post('/form');
    await request(app).post('/form');
    expect(hello.calls()).toBe(2);
  });

  // CacheMiddlewareTest.test_sensitive_cookie_not_cached (stricter: any cookie, not only with Vary: Cookie)
  it('does not keep a response that sets a cookie', async () => {
    let calls = 0;
    const app = appWith(
      '/csrf',
      cachePage(60, { cache: new Keyv() })(() => new HttpResponse(String(++calls)).setCookie('csrftoken', `t${calls}`)),
    );
    await request(app).get('/csrf');
    const res = await request(app).get('/csrf');
    expect(res.text).toBe('2');
    expect(res.headers['set-cookie']).toEqual([expect.stringContaining('csrftoken=t2')]);
  });

  // CacheMiddlewareTest.test_cached_control_private_not_cached, and no-store / max-age=0 (departures)
  it.each([
    ['private', { private: true }],
    ['no-store', { noStore: true }],
    ['max-age=0', { maxAge: 0 }],
  ])('does not keep a Cache-Control: %s response', async (_name, directives) => {
    let calls = 0;
    const app = appWith(
      '/p',
      cachePage(60, { cache: new Keyv() })(cacheControl(directives)(() => new HttpResponse(String(++calls)))),
    );
    await request(app).get('/p');
    expect((await request(app).get('/p')).text).toBe('2');
  });

  it('does not keep a response with Vary: *', async () => {
    let calls = 0;
    const app = appWith(
      '/star',
      cachePage(60, { cache: new Keyv() })(varyOnHeaders('*')(() => new HttpResponse(String(++calls)))),
    );
    await request(app).get('/star');
    expect((await request(app).get('/star')).text).toBe('2');
  });

  it('does not keep other statuses', async () => {
    let calls = 0;
    const app = appWith(
      '/missing',
      cachePage(60, { cache: new Keyv() })(() => new HttpResponse(String(++calls), { status: 404 })),
    );
    await request(app).get('/missing');
    const res = await request(app).get('/missing');
    expect(res.text).toBe('2');
    expect(res.headers['cache-control']).toBeUndefined();
  });

  // CacheMiddlewareTest.test_304_response_has_http_caching_headers_but_not_cached
  it('gives a 304 the caching headers but does not keep it', async () => {
    let calls = 0;
    const app = appWith(
      '/nm',
      cachePage(2, { cache: new Keyv() })(() => {
        calls++;
        return new HttpResponseNotModified();
      }),
    );
    await request(app).get('/nm');
    const res = await request(app).get('/nm');
    expect(calls).toBe(2);
    expect(res.status).toBe(304);
    expect(res.headers['cache-control']).toBe('max-age=2');
    expect(res.headers.expires).toBeDefined();
  });

  // CacheI18nTest.test_middleware_doesnt_cache_streaming_response
  it('does not keep a streaming response', async () => {
    let calls = 0;
    const app = appWith(
      '/stream',
      cachePage(60, { cache: new Keyv() })(
        () => new StreamingHttpResponse([`Check for cache with streaming content ${++calls}`]),
      ),
    );
    await request(app).get('/stream');
    expect((await request(app).get('/stream')).text).toBe('Check for cache with streaming content 2');
  });

  // CacheMiddlewareTest.test_cache_page_timeout: the page timeout wins over max-age.
  it("keeps the page for its own seconds, the view's max-age only shortening the header", async () => {
    let calls = 0;
    const app = appWith(
      '/short',
      cachePage(3, { cache: new Keyv() })(cacheControl({ maxAge: 1 })(() => new HttpResponse(String(++calls)))),
    );
    const first = await request(app).get('/short');
    expect(first.headers['cache-control']).toBe('max-age=1');
    await sleep(1100);
    expect((await request(app).get('/short')).text).toBe('1');
  });

  it('patches the headers but keeps nothing with 0 seconds', async () => {
    let calls = 0;
    const app = appWith(
      '/zero',
      cachePage(0, { cache: new Keyv() })(() => new HttpResponse(String(++calls))),
    );
    await request(app).get('/zero');
    const res = await request(app).get('/zero');
    expect(res.text).toBe('2');
    expect(res.headers['cache-control']).toBe('max-age=0');
  });

  describe('a failing store', () => {
    /** A Keyv whose store rejects every call, as one whose server is gone. */
    const broken = () =>
      new Keyv({
        store: {
          get: () => Promise.reject(new Error('ECONNREFUSED')),
          set: () => Promise.reject(new Error('ECONNREFUSED')),
          delete: () => Promise.reject(new Error('ECONNREFUSED')),
          clear: () => Promise.reject(new Error('ECONNREFUSED')),
        },
      });

    it('serves the view uncached and reports once, never a 500', async () => {
      const hello = helloWorld();
      const errors: unknown[] = [];
      const app = appWith('/p', cachePage(60, { cache: broken(), onError: (err) => errors.push(err) })(hello.view));
      for (let i = 1; i <= 3; i++) {
        const res = await request(app).get('/p');
        expect(res.status).toBe(200);
        expect(res.text).toBe(`Hello World ${i}`);
      }
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/refused a write|ECONNREFUSED/);
    });

    it('does not wait for a store that never answers', async () => {
      const silent = new Keyv({
        store: {
          get: () => new Promise(() => {}),
          set: () => new Promise(() => {}),
          delete: () => new Promise(() => {}),
          clear: () => new Promise(() => {}),
        },
      });
      const errors: unknown[] = [];
      const hello = helloWorld();
      const app = appWith(
        '/p',
        cachePage(60, { cache: silent, storeTimeout: 0.05, onError: (e) => errors.push(e) })(hello.view),
      );
      expect((await request(app).get('/p')).text).toBe('Hello World 1');
      expect((await request(app).get('/p')).text).toBe('Hello World 2');
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/did not answer a read within 0.05 s \(storeTimeout\)/);
    });

    it('warns on the console by default, once', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const app = appWith('/p', cachePage(60, { cache: broken() })(helloWorld().view));
        await request(app).get('/p');
        await request(app).get('/p');
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]?.[0])).toMatch(
          /^cachePage\(\): the cache store failed .*serving views uncached/,
        );
      } finally {
        warn.mockRestore();
      }
    });

    it('keeps a reporter that throws from failing the request', async () => {
      const app = appWith(
        '/p',
        cachePage(60, {
          cache: broken(),
          onError: () => {
            throw new Error('reporter down');
          },
        })(helloWorld().view),
      );
      expect((await request(app).get('/p')).status).toBe(200);
    });
  });

  it.each([
    [() => cachePage(-1), /needs the seconds to keep a page, a number from 0 up \(got -1\)/],
    [() => cachePage('60' as never), /\(got "60"\)/],
    [() => cachePage(60, { cache: {} as never }), /option cache must be a Keyv instance/],
    [() => cachePage(60, { keyPrefix: 1 as never }), /option keyPrefix must be a string \(got 1\)/],
    [() => cachePage(60, { storeTimeout: 0 }), /option storeTimeout must be a number of seconds above 0 \(got 0\)/],
    [
      () => cachePage(60, { storeTimeout: 500 }),
      /^cachePage\(\) option storeTimeout is in seconds, at most 60 \(got 500\): for 500 milliseconds write \{ storeTimeout: 0\.5 \}\.$/,
    ],
    [() => cachePage(60, { onError: 'log' as never }), /option onError must be a function/],
  ])('refuses bad arguments, naming them (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});

/** An app whose requests all come to `testserver`: supertest's port is part of a page's URL. */
function testserverApp(express: AppFactory) {
  const app = express();
  app.use((req, _res, next) => {
    req.headers.host = 'testserver';
    next();
  });
  return app;
}

describe.each(expressVersions)('the cache middleware app-wide on %s', (_label, express) => {
  it("caches every view behind UpdateCacheMiddleware … FetchFromCacheMiddleware, as Django's per-site cache", async () => {
    const cache = new Keyv();
    const hello = helloWorld();
    const app = testserverApp(express);
    app.use(
      viewMiddleware(
        UpdateCacheMiddleware.asMiddleware({ cache, cacheTimeout: 30 }),
        FetchFromCacheMiddleware.asMiddleware({ cache }),
      ),
    );
    app.get('/a', view(hello.view));
    app.post('/a', view(hello.view));
    const first = await request(app).get('/a');
    expect(first.headers['cache-control']).toBe('max-age=30');
    expect((await request(app).get('/a')).text).toBe(first.text);
    expect(hello.calls()).toBe(1);
    await request(app).post('/a');
    expect(hello.calls()).toBe(2);
  });

  it("keeps a page for the view's own max-age when no pageTimeout is given", async () => {
    const cache = new Keyv();
    const app = testserverApp(express);
    app.use(viewMiddleware(CacheMiddleware.asMiddleware({ cache, cacheTimeout: 30 })));
    app.get('/m', view(cacheControl({ maxAge: 5 })(() => new HttpResponse('m'))));
    app.get('/zero', view(cacheControl({ maxAge: 0 })(() => new HttpResponse('z'))));
    expect((await request(app).get('/m')).headers['cache-control']).toBe('max-age=5');
    expect((await request(app).get('/zero')).headers['cache-control']).toBe('max-age=0');
  });

  it('neither stores nor patches behind UpdateCacheMiddleware alone: only a miss FetchFromCacheMiddleware saw is stored', async () => {
    const store = new Map();
    const app = testserverApp(express);
    app.use(viewMiddleware(UpdateCacheMiddleware.asMiddleware({ cache: new Keyv({ store }) })));
    app.get('/a', view(helloWorld().view));
    const response = await request(app).get('/a');
    expect(response.headers['cache-control']).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it.each([
    [
      () => new CacheMiddleware({ cacheTimeout: -1 }),
      /CacheMiddleware option cacheTimeout must be a number of seconds from 0 up \(got -1\)/,
    ],
    [() => new UpdateCacheMiddleware({ pageTimeout: Number.NaN }), /UpdateCacheMiddleware option pageTimeout/],
    [
      () => new FetchFromCacheMiddleware({ cache: 'redis' as never }),
      /FetchFromCacheMiddleware option cache must be a Keyv instance/,
    ],
  ])('names the middleware in its errors (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});
