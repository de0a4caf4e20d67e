/**
 * A decorated view, a class-based view's handler and `cachePage(...)(h)`
 * mounted on Express without `view()` answer as `view()` would, instead of hanging.
 */
import type { ErrorRequestHandler, Express, Request } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  View,
  cachePage,
  makeDecorator,
  neverCache,
  requireGET,
  view,
  type ViewHandler,
} from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

class Hello extends View {
  override get(): HttpResponse {
    return new HttpResponse('hello from a class');
  }
}

const hello: ViewHandler = (req: Request) => new HttpResponse(`hello ${req.method}`);

const stamp = makeDecorator('stamp', (next) => async (req, res) => {
  const response = await next(req, res);
  if (response instanceof HttpResponse) response.set('X-Stamp', 'yes');
  return response;
});

/** An app whose error handler counts the errors it sees, and answers 500 with their message. */
function appWith(createApp: AppFactory, mount: (app: Express) => void): { app: Express; errors: unknown[] } {
  const app = createApp();
  const errors: unknown[] = [];
  mount(app);
  const onError: ErrorRequestHandler = (err: Error, _req, res, _next) => {
    errors.push(err);
    res.status(500).send(`handled: ${err.message}`);
  };
  app.use(onError);
  return { app, errors };
}

describe.each(expressVersions)('mounted without view() on %s', (_label, createApp) => {
  it('answers a decorated view, with the decorator at work', async () => {
    const { app } = appWith(createApp, (a) => {
      a.all('/hello', requireGET(hello));
    });
    const ok = await request(app).get('/hello').expect(200);
    expect(ok.text).toBe('hello GET');
    const refused = await request(app).post('/hello').expect(405);
    expect(refused.headers['allow']).toBe('GET');
  });

  it("adds a decorator's headers, through a stack of decorators", async () => {
    const { app } = appWith(createApp, (a) => {
      a.get('/fresh', neverCache(stamp(hello)));
    });
    const response = await request(app).get('/fresh').expect(200);
    expect(response.headers['cache-control']).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    expect(response.headers['x-stamp']).toBe('yes');
    expect(response.text).toBe('hello GET');
  });

  it("answers a class-based view's handler", async () => {
    const { app } = appWith(createApp, (a) => {
      a.all('/class', Hello.asHandler());
    });
    expect((await request(app).get('/class').expect(200)).text).toBe('hello from a class');
    const refused = await request(app).delete('/class').expect(405);
    expect(refused.headers['allow']).toContain('GET');
  });

  it('answers a cachePage(...)(view) and serves it from the cache', async () => {
    let calls = 0;
    const counted: ViewHandler = () => new HttpResponse(`call ${++calls}`);
    const { app } = appWith(createApp, (a) => {
      // supertest listens on a new port per request, and the port is part of a page's key.
      a.use((req, _res, next) => {
        req.headers.host = 'testserver';
        next();
      });
      a.get('/cached', cachePage(60, { keyPrefix: `mount-${_label}` })(counted));
    });
    const first = await request(app).get('/cached').expect(200);
    const second = await request(app).get('/cached').expect(200);
    expect(first.text).toBe('call 1');
    expect(second.text).toBe('call 1');
    expect(second.headers['cache-control']).toBe('max-age=60');
    expect(calls).toBe(1);
  });

  it('hands a thrown or rejected error to the error handler once', async () => {
    const { app, errors } = appWith(createApp, (a) => {
      a.get(
        '/throws',
        requireGET(() => {
          throw new Error('thrown');
        }),
      );
      a.get(
        '/rejects',
        stamp(async () => {
          throw new Error('rejected');
        }),
      );
      a.get(
        '/nothing',
        requireGET(() => undefined),
      );
    });
    expect((await request(app).get('/throws').expect(500)).text).toBe('handled: thrown');
    expect((await request(app).get('/rejects').expect(500)).text).toBe('handled: rejected');
    expect((await request(app).get('/nothing').expect(500)).text).toMatch(/didn't return an HttpResponse/);
    expect(errors).toHaveLength(3);
  });

  it('still works inside view(), with the same results', async () => {
    const { app, errors } = appWith(createApp, (a) => {
      a.all('/decorated', view(requireGET(hello)));
      a.all('/both', view(hello, requireGET, neverCache));
      a.all('/class', view(Hello.asHandler()));
      a.get('/asview', Hello.asView());
    });
    expect((await request(app).get('/decorated').expect(200)).text).toBe('hello GET');
    await request(app).put('/decorated').expect(405);
    const both = await request(app).get('/both').expect(200);
    expect(both.headers['cache-control']).toContain('no-store');
    await request(app).post('/both').expect(405);
    expect((await request(app).get('/class').expect(200)).text).toBe('hello from a class');
    expect((await request(app).get('/asview').expect(200)).text).toBe('hello from a class');
    expect(errors).toHaveLength(0);
  });
});

describe('called as a view', () => {
  it('returns the response to a RequestFactory request', async () => {
    const req = new RequestFactory().get('/hello');
    const response = await requireGET(hello)(req, req.res);
    expect(response).toBeInstanceOf(HttpResponse);
    expect((response as HttpResponse).text).toBe('hello GET');
    const fromClass = await Hello.asHandler()(req, req.res);
    expect((fromClass as HttpResponse).text).toBe('hello from a class');
  });

  it('is never taken for an error handler by Express (fewer than four parameters)', () => {
    expect(requireGET(hello).length).toBeLessThan(4);
    expect(Hello.asHandler().length).toBeLessThan(4);
    expect(cachePage(1)(hello).length).toBeLessThan(4);
  });

  it("keeps the view's name and the class handler's fields", () => {
    function listChecks(): HttpResponse {
      return new HttpResponse('');
    }
    expect(requireGET(listChecks).name).toBe('listChecks');
    const handler = Hello.asHandler();
    expect(handler.name).toBe('Hello');
    expect(handler.viewClass).toBe(Hello);
  });
});
