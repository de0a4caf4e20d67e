/**
 * `xFrameOptionsDeny`, `xFrameOptionsSameOrigin`, `xFrameOptionsExempt` and `varyOnCookie` over
 * real HTTP on Express 4 and 5, with helmet's `frameguard` (the place of Django's
 * `XFrameOptionsMiddleware`) installed for real; ported from Django's tests/decorators/tests.py
 * (XFrameOptionsDecoratorsTests) and tests/middleware/tests.py (XFrameOptionsMiddlewareTest),
 * then cross-checked header by header against Django 3.2's decorators and middleware.
 */
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import {
  HttpResponse,
  JsonResponse,
  varyOnCookie,
  varyOnHeaders,
  view,
  xFrameOptionsDeny,
  xFrameOptionsExempt,
  xFrameOptionsSameOrigin,
  type ViewHandler,
  type ViewMiddleware,
} from '../../../lib/index.js';
import { expressVersions, type AppFactory } from '../../helpers/apps.js';
import { describeWithDjango, runDjangoScript } from '../../helpers/django.js';

const plain: ViewHandler = () => new HttpResponse('ok');
const ownHeader: ViewHandler = () => new HttpResponse('ok', { headers: { 'X-Frame-Options': 'ALLOWALL' } });
const varied: ViewHandler = () => new HttpResponse('ok', { headers: { Vary: 'Accept-Language' } });
const web: ViewHandler = () => new Response('ok');

/** `name` → [view, decorators]: the same table as the Django side's. */
const VIEWS: Record<string, [ViewHandler, ViewMiddleware[]]> = {
  plain: [plain, []],
  deny: [plain, [xFrameOptionsDeny]],
  sameorigin: [plain, [xFrameOptionsSameOrigin]],
  exempt: [plain, [xFrameOptionsExempt]],
  'own-header': [ownHeader, []],
  'own-header-deny': [ownHeader, [xFrameOptionsDeny]],
  'own-header-sameorigin': [ownHeader, [xFrameOptionsSameOrigin]],
  'own-header-exempt': [ownHeader, [xFrameOptionsExempt]],
  'exempt-then-deny': [plain, [xFrameOptionsExempt, xFrameOptionsDeny]],
  'deny-then-exempt': [plain, [xFrameOptionsDeny, xFrameOptionsExempt]],
  'vary-cookie': [plain, [varyOnCookie]],
  'vary-cookie-varied': [varied, [varyOnCookie]],
  'vary-cookie-twice': [varied, [varyOnCookie, varyOnHeaders('cookie')]],
  'vary-cookie-deny': [varied, [varyOnCookie, xFrameOptionsDeny]],
};

function appFor(createApp: AppFactory, frameguard: boolean): Express {
  const app = createApp();
  // helmet's frameguard alone: Django's XFrameOptionsMiddleware sets only this header.
  if (frameguard) app.use(helmet.frameguard({ action: 'sameorigin' }));
  for (const [name, [handler, decorators]] of Object.entries(VIEWS)) {
    app.get(`/${name}/`, view(handler, ...decorators));
  }
  app.get('/web-exempt/', view(web, xFrameOptionsExempt));
  app.get('/web-deny/', view(web, xFrameOptionsDeny));
  app.get(
    '/json-sameorigin/',
    view(() => new JsonResponse({ a: 1 }), xFrameOptionsSameOrigin),
  );
  const bare: RequestHandler = xFrameOptionsExempt(plain);
  app.get('/mounted-without-view/', bare);
  app.get(
    '/writes-res/',
    view(
      xFrameOptionsExempt((_req, res) => {
        res.send('by hand');
      }),
    ),
  );
  return app;
}

describe.each(expressVersions)('clickjacking decorators on %s', (_label, createApp) => {
  const bare = appFor(createApp, false);
  const guarded = appFor(createApp, true);

  // Django tests/decorators/tests.py XFrameOptionsDecoratorsTests
  it('test_deny_decorator', async () => {
    const res = await request(bare).get('/deny/').expect(200, 'ok');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
  it('test_sameorigin_decorator', async () => {
    const res = await request(bare).get('/sameorigin/').expect(200);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
  it('test_exempt_decorator: no header with helmet frameguard installed', async () => {
    const framed = await request(guarded).get('/plain/').expect(200);
    expect(framed.headers['x-frame-options']).toBe('SAMEORIGIN');
    const exempt = await request(guarded).get('/exempt/').expect(200, 'ok');
    expect(exempt.headers['x-frame-options']).toBeUndefined();
  });
  it('exempt also works under helmet() with all its defaults', async () => {
    const app = createApp();
    app.use(helmet());
    app.get('/e/', view(plain, xFrameOptionsExempt));
    app.get('/p/', view(plain));
    expect((await request(app).get('/p/')).headers['x-frame-options']).toBe('SAMEORIGIN');
    const res = await request(app).get('/e/').expect(200);
    expect(res.headers['x-frame-options']).toBeUndefined();
    // the rest of helmet's headers stay
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  // Django tests/middleware/tests.py XFrameOptionsMiddlewareTest
  it('test_dont_set_if_set: the decorators leave a header the view set', async () => {
    for (const path of ['/own-header/', '/own-header-deny/', '/own-header-sameorigin/', '/own-header-exempt/']) {
      const res = await request(guarded).get(path);
      expect([path, res.headers['x-frame-options']]).toEqual([path, 'ALLOWALL']);
    }
  });
  it('test_response_exempt: exempt views under middleware get none, others get the middleware value', async () => {
    expect((await request(guarded).get('/exempt/')).headers['x-frame-options']).toBeUndefined();
    expect((await request(guarded).get('/sameorigin/')).headers['x-frame-options']).toBe('SAMEORIGIN');
  });
  it('a decorator beats the middleware value (DENY over frameguard SAMEORIGIN)', async () => {
    expect((await request(guarded).get('/deny/')).headers['x-frame-options']).toBe('DENY');
  });
  it('works on a web Response and a JsonResponse', async () => {
    expect((await request(guarded).get('/web-exempt/').expect(200, 'ok')).headers['x-frame-options']).toBeUndefined();
    expect((await request(guarded).get('/web-deny/').expect(200, 'ok')).headers['x-frame-options']).toBe('DENY');
    const json = await request(guarded).get('/json-sameorigin/').expect(200, { a: 1 });
    expect(json.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
  it('a decorated view mounted without view() answers the same', async () => {
    const res = await request(guarded).get('/mounted-without-view/').expect(200, 'ok');
    expect(res.headers['x-frame-options']).toBeUndefined();
  });
  it('a view that wrote res itself is left as it went out', async () => {
    const res = await request(guarded).get('/writes-res/').expect(200, 'by hand');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
  it('keeps the view name in messages, and names itself when given no view', () => {
    expect(() => (xFrameOptionsDeny as unknown as (v: unknown) => unknown)(42)).toThrow(
      'xFrameOptionsDeny decorates a view function: write view(handler, xFrameOptionsDeny) or xFrameOptionsDeny(handler) (got 42).',
    );
    expect(() => view(xFrameOptionsExempt as unknown as ViewHandler, plain as unknown as ViewMiddleware)).toThrow(
      /xFrameOptionsExempt and the view are swapped/,
    );
    expect(() => (varyOnCookie as unknown as (v: unknown) => unknown)('x')).toThrow(/^varyOnCookie decorates/);
  });

  // Django tests/decorators/tests.py: vary_on_cookie
  it('varyOnCookie adds Cookie to Vary, after what the view set, once', async () => {
    expect((await request(bare).get('/vary-cookie/')).headers.vary).toBe('Cookie');
    expect((await request(bare).get('/vary-cookie-varied/')).headers.vary).toBe('Accept-Language, Cookie');
    // the inner varyOnHeaders('cookie') came first; Django keeps its spelling too (cross-checked below)
    expect((await request(bare).get('/vary-cookie-twice/')).headers.vary).toBe('Accept-Language, cookie');
  });
});

/** The Django side: the same table with Django's decorators, with and without XFrameOptionsMiddleware. */
const DJANGO_SCRIPT = String.raw`
import json, sys
from django.conf import settings
settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="crosscheck", X_FRAME_OPTIONS="SAMEORIGIN")
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.views.decorators.clickjacking import xframe_options_deny, xframe_options_sameorigin, xframe_options_exempt
from django.views.decorators.vary import vary_on_cookie, vary_on_headers

def plain(request):
    return HttpResponse("ok")
def own_header(request):
    return HttpResponse("ok", headers={"X-Frame-Options": "ALLOWALL"})
def varied(request):
    return HttpResponse("ok", headers={"Vary": "Accept-Language"})

def stack(view, *decorators):
    for decorate in reversed(decorators):
        view = decorate(view)
    return view

VIEWS = {
    "plain": stack(plain),
    "deny": stack(plain, xframe_options_deny),
    "sameorigin": stack(plain, xframe_options_sameorigin),
    "exempt": stack(plain, xframe_options_exempt),
    "own-header": stack(own_header),
    "own-header-deny": stack(own_header, xframe_options_deny),
    "own-header-sameorigin": stack(own_header, xframe_options_sameorigin),
    "own-header-exempt": stack(own_header, xframe_options_exempt),
    "exempt-then-deny": stack(plain, xframe_options_exempt, xframe_options_deny),
    "deny-then-exempt": stack(plain, xframe_options_deny, xframe_options_exempt),
    "vary-cookie": stack(plain, vary_on_cookie),
    "vary-cookie-varied": stack(varied, vary_on_cookie),
    "vary-cookie-twice": stack(varied, vary_on_cookie, vary_on_headers("cookie")),
    "vary-cookie-deny": stack(varied, vary_on_cookie, xframe_options_deny),
}
results = []
for case in json.loads(sys.stdin.read()):
    view = VIEWS[case["view"]]
    handler = XFrameOptionsMiddleware(view) if case["middleware"] else view
    response = handler(RequestFactory().get("/"))
    results.append({"X-Frame-Options": response.get("X-Frame-Options"), "Vary": response.get("Vary")})
print(json.dumps(results))
`;

interface Case {
  view: string;
  middleware: boolean;
}
const CASES: Case[] = Object.keys(VIEWS).flatMap((name) => [
  { view: name, middleware: false },
  { view: name, middleware: true },
]);

const describeDjango = describeWithDjango('Clickjacking cross-check');

describeDjango(
  'X-Frame-Options and Vary: Cookie against Django 3.2 (XFrameOptionsMiddleware = helmet frameguard)',
  () => {
    let django: Array<Record<string, string | null>> = [];
    beforeAll(() => {
      django = runDjangoScript(DJANGO_SCRIPT, CASES);
    });
    describe.each(expressVersions)('on %s', (_label, createApp) => {
      const apps = { true: appFor(createApp, true), false: appFor(createApp, false) };
      it.each(CASES.map((c, index) => [c.view, c.middleware ? 'with middleware' : 'alone', index] as const))(
        '%s %s',
        async (name, _how, index) => {
          const testCase = CASES[index] as Case;
          const res = await request(apps[`${testCase.middleware}`]).get(`/${name}/`).expect(200);
          expect({
            'X-Frame-Options': res.headers['x-frame-options'] ?? null,
            Vary: res.headers.vary ?? null,
          }).toEqual(django[index]);
        },
      );
    });
  },
);
