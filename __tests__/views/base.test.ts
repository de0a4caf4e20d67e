/** Class-based views, ported from Django's tests/generic_views/test_base.py. */
import type { Request } from 'express';
import request from 'supertest';
import { HttpResponse, RedirectView, View } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

class SimpleView extends View {
  override get(): HttpResponse {
    return new HttpResponse('This is a simple view');
  }
}

class SimplePostView extends SimpleView {
  override post(): HttpResponse {
    return new HttpResponse('posted');
  }
}

class CustomizableView extends SimpleView {
  parameter = 'default';
  override get(): HttpResponse {
    return new HttpResponse(this.parameter);
  }
}

class InstanceView extends View {
  override get(): HttpResponse {
    return new HttpResponse(String(this.request.params.id ?? ''));
  }
}

class CountingView extends View {
  hits = 0;
  override get(): HttpResponse {
    this.hits += 1;
    return new HttpResponse(String(this.hits));
  }
}

class HeadView extends SimpleView {
  override head(): HttpResponse {
    return new HttpResponse('', { headers: { 'X-Head': 'own' } });
  }
}

describe('View.asView() arguments', () => {
  it('refuses an HTTP method name as an init argument (TypeError)', () => {
    expect(() => SimpleView.asView({ get: () => new HttpResponse() } as never)).toThrow(TypeError);
    expect(() => SimpleView.asView({ post: 1 } as never)).toThrow(
      'The method name post is not accepted as an init argument to SimpleView.asView().',
    );
  });

  it('refuses an init argument that is not a field of the class', () => {
    expect(() => CustomizableView.asView({ foobar: 'x' } as never)).toThrow(
      'CustomizableView.asView() received an invalid init argument "foobar". asView only accepts arguments that are already fields of the class.',
    );
  });

  it('asHandler() says which class and arguments made it', () => {
    const handler = CustomizableView.asHandler({ parameter: 'value' });
    expect(handler.viewClass).toBe(CustomizableView);
    expect(handler.viewInitArgs).toEqual({ parameter: 'value' });
    expect(handler.name).toBe('CustomizableView');
  });

  it('says so when an overridden setup() forgets super.setup()', () => {
    class NoSetup extends SimpleView {
      override setup(): void {}
    }
    const req = { method: 'GET', params: {} } as Request;
    expect(() => NoSetup.asHandler()(req, undefined as never)).toThrow(
      'NoSetup instance has no request after setup(). Did you override setup() and forget to call super.setup(req, res)?',
    );
  });

  it('lets an overridden setup() add per-request state after super.setup()', async () => {
    class WithSetup extends View {
      user = '';
      override setup(req: Request, res: never): void {
        super.setup(req, res);
        this.user = req.get('X-User') ?? 'anonymous';
      }
      override get(): HttpResponse {
        return new HttpResponse(this.user);
      }
    }
    const req = { method: 'GET', params: {}, get: () => 'ada' } as unknown as Request;
    expect(((await WithSetup.asHandler()(req, undefined as never)) as HttpResponse).text).toBe('ada');
  });

  it('asHandler()(req) returns the response object, without a server', async () => {
    const req = { method: 'GET', params: {} } as Request;
    const response = await CustomizableView.asHandler({ parameter: 'direct' })(req, undefined as never);
    expect(response).toBeInstanceOf(HttpResponse);
    expect((response as HttpResponse).text).toBe('direct');
  });
});

describe.each(expressVersions)('View on %s', (_label, createApp) => {
  function appWith(path: string, handler: ReturnType<typeof View.asView>) {
    const app = createApp();
    app.all(path, handler);
    return app;
  }

  it('answers GET through get()', async () => {
    const res = await request(appWith('/', SimpleView.asView())).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('This is a simple view');
  });

  it('answers HEAD through get() when there is no head(), without a body', async () => {
    const res = await request(appWith('/', SimpleView.asView())).head('/');
    expect(res.status).toBe(200);
    expect(res.text).toBeUndefined();
    expect(res.headers['content-length']).toBe('21');
  });

  it('answers HEAD through head() when there is one', async () => {
    const res = await request(appWith('/', HeadView.asView())).head('/');
    expect(res.headers['x-head']).toBe('own');
  });

  it.each(['post', 'put', 'patch', 'delete'] as const)(
    'answers %s, which it does not define, 405 with Allow',
    async (method) => {
      const res = await request(appWith('/', SimpleView.asView()))[method]('/');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    },
  );

  it('answers a method outside httpMethodNames 405 (Django: an unknown method)', async () => {
    const res = await request(appWith('/', SimplePostView.asView())).search('/');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
  });

  it('answers OPTIONS 200 with Allow and Content-Length: 0', async () => {
    const res = await request(appWith('/', SimplePostView.asView())).options('/');
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect(res.headers['content-length']).toBe('0');
  });

  it('OPTIONS on a view without get() lists neither GET nor HEAD', async () => {
    class PostOnly extends View {
      override post(): HttpResponse {
        return new HttpResponse('p');
      }
    }
    const res = await request(appWith('/', PostOnly.asView())).options('/');
    expect(res.headers.allow).toBe('POST, OPTIONS');
  });

  it('sets init arguments on the instance', async () => {
    const res = await request(appWith('/', CustomizableView.asView({ parameter: 'value' }))).get('/');
    expect(res.text).toBe('value');
  });

  it('uses a fresh instance per request', async () => {
    const app = appWith('/', CountingView.asView());
    expect((await request(app).get('/')).text).toBe('1');
    expect((await request(app).get('/')).text).toBe('1');
  });

  it('keeps request and params on the instance (setup)', async () => {
    const res = await request(appWith('/items/:id', InstanceView.asView())).get('/items/42');
    expect(res.text).toBe('42');
  });

  it('types the route params with View<P>: this.params and req.params', async () => {
    class ArticleView extends View<{ slug: string }> {
      override get(req: Request<{ slug: string }>): HttpResponse {
        return new HttpResponse(`${this.params.slug.toUpperCase()} ${req.params.slug.length}`);
      }
    }
    const res = await request(appWith('/articles/:slug', ArticleView.asView())).get('/articles/dune');
    expect(res.text).toBe('DUNE 4');
  });

  it('lets an overridden dispatch() run before the method handler', async () => {
    class Guarded extends SimpleView {
      override dispatch(req: Request, res: never) {
        if (req.get('X-Token') !== 'ok') return new HttpResponse('denied', { status: 403 });
        return super.dispatch(req, res);
      }
    }
    const app = appWith('/', Guarded.asView());
    expect((await request(app).get('/')).status).toBe(403);
    expect((await request(app).get('/').set('X-Token', 'ok')).text).toBe('This is a simple view');
  });
});

describe.each(expressVersions)('RedirectView on %s', (_label, createApp) => {
  function get(path: string, handler: ReturnType<typeof View.asView>, url: string, method = 'get') {
    const app = createApp();
    app.all(path, handler);
    return (request(app) as unknown as Record<string, (url: string) => request.Test>)[method]!(url);
  }

  it('without a url answers 410 Gone', async () => {
    expect((await get('/', RedirectView.asView(), '/')).status).toBe(410);
  });

  it('redirects temporarily by default (302)', async () => {
    const res = await get('/', RedirectView.asView({ url: '/bar/' }), '/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/bar/');
  });

  it('redirects permanently (301) with permanent', async () => {
    const res = await get('/', RedirectView.asView({ url: '/bar/', permanent: true }), '/');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/bar/');
  });

  it('drops the query string by default', async () => {
    const res = await get('/', RedirectView.asView({ url: '/bar/' }), '/?pork=spam');
    expect(res.headers.location).toBe('/bar/');
  });

  it('passes the raw query string on with queryString', async () => {
    const res = await get('/', RedirectView.asView({ url: '/bar/', queryString: true }), '/?pork=spam&x=%20');
    expect(res.headers.location).toBe('/bar/?pork=spam&x=%20');
  });

  it('appends the query with & to a target that has one', async () => {
    const res = await get('/', RedirectView.asView({ url: '/bar/?a=1', queryString: true }), '/?pork=spam');
    expect(res.headers.location).toBe('/bar/?a=1&pork=spam');
  });

  it('fills %(name)s from the route params', async () => {
    const res = await get('/foo/:id', RedirectView.asView({ url: '/bar/%(id)s/' }), '/foo/42');
    expect(res.headers.location).toBe('/bar/42/');
  });

  it('computes the target with getRedirectUrl()', async () => {
    class ArticleRedirect extends RedirectView {
      override getRedirectUrl(req: Request) {
        return `/articles/${String(req.params.slug)}/`;
      }
    }
    const res = await get('/a/:slug', ArticleRedirect.asView(), '/a/hello');
    expect(res.headers.location).toBe('/articles/hello/');
  });

  it.each(['head', 'post', 'put', 'patch', 'delete', 'options'])('redirects %s too', async (method) => {
    const res = await get('/', RedirectView.asView({ url: '/bar/' }), '/', method);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/bar/');
  });
});
