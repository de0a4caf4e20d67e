/**
 * cachePage against real Django 3.2 (`/usr/bin/python3`): the same request sequences through
 * Django's `cache_page` (LocMemCache, USE_I18N off) and through `cachePage` over HTTP on
 * Express 4 and 5. Each view counts its calls in an `X-Count` header, so a page answered from
 * the cache shows the count of the call that built it. Compared per request: the status,
 * `X-Count`, `Cache-Control`, `Vary` and whether `Expires` is there. The deliberate
 * differences (any Set-Cookie, no-store, max-age=0, Vary: *) are not among these cases; they
 * are tested in __tests__/middleware/cache.test.ts.
 */
import type { Express } from 'express';
import Keyv from 'keyv';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseNotModified,
  StreamingHttpResponse,
  cacheControl,
  cachePage,
  varyOnHeaders,
  view,
  type ViewHandler,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { describeWithDjango, runDjangoScript } from '../helpers/django.js';

interface Step {
  method: 'GET' | 'HEAD' | 'POST';
  path: string;
  headers?: Record<string, string>;
}
interface Case {
  view: string;
  steps: Step[];
}
interface Seen {
  status: number;
  count: string | null;
  cacheControl: string | null;
  vary: string | null;
  expires: boolean;
}

const get = (path: string, headers?: Record<string, string>): Step => ({
  method: 'GET',
  path,
  ...(headers && { headers }),
});

const CASES: Case[] = [
  { view: 'plain', steps: [get('/p'), get('/p'), get('/p')] },
  { view: 'plain', steps: [get('/p?a=1'), get('/p?a=2'), get('/p?a=1')] },
  { view: 'plain', steps: [get('/p'), { method: 'HEAD', path: '/p' }] },
  { view: 'plain', steps: [{ method: 'HEAD', path: '/p' }, { method: 'HEAD', path: '/p' }, get('/p')] },
  {
    view: 'plain',
    steps: [
      { method: 'POST', path: '/p' },
      { method: 'POST', path: '/p' },
    ],
  },
  { view: 'private', steps: [get('/p'), get('/p')] },
  { view: 'short-max-age', steps: [get('/p'), get('/p')] },
  { view: 'long-max-age', steps: [get('/p'), get('/p')] },
  { view: 'not-modified', steps: [get('/p'), get('/p')] },
  { view: 'not-found', steps: [get('/p'), get('/p')] },
  { view: 'streaming', steps: [get('/p'), get('/p')] },
  { view: 'cookie-vary-cookie', steps: [get('/p'), get('/p')] },
  { view: 'zero', steps: [get('/p'), get('/p')] },
  {
    view: 'vary-language',
    steps: [
      get('/p', { 'Accept-Language': 'en' }),
      get('/p', { 'Accept-Language': 'ko' }),
      get('/p', { 'Accept-Language': 'en' }),
      get('/p'),
      get('/p', { 'Accept-Language': 'ko' }),
    ],
  },
];

const DJANGO_SCRIPT = String.raw`
import json, logging, sys
from django.conf import settings
settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="crosscheck", USE_I18N=False, USE_TZ=False,
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
import django
django.setup()
logging.disable(logging.CRITICAL)
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.test import RequestFactory
from django.views.decorators.cache import cache_page, cache_control
from django.views.decorators.vary import vary_on_headers

def counted(make):
    calls = [0]
    def view(request):
        calls[0] += 1
        response = make()
        response["X-Count"] = str(calls[0])
        return response
    return view

def with_cookie():
    response = HttpResponse("page")
    response.set_cookie("csrftoken", "t")
    response["Vary"] = "Cookie"
    return response

MAKERS = {
    "plain": lambda: cache_page(60)(counted(lambda: HttpResponse("page"))),
    "private": lambda: cache_page(60)(cache_control(private=True)(counted(lambda: HttpResponse("page")))),
    "short-max-age": lambda: cache_page(60)(cache_control(max_age=10)(counted(lambda: HttpResponse("page")))),
    "long-max-age": lambda: cache_page(60)(cache_control(max_age=3600)(counted(lambda: HttpResponse("page")))),
    "not-modified": lambda: cache_page(60)(counted(lambda: HttpResponseNotModified())),
    "not-found": lambda: cache_page(60)(counted(lambda: HttpResponse("missing", status=404))),
    "streaming": lambda: cache_page(60)(counted(lambda: StreamingHttpResponse(["page"]))),
    "cookie-vary-cookie": lambda: cache_page(60)(counted(with_cookie)),
    "zero": lambda: cache_page(0)(counted(lambda: HttpResponse("page"))),
    "vary-language": lambda: cache_page(60)(vary_on_headers("Accept-Language")(counted(lambda: HttpResponse("page")))),
}

factory = RequestFactory()
results = []
for case in json.loads(sys.stdin.read()):
    cache.clear()
    view = MAKERS[case["view"]]()
    seen = []
    for step in case["steps"]:
        extra = {"HTTP_" + n.upper().replace("-", "_"): v for n, v in step.get("headers", {}).items()}
        response = view(factory.generic(step["method"], step["path"], **extra))
        seen.append({"status": response.status_code, "count": response.get("X-Count"),
            "cacheControl": response.get("Cache-Control"), "vary": response.get("Vary"),
            "expires": response.has_header("Expires")})
    results.append(seen)
print(json.dumps(results))
`;

/** The same views with this package, each counting its calls in X-Count. */
function counted(make: () => HttpResponse): ViewHandler {
  let calls = 0;
  return () => make().set('X-Count', String(++calls));
}
const page = (): HttpResponse => new HttpResponse('page');
const MAKERS: Record<string, (cache: Keyv) => ViewHandler> = {
  plain: (cache) => cachePage(60, { cache })(counted(page)),
  private: (cache) => cachePage(60, { cache })(cacheControl({ private: true })(counted(page))),
  'short-max-age': (cache) => cachePage(60, { cache })(cacheControl({ maxAge: 10 })(counted(page))),
  'long-max-age': (cache) => cachePage(60, { cache })(cacheControl({ maxAge: 3600 })(counted(page))),
  'not-modified': (cache) => cachePage(60, { cache })(counted(() => new HttpResponseNotModified())),
  'not-found': (cache) => cachePage(60, { cache })(counted(() => new HttpResponse('missing', { status: 404 }))),
  streaming: (cache) =>
    cachePage(60, { cache })(counted(() => new StreamingHttpResponse(['page']) as unknown as HttpResponse)),
  'cookie-vary-cookie': (cache) =>
    cachePage(60, { cache })(
      counted(() => new HttpResponse('page', { headers: { Vary: 'Cookie' } }).setCookie('csrftoken', 't')),
    ),
  zero: (cache) => cachePage(0, { cache })(counted(page)),
  'vary-language': (cache) => cachePage(60, { cache })(varyOnHeaders('Accept-Language')(counted(page))),
};

describeWithDjango('cachePage Django cross-check')('cachePage() beside Django 3.2 cache_page', () => {
  const django = runDjangoScript<Seen[][]>(DJANGO_SCRIPT, CASES);

  describe.each(expressVersions)('on %s', (_label, express) => {
    async function run(testCase: Case): Promise<Seen[]> {
      const app: Express = express();
      app.use((req, _res, next) => {
        req.headers.host = 'testserver'; // Django's RequestFactory host; supertest's port changes per request
        next();
      });
      app.all('/p', view(MAKERS[testCase.view]?.(new Keyv()) ?? (() => new HttpResponse('no such view'))));
      const seen: Seen[] = [];
      for (const step of testCase.steps) {
        let call =
          step.method === 'GET'
            ? request(app).get(step.path)
            : step.method === 'HEAD'
              ? request(app).head(step.path)
              : request(app).post(step.path);
        for (const [name, value] of Object.entries(step.headers ?? {})) call = call.set(name, value);
        const res = await call;
        seen.push({
          status: res.status,
          count: res.headers['x-count'] ?? null,
          cacheControl: res.headers['cache-control'] ?? null,
          vary: res.headers.vary ?? null,
          expires: res.headers.expires !== undefined,
        });
      }
      return seen;
    }

    it.each(
      CASES.map(
        (testCase, index) =>
          [`${testCase.view}: ${testCase.steps.map((s) => `${s.method} ${s.path}`).join(', ')}`, index] as const,
      ),
    )('answers %s as Django does', async (_name, index) => {
      expect(await run(CASES[index] as Case)).toEqual(django[index]);
    });
  });
});
