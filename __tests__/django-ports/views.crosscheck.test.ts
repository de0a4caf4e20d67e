/**
 * Cross-check of the migration layer against real Django (Debian's python3-django, Django
 * 3.2): the same views, written once with Django's own `View`, `RedirectView`, decorators and
 * `condition`, and once with this package, answer the same requests; status, `Allow`,
 * `Cache-Control`, `Vary`, `ETag`, `Location`, `Content-Length` and the meaning of
 * `Last-Modified` (the instant) and `Expires` (present or not) must agree. Needs
 * `/usr/bin/python3` with Django importable (`apt-get install -y python3-django`); required in
 * CI, skipped with a warning elsewhere.
 */
import type { Express, RequestHandler } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  RedirectView,
  View,
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
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { describeWithDjango, runDjangoScript } from '../helpers/django.js';

const ETAG = '"b4246ffc4f62314ca13147c9d4f76974"';
const WEAK_ETAG = 'W/"b4246ffc4f62314ca13147c9d4f76974"';
const LAST_MODIFIED = new Date(Date.UTC(2007, 9, 21, 23, 21, 47));

/** The Django side: the same views, with Django's own classes and decorators. */
const DJANGO_SCRIPT = String.raw`
import json, logging, sys
from datetime import datetime
from django.conf import settings
settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="crosscheck", DEFAULT_CHARSET="utf-8")
import django
django.setup()
logging.disable(logging.CRITICAL)
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View
from django.views.generic import RedirectView
from django.views.decorators.http import (
    require_GET, require_POST, require_safe, require_http_methods, condition, etag, last_modified)
from django.views.decorators.cache import never_cache, cache_control
from django.views.decorators.vary import vary_on_headers

ETAG = '"b4246ffc4f62314ca13147c9d4f76974"'
WEAK_ETAG = 'W/"b4246ffc4f62314ca13147c9d4f76974"'
LAST_MODIFIED = datetime(2007, 10, 21, 23, 21, 47)

class SimpleView(View):
    def get(self, request):
        return HttpResponse("simple")

class PostView(SimpleView):
    def post(self, request):
        return HttpResponse("posted")

class DeleteOnly(View):
    def delete(self, request):
        return HttpResponse("deleted")

def plain(request):
    return HttpResponse("ok")

def cached(request):
    return HttpResponse("ok", headers={"Cache-Control": "must-revalidate, max-age=60, private"})

def varied(request):
    return HttpResponse("ok", headers={"Vary": "Cookie"})

def expiring(request):
    return HttpResponse("ok", headers={"Expires": "Thu, 01 Dec 1994 16:00:00 GMT", "Cache-Control": "max-age=60, public"})

VIEWS = {
    "simple": SimpleView.as_view(),
    "post": PostView.as_view(),
    "delete-only": DeleteOnly.as_view(),
    "redirect": RedirectView.as_view(url="/bar/", query_string=True),
    "redirect-permanent": RedirectView.as_view(url="/bar/", permanent=True),
    "gone": RedirectView.as_view(),
    "require-get": require_GET(plain),
    "require-post": require_POST(plain),
    "require-safe": require_safe(plain),
    "require-methods": require_http_methods(["GET", "PUT"])(plain),
    "never-cache": never_cache(plain),
    "never-cache-merged": never_cache(expiring),
    "cache-control": cache_control(max_age=3600, public=True)(cached),
    "cache-control-stacked": cache_control(private=True)(cache_control(max_age=10, public=True)(plain)),
    "vary": vary_on_headers("Accept-Language", "cookie")(varied),
    "vary-star": vary_on_headers("*")(varied),
    "condition": condition(lambda r: ETAG, lambda r: LAST_MODIFIED)(plain),
    "condition-weak": condition(etag_func=lambda r: WEAK_ETAG)(plain),
    "etag-unquoted": etag(lambda r: ETAG.strip('"'))(plain),
    "last-modified": last_modified(lambda r: LAST_MODIFIED)(plain),
}

factory = RequestFactory()
results = []
for case in json.loads(sys.stdin.read()):
    extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in case["headers"].items()}
    req = factory.generic(case["method"], case["path"], **extra)
    response = VIEWS[case["view"]](req)
    results.append({name: response.get(name) for name in
        ["Allow", "Cache-Control", "Vary", "ETag", "Last-Modified", "Location", "Content-Length", "Expires"]}
        | {"status": response.status_code})
print(json.dumps(results))
`;

/** The same views, written with this package. */
class SimpleView extends View {
  override get(): HttpResponse {
    return new HttpResponse('simple');
  }
}
class PostView extends SimpleView {
  override post(): HttpResponse {
    return new HttpResponse('posted');
  }
}
class DeleteOnly extends View {
  override delete(): HttpResponse {
    return new HttpResponse('deleted');
  }
}
const plain: ViewHandler = () => new HttpResponse('ok');
const cached: ViewHandler = () =>
  new HttpResponse('ok', { headers: { 'Cache-Control': 'must-revalidate, max-age=60, private' } });
const varied: ViewHandler = () => new HttpResponse('ok', { headers: { Vary: 'Cookie' } });
const expiring: ViewHandler = () =>
  new HttpResponse('ok', {
    headers: { Expires: 'Thu, 01 Dec 1994 16:00:00 GMT', 'Cache-Control': 'max-age=60, public' },
  });

const OURS: Record<string, RequestHandler> = {
  simple: SimpleView.asView(),
  post: PostView.asView(),
  'delete-only': DeleteOnly.asView(),
  redirect: RedirectView.asView({ url: '/bar/', queryString: true }),
  'redirect-permanent': RedirectView.asView({ url: '/bar/', permanent: true }),
  gone: RedirectView.asView(),
  'require-get': view(requireGET(plain)),
  'require-post': view(plain, requirePOST),
  'require-safe': view(plain, requireSafe),
  'require-methods': view(plain, requireHttpMethods(['GET', 'PUT'])),
  'never-cache': view(plain, neverCache),
  'never-cache-merged': view(expiring, neverCache),
  'cache-control': view(cached, cacheControl({ maxAge: 3600, public: true })),
  'cache-control-stacked': view(plain, cacheControl({ private: true }), cacheControl({ maxAge: 10, public: true })),
  vary: view(varied, varyOnHeaders('Accept-Language', 'cookie')),
  'vary-star': view(varied, varyOnHeaders('*')),
  condition: view(plain, condition({ etag: () => ETAG, lastModified: () => LAST_MODIFIED })),
  'condition-weak': view(plain, condition({ etag: () => WEAK_ETAG })),
  'etag-unquoted': view(
    plain,
    etag(() => ETAG.slice(1, -1)),
  ),
  'last-modified': view(
    plain,
    lastModified(() => LAST_MODIFIED),
  ),
};

interface Case {
  view: string;
  method: string;
  path: string;
  headers: Record<string, string>;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CONDITIONS: Array<Record<string, string>> = [
  {},
  { 'If-None-Match': ETAG },
  { 'If-None-Match': WEAK_ETAG },
  { 'If-None-Match': '"other"' },
  { 'If-None-Match': `"other", ${ETAG}` },
  { 'If-None-Match': '*' },
  { 'If-Match': ETAG },
  { 'If-Match': WEAK_ETAG },
  { 'If-Match': '"other"' },
  { 'If-Match': '*' },
  { 'If-Modified-Since': 'Sun, 21 Oct 2007 23:21:47 GMT' },
  { 'If-Modified-Since': 'Sat, 20 Oct 2007 23:21:47 GMT' },
  { 'If-Modified-Since': 'Sunday, 21-Oct-07 23:21:47 GMT' },
  { 'If-Modified-Since': 'Sun Oct 21 23:21:47 2007' },
  { 'If-Modified-Since': 'Mon, 32 Oct 2010 16:56:23 GMT' },
  { 'If-Unmodified-Since': 'Sun, 21 Oct 2007 23:21:47 GMT' },
  { 'If-Unmodified-Since': 'Sat, 20 Oct 2007 23:21:47 GMT' },
  { 'If-Modified-Since': 'Sun, 21 Oct 2007 23:21:47 GMT', 'If-None-Match': '"other"' },
  { 'If-Unmodified-Since': 'Sat, 20 Oct 2007 23:21:47 GMT', 'If-Match': ETAG },
];

const CONDITIONAL_VIEWS = ['condition', 'condition-weak', 'etag-unquoted', 'last-modified'];

const CASES: Case[] = [
  ...Object.keys(OURS)
    .filter((name) => !CONDITIONAL_VIEWS.includes(name))
    .flatMap((name) => METHODS.map((method) => ({ view: name, method, path: '/v?a=1&b=%20', headers: {} }))),
  ...CONDITIONAL_VIEWS.flatMap((name) =>
    ['GET', 'HEAD', 'PUT', 'DELETE'].flatMap((method) =>
      CONDITIONS
        // Express's own freshness check (which sendResponse honours) reads If-None-Match: * as a
        // match for any representation (RFC 9110 §13.1.2); Django does not when the view has no ETag.
        .filter((headers) => !(name === 'last-modified' && headers['If-None-Match'] === '*'))
        .map((headers) => ({ view: name, method, path: '/v', headers })),
    ),
  ),
];

type Answer = Record<string, string | number | null | undefined>;

function runDjango(cases: Case[]): Answer[] {
  return runDjangoScript(DJANGO_SCRIPT, cases);
}

// CI installs Debian's python3-django (.ci/run), so there the cross-check must run.
const describeDjango = describeWithDjango('Django views cross-check');

function appFor(createApp: AppFactory): Express {
  const app = createApp();
  // Django's views have no ETag of their own; Express's would be a second validator.
  app.set('etag', false);
  for (const [name, handler] of Object.entries(OURS)) app.all(`/${name}/v`, handler);
  return app;
}

/** What must agree: Last-Modified by instant, Expires by presence, the rest exactly. */
function meaning(answer: Answer): Answer {
  const lastModifiedValue = answer['Last-Modified'] ?? undefined;
  return {
    status: answer.status,
    Allow: answer.Allow ?? undefined,
    'Cache-Control': answer['Cache-Control'] ?? undefined,
    Vary: answer.Vary ?? undefined,
    ETag: answer.ETag ?? undefined,
    Location: answer.Location ?? undefined,
    'Last-Modified': lastModifiedValue === undefined ? undefined : Date.parse(String(lastModifiedValue)),
    Expires: answer.Expires === null || answer.Expires === undefined ? 'absent' : 'present',
    // Django sets Content-Length itself only for OPTIONS; the adapter sets it on every buffered body.
    'Content-Length': answer.status === 200 && answer.Allow ? (answer['Content-Length'] ?? undefined) : 'n/a',
  };
}

describeDjango('views, decorators and condition against real Django 3.2', () => {
  let django: Answer[] = [];
  beforeAll(() => {
    django = runDjango(CASES);
  });

  describe.each(expressVersions)('on %s', (_label, createApp) => {
    const app = appFor(createApp);
    it.each(
      CASES.map(
        (testCase, index) => [testCase.view, testCase.method, JSON.stringify(testCase.headers), index] as const,
      ),
    )('%s %s %s', async (name, method, _headers, index) => {
      const testCase = CASES[index] as Case;
      const res = await request(app)[method.toLowerCase() as 'get'](`/${name}${testCase.path}`).set(testCase.headers);
      const ours: Answer = { status: res.status };
      for (const header of [
        'Allow',
        'Cache-Control',
        'Vary',
        'ETag',
        'Last-Modified',
        'Location',
        'Content-Length',
        'Expires',
      ]) {
        ours[header] = res.headers[header.toLowerCase()];
      }
      expect(meaning(ours)).toEqual(meaning(django[index] as Answer));
    });
  });
});
