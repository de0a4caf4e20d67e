/**
 * urlpatterns() as Express middleware, over HTTP on Express 4 and 5: Django's matching rules
 * (whole path, trailing slash as written, converters), params typed and converted, views that
 * return responses beside Express handlers and class-based views, include() under a prefix,
 * the mount point Express reports (app, sub-app, declared prefix) used by reverse(), a mount
 * Express did not report failing at once, notFound() reaching httpErrorHandler's handler404,
 * redirect() and toRedirectTo() by name, and url() in templates.
 */
import '../../lib/testing/jest-setup';
import request from 'supertest';
import type { Request } from 'express';
import {
  HttpResponse,
  HttpResponseNotFound,
  ImproperlyConfigured,
  JsonResponse,
  NoReverseMatch,
  TemplateView,
  View,
  httpErrorHandler,
  include,
  notFound,
  path,
  redirect,
  render,
  rePath,
  resolve,
  reverse,
  urlpatterns,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

class ResultsView extends View {
  override get(req: Request) {
    return new HttpResponse(`results ${String(req.params.pk)}`);
  }
}

const pollsUrls = urlpatterns(
  [
    path('', () => new HttpResponse('index'), { name: 'index' }),
    path('<int:pk>/', (req) => new JsonResponse({ pk: req.params.pk, type: typeof req.params.pk }), { name: 'detail' }),
    path('<int:pk>/results/', ResultsView.asView(), { name: 'results' }),
    path('<int:pk>/vote/', (req) => redirect('polls:results', { args: [req.params.pk] }), { name: 'vote' }),
    path('<int:pk>/page/', (req) => render(req, 'urls', { question: { id: req.params.pk } }), { name: 'page' }),
    path('express/<slug:slug>/', (req, res, next) => {
      if (req.params.slug === 'skip') next();
      else res.send(`express ${req.params.slug}`);
    }),
    rePath(String.raw`^archive/(?P<year>[0-9]{4})/$`, (req) => new HttpResponse(`archive ${req.params.year}`), {
      name: 'archive',
    }),
  ],
  { appName: 'polls' },
);

describe.each(expressVersions)('urlpatterns() on %s', (_label, createApp) => {
  const app = useNunjucks(createApp());
  const root = urlpatterns([
    path('polls/', include(pollsUrls)),
    path('about/', () => new HttpResponse('about'), { name: 'about' }),
  ]);
  app.use('/site', root);
  app.get('/site/express/skip/', (_req, res) => res.send('express route'));
  app.use(notFound(), httpErrorHandler({ handler404: () => new HttpResponseNotFound('custom 404') }));

  it('matches the whole path with the trailing slash as written, and converts <int:pk> to a number', async () => {
    await expect(await request(app).get('/site/polls/42/')).toEqualJSON({ pk: 42, type: 'number' });
    expect((await request(app).get('/site/polls/42')).status).toBe(404);
    expect((await request(app).get('/site/polls/42/extra/')).status).toBe(404);
    expect((await request(app).get('/site/polls/x/')).status).toBe(404);
    expect((await request(app).get('/site/polls/')).text).toBe('index');
    expect((await request(app).get('/site/polls')).status).toBe(404);
  });

  it('mounts class-based views and Express handlers as they are, and rePath() with named groups', async () => {
    expect((await request(app).get('/site/polls/7/results/')).text).toBe('results 7');
    expect((await request(app).post('/site/polls/7/results/')).status).toBe(405);
    expect((await request(app).get('/site/polls/express/abc/')).text).toBe('express abc');
    expect((await request(app).get('/site/polls/archive/2026/')).text).toBe('archive 2026');
    expect((await request(app).get('/site/polls/archive/26/')).status).toBe(404);
  });

  it("passes a request on when the view calls next(), and Express's later routes answer", async () => {
    // The URLconf is mounted at /site: /site/express/skip/ is not one of its paths at all.
    expect((await request(app).get('/site/express/skip/')).text).toBe('express route');
  });

  it("answers a path no pattern matches through notFound() and httpErrorHandler's handler404", async () => {
    const response = await request(app).get('/nowhere/');
    expect(response.status).toBe(404);
    expect(response.text).toBe('custom 404');
  });

  it('reverses under the mount path Express reported, and redirects by name', async () => {
    expect(reverse('polls:detail', { args: [5] })).toBe('/site/polls/5/');
    expect(reverse('about')).toBe('/site/about/');
    const response = await request(app).post('/site/polls/5/vote/');
    await expect(response).toRedirectTo('/site/polls/5/results/');
    await expect(response).toRedirectTo('polls:results', { args: [5], fetchRedirectResponse: true });
    await expect(expect(response).toRedirectTo('polls:results', { args: [6] })).rejects.toThrow(/polls\/6\/results/);
    expect(resolve('/site/polls/5/results/').viewName).toBe('polls:results');
  });

  it("gives templates url(), reversing in the request's namespace, keyword arguments last", async () => {
    const response = await request(app).get('/site/polls/3/page/');
    expect(response.text).toBe(
      '<a href="/site/polls/3/">detail</a>\n<a href="/site/polls/3/results/">results</a>\n<a href="/site/polls/">index</a>\n',
    );
  });
});

describe('where a URLconf is mounted', () => {
  it.each(expressVersions)('reads a sub-app mount path on %s', async (_label, createApp) => {
    const urls = urlpatterns([
      path('<slug:s>/', (req) => new HttpResponse(reverse('item', { args: [req.params.s], urlconf: urls })), {
        name: 'item',
      }),
    ]);
    const sub = createApp();
    sub.use('/items', urls);
    const app = createApp();
    app.use('/v1', sub);
    expect((await request(app).get('/v1/items/a-b/')).text).toBe('/v1/items/a-b/');
  });

  it.each(expressVersions)(
    'reads a mount path as Express matches it: percent-encoded, with pattern characters escaped (%s)',
    async (_label, createApp) => {
      for (const [mount, expected] of [
        ['/caf%C3%A9', '/caf%C3%A9/a%20b/'],
        ['/100%2525', '/100%2525/a%20b/'],
        ['/\\(v1\\)', '/(v1)/a%20b/'],
        ['/v\\:1', '/v:1/a%20b/'],
      ]) {
        const urls = urlpatterns([
          path('<str:s>/', (req) => new HttpResponse(reverse('item', { args: [req.params.s], urlconf: urls })), {
            name: 'item',
          }),
        ]);
        const app = createApp();
        app.use(mount as string, urls);
        expect(reverse('item', { args: ['a b'], urlconf: urls })).toBe(expected);
        expect([mount, (await request(app).get(expected as string)).text]).toEqual([mount, expected]);
      }
    },
  );

  it.each(expressVersions)(
    'fails at once, saying how to mount it, when Express did not report the mount (%s)',
    async (_label, createApp) => {
      const urls = urlpatterns([path('x/', () => new HttpResponse('x'), { name: 'x' })]);
      const express = createApp();
      const app = createApp();
      const router = (express as unknown as { Router?: unknown }).Router;
      void router;
      // A plain function between the app and the URLconf hides the mount from Express's 'mount' event.
      app.use('/api', (req, res, next) => urls(req, res, next));
      let error: unknown;
      app.use((err: unknown, _req: unknown, res: { status(n: number): { end(): void } }, _next: unknown) => {
        error = err;
        res.status(500).end();
      });
      expect((await request(app).get('/api/x/')).status).toBe(500);
      expect(error).toBeInstanceOf(ImproperlyConfigured);
      expect((error as Error).message).toMatch(
        /mount it on the app itself \(app\.use\('\/api', urls\)\), or declare the prefix \(urlpatterns\(patterns, \{ prefix: '\/api' \}\)\)/,
      );
    },
  );

  it.each(expressVersions)('takes a declared prefix for a URLconf behind a router (%s)', async (_label, createApp) => {
    const urls = urlpatterns([path('x/', () => new HttpResponse(reverse('x', { urlconf: urls })), { name: 'x' })], {
      prefix: '/api',
    });
    const app = createApp();
    app.use('/api', (req, res, next) => urls(req, res, next));
    expect((await request(app).get('/api/x/')).text).toBe('/api/x/');
  });

  it('refuses to reverse without any URLconf mounted, naming both fixes', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh registry
      const fresh = require('../../lib/index.js') as { reverse: typeof reverse };
      expect(() => fresh.reverse('anything')).toThrow(
        "reverse() found no URLconf: mount one on the app first (app.use(urlpatterns([...])) or app.use('/polls', urls)), or pass it: reverse(name, { urlconf: urls }).",
      );
    });
  });

  it('keeps a name with no pattern a NoReverseMatch in redirect(), and a path a URL', () => {
    const urls = urlpatterns([path('x/', () => new HttpResponse('x'), { name: 'x' })]);
    createAndMount(urls);
    expect(() => redirect('missing-name')).toThrow(NoReverseMatch);
    expect(redirect('/plain/path/').get('Location')).toBe('/plain/path/');
    expect(redirect('../up').get('Location')).toBe('../up');
    expect(redirect('x').get('Location')).toBe('/x/');
    expect(redirect({ getAbsoluteUrl: () => '/model/1/' }).get('Location')).toBe('/model/1/');
  });
});

describe('TemplateView under urlpatterns()', () => {
  it.each(expressVersions)('renders url() in a TemplateResponse (%s)', async (_label, createApp) => {
    class Page extends TemplateView {
      override templateName = 'urls';
      override getContextData() {
        return { question: { id: 9 } };
      }
    }
    const app = useNunjucks(createApp());
    app.use('/q', urlpatterns([path('polls/', include(pollsUrls)), path('page/', Page.asView())]));
    expect((await request(app).get('/q/page/')).text).toContain('<a href="/q/polls/9/">detail</a>');
  });
});

function createAndMount(urls: ReturnType<typeof urlpatterns>): void {
  const [, createApp] = expressVersions[0]!;
  createApp().use(urls);
}
