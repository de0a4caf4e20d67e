/**
 * SimpleTemplateResponse, TemplateResponse, processTemplateResponse and TemplateView over real
 * HTTP on Express 4 and 5 with nunjucks, ported from Django's tests/template_tests/test_response.py
 * (SimpleTemplateResponseTest, TemplateResponseTest) and tests/generic_views/test_base.py
 * (TemplateViewTest).
 */
import type { Express, NextFunction, Request, Response } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  MiddlewareMixin,
  SimpleTemplateResponse,
  TemplateResponse,
  TemplateView,
  httpErrorHandler,
  sendResponse,
  view,
  viewMiddleware,
  type ViewHandler,
  type ViewResult,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

/** A view answering `make(req)`, and the app around it. */
function appWith(createApp: AppFactory, routes: Record<string, ViewHandler>): Express {
  const app = useNunjucks(createApp());
  for (const [path, handler] of Object.entries(routes)) app.all(path, view(handler));
  app.use(httpErrorHandler());
  return app;
}

describe.each(expressVersions)('template responses on %s', (_label, createApp) => {
  describe('SimpleTemplateResponseTest', () => {
    it('test_template_resolving: a list uses the first that exists', async () => {
      const app = appWith(createApp, {
        '/one': () => new SimpleTemplateResponse('context.njk', { foo: 'foo' }),
        '/list': () => new SimpleTemplateResponse(['missing.njk', 'context.njk', 'hello.njk'], { foo: 'first' }),
        '/none': () => new SimpleTemplateResponse(['missing.njk', 'gone.njk']),
      });
      await request(app).get('/one').expect(200, 'foo');
      await request(app).get('/list').expect(200, 'first');
      await request(app).get('/none').expect(500);
    });
    it('test_explicit_baking / test_render: isRendered, render() idempotent', async () => {
      let seen: boolean[] = [];
      const app = appWith(createApp, {
        '/': async (req) => {
          const response = new SimpleTemplateResponse('context.njk', { foo: 'foo' });
          seen = [response.isRendered];
          const rendered = await response.render(req);
          seen.push(response.isRendered, rendered === response);
          response.contextData.foo = 'bar';
          await response.render(req); // idempotent: keeps the first rendering
          expect(response.content.toString()).toBe('foo');
          return response;
        },
      });
      await request(app).get('/').expect(200, 'foo');
      expect(seen).toEqual([false, true, true]);
    });
    it('test_content_access_unrendered / test_iteration_unrendered: content throws naming render()', () => {
      const response = new SimpleTemplateResponse('context.njk', { foo: 'foo' });
      expect(() => response.content).toThrow(
        /must be rendered before it can be accessed: await response.render\(req\)/,
      );
    });
    it('test_set_content: setting content marks it rendered, and render() keeps it', async () => {
      const app = appWith(createApp, {
        '/': async (req) => {
          const response = new SimpleTemplateResponse('context.njk', { foo: 'foo' });
          response.content = 'spam';
          expect(response.isRendered).toBe(true);
          await response.render(req);
          return response;
        },
      });
      await request(app).get('/').expect(200, 'spam');
    });
    it('templateName and contextData stay settable until rendering (view() renders)', async () => {
      const app = appWith(createApp, {
        '/': () => {
          const response = new SimpleTemplateResponse('hello.njk', { name: 'x' });
          response.templateName = 'context.njk';
          response.contextData = { foo: 'changed' };
          return response;
        },
      });
      const res = await request(app).get('/').expect(200, 'changed');
      expect(res.headers['content-length']).toBe('7');
      expect(res.headers.etag).toBeDefined();
    });
    it('test_kwargs / test_args: status, content type, headers', async () => {
      const app = appWith(createApp, {
        '/': () =>
          new SimpleTemplateResponse(
            'context.njk',
            { foo: 'x' },
            { status: 504, contentType: 'text/csv', headers: { 'X-Foo': 'foo' } },
          ),
      });
      const res = await request(app).get('/').expect(504);
      expect(res.headers['content-type']).toBe('text/csv');
      expect(res.headers['x-foo']).toBe('foo');
      expect(res.text).toBe('x');
    });
    it('test_post_callbacks: run after rendering; a returned response replaces it', async () => {
      const order: string[] = [];
      const app = appWith(createApp, {
        '/keep': () => {
          const response = new SimpleTemplateResponse('context.njk', { foo: 'first' });
          response.addPostRenderCallback((r) => {
            order.push(`one:${r.content.toString()}`);
          });
          response.addPostRenderCallback(() => {
            order.push('two');
          });
          return response;
        },
        '/replace': () => {
          const response = new SimpleTemplateResponse('context.njk', { foo: 'first' });
          response.addPostRenderCallback(() => new HttpResponse('replaced', { status: 201 }));
          return response;
        },
      });
      await request(app).get('/keep').expect(200, 'first');
      expect(order).toEqual(['one:first', 'two']);
      await request(app).get('/replace').expect(201, 'replaced');
    });
    it('renderedContent renders without changing the response', async () => {
      const app = appWith(createApp, {
        '/': async (req) => {
          const response = new TemplateResponse(req, 'context.njk', { foo: 'peek' });
          const peek = await response.renderedContent;
          expect(response.isRendered).toBe(false);
          response.contextData.foo = `${peek}!`;
          return response;
        },
      });
      await request(app).get('/').expect(200, 'peek!');
    });
    it('a bad template argument is named', () => {
      expect(() => new SimpleTemplateResponse(42 as never)).toThrow(
        "SimpleTemplateResponse needs a template name or a list of them, such as 'article.njk' (got 42).",
      );
      expect(() => new TemplateResponse({} as Request, 'x.njk')).toThrow(/needs the Express request first/);
    });
  });

  describe('TemplateResponseTest', () => {
    it('test_render: res.locals and app.locals reach the template, the context wins', async () => {
      const app = appWith(createApp, {
        '/': (req, res) => {
          res.locals.site = 'locals';
          return new TemplateResponse(req, 'hello.njk', { name: 'Ada' });
        },
      });
      await request(app).get('/').expect(200, '<h1>Hello, Ada!</h1><p>locals</p>\n');
    });
    it('sendResponse renders it too', async () => {
      const app = useNunjucks(createApp());
      app.get('/', (req, res, next) => {
        sendResponse(res, new TemplateResponse(req, 'context.njk', { foo: 'sent' })).catch(next);
      });
      await request(app).get('/').expect(200, 'sent');
    });
    it('HEAD gets the headers and no body', async () => {
      const app = appWith(createApp, { '/': (req) => new TemplateResponse(req, 'context.njk', { foo: 'abc' }) });
      const res = await request(app).head('/').expect(200);
      expect(res.headers['content-length']).toBe('3');
    });
  });

  describe('processTemplateResponse (Django process_template_response)', () => {
    const log: string[] = [];
    class Outer extends MiddlewareMixin {
      override processTemplateResponse(_req: Request, response: SimpleTemplateResponse): ViewResult {
        log.push(`outer:${String(response.contextData.foo)}`);
        response.contextData.foo = `${String(response.contextData.foo)}+outer`;
        return response;
      }
      override processResponse(_req: Request, response: ViewResult): ViewResult {
        log.push(`outer-response:${(response as HttpResponse).content.toString()}`);
        return response;
      }
    }
    class Inner extends MiddlewareMixin {
      override processTemplateResponse(_req: Request, response: SimpleTemplateResponse): ViewResult {
        log.push(`inner:${String(response.contextData.foo)}`);
        response.contextData.foo = `${String(response.contextData.foo)}+inner`;
        return response;
      }
    }
    class Swap extends MiddlewareMixin {
      override processTemplateResponse(): ViewResult {
        return new HttpResponse('swapped');
      }
    }
    class Broken extends MiddlewareMixin {
      override processTemplateResponse(): ViewResult {
        return undefined as unknown as ViewResult;
      }
    }
    const tr: ViewHandler = (req) => new TemplateResponse(req, 'context.njk', { foo: 'v' });

    it('app-wide: reverse order, all before rendering, processResponse sees the rendered body', async () => {
      const app = useNunjucks(createApp());
      app.use(viewMiddleware(Outer.asMiddleware(), Inner.asMiddleware()));
      app.get('/', view(tr));
      log.length = 0;
      await request(app).get('/').expect(200, 'v+inner+outer');
      expect(log).toEqual(['inner:v', 'outer:v+inner', 'outer-response:v+inner+outer']);
    });
    it('per view: the same order', async () => {
      const app = useNunjucks(createApp());
      app.get('/', view(tr, Outer.asMiddleware(), Inner.asMiddleware()));
      log.length = 0;
      await request(app).get('/').expect(200, 'v+inner+outer');
      expect(log).toEqual(['inner:v', 'outer:v+inner', 'outer-response:v+inner+outer']);
    });
    it('a hook may return another response; one returning nothing is an error naming it', async () => {
      const app = useNunjucks(createApp());
      app.get('/swap', view(tr, Swap.asMiddleware()));
      app.get('/broken', view(tr, Broken.asMiddleware()));
      let failure: unknown;
      app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
        failure = err;
        res.status(500).end();
      });
      await request(app).get('/swap').expect(200, 'swapped');
      await request(app).get('/broken').expect(500);
      expect(String(failure)).toMatch(/Broken.processTemplateResponse didn't return an HttpResponse object/);
    });
    it('not called for a plain response', async () => {
      const app = useNunjucks(createApp());
      app.get(
        '/',
        view(() => new HttpResponse('plain'), Inner.asMiddleware()),
      );
      log.length = 0;
      await request(app).get('/').expect(200, 'plain');
      expect(log).toEqual([]);
    });
  });

  describe('TemplateViewTest', () => {
    class AboutView extends TemplateView {
      override templateName = 'context.njk';
      override getContextData(kwargs: Record<string, unknown>): Record<string, unknown> {
        return { ...(super.getContextData(kwargs) as Record<string, unknown>), foo: 'about' };
      }
    }
    class NoTemplateView extends TemplateView {}
    const app = useNunjucks(createApp());
    app.all('/about/', AboutView.asView());
    app.all('/template/simple/:slug/', TemplateView.asView({ templateName: 'context.njk' }));
    app.all('/template/extra/', TemplateView.asView({ templateName: 'context.njk', extraContext: { extra: 'bar' } }));
    app.all('/template/content_type/', TemplateView.asView({ templateName: 'context.njk', contentType: 'text/plain' }));
    app.all('/template/no_template/', NoTemplateView.asView());
    let failure: unknown;
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      failure = err;
      res.status(500).end();
    });

    it('test_get: a TemplateView subclass', async () => {
      await request(app).get('/about/').expect(200, 'about|view:context.njk');
    });
    it('test_head', async () => {
      const res = await request(app).head('/about/').expect(200);
      expect(res.headers['content-length']).toBe(String('about|view:context.njk'.length));
    });
    it('test_post: 405 with Allow', async () => {
      const res = await request(app).post('/about/').expect(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    });
    it('test_template_params: route params and view in the context', async () => {
      await request(app).get('/template/simple/bar/').expect(200, '|view:context.njk|bar');
    });
    it('test_extra_template_params / test_extra_context', async () => {
      await request(app).get('/template/extra/').expect(200, '|view:context.njk|bar');
    });
    it('test_content_type', async () => {
      const res = await request(app).get('/template/content_type/').expect(200);
      expect(res.headers['content-type']).toBe('text/plain');
    });
    it('test_template_name_required', async () => {
      await request(app).get('/template/no_template/').expect(500);
      expect(String(failure)).toMatch(
        /NoTemplateView requires either a definition of templateName or an implementation of getTemplateNames\(\)/,
      );
    });
  });
});
