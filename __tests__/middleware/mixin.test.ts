/**
 * Django's MIDDLEWARE: viewMiddleware() and MiddlewareMixin, ported from Django's
 * tests/middleware_exceptions/ (hooks that answer, replace or let through), over real HTTP.
 */
import { EventEmitter } from 'node:events';
import type { ErrorRequestHandler, Request } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  MiddlewareMixin,
  PermissionDenied,
  isHttpResponse,
  neverCache,
  requireGET,
  view,
  viewMiddleware,
  type AnyViewHandler,
  type HttpResponseBase,
  type ViewMiddleware,
  type ViewResult,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

/** A middleware that records when it sees the request and the response, and tags the response. */
function tag(name: string, log: string[]): ViewMiddleware {
  return (next) => async (req, res) => {
    log.push(`${name} in`);
    const response = await next(req, res);
    log.push(`${name} out`);
    if (isHttpResponse(response)) response.set(`X-${name}`, '1');
    return response;
  };
}

const errorsTo =
  (errors: unknown[]): ErrorRequestHandler =>
  (err, _req, res, _next) => {
    errors.push(err);
    res.status((err as { status?: number }).status ?? 500).send(err instanceof Error ? err.message : 'error');
  };

describe.each(expressVersions)('viewMiddleware() on %s', (_label, createApp) => {
  it('wraps every view after it, outermost first, outside the view’s own decorators', async () => {
    const log: string[] = [];
    const app = createApp();
    app.use(viewMiddleware(tag('a', log), tag('b', log)));
    app.get(
      '/',
      view(
        () => {
          log.push('view');
          return new HttpResponse('x');
        },
        tag('own', log),
      ),
    );
    const res = await request(app).get('/');
    expect(log).toEqual(['a in', 'b in', 'own in', 'view', 'own out', 'b out', 'a out']);
    expect([res.headers['x-a'], res.headers['x-b'], res.headers['x-own']]).toEqual(['1', '1', '1']);
  });

  it('stacks several registrations in the order the request meets them', async () => {
    const log: string[] = [];
    const app = createApp();
    app.use(viewMiddleware(tag('first', log)));
    app.use(viewMiddleware(tag('second', log)));
    app.get(
      '/',
      view(() => new HttpResponse('x')),
    );
    await request(app).get('/');
    expect(log).toEqual(['first in', 'second in', 'second out', 'first out']);
  });

  it('applies only to views the request reaches after it, as Express orders middleware', async () => {
    const log: string[] = [];
    const app = createApp();
    app.get(
      '/before',
      view(() => new HttpResponse('before')),
    );
    const router = createApp.Router();
    router.use(viewMiddleware(tag('router', log)));
    router.get(
      '/inside',
      view(() => new HttpResponse('inside')),
    );
    app.use('/r', router);
    expect((await request(app).get('/before')).headers['x-router']).toBeUndefined();
    expect((await request(app).get('/r/inside')).headers['x-router']).toBe('1');
    const other = await request(app).get('/before');
    expect(other.headers['x-router']).toBeUndefined();
  });

  it('the built-in decorators work app-wide: neverCache on every view', async () => {
    const app = createApp();
    app.use(viewMiddleware(neverCache));
    app.get(
      '/',
      view(() => new HttpResponse('x')),
    );
    expect((await request(app).get('/')).headers['cache-control']).toBe(
      'max-age=0, no-cache, no-store, must-revalidate, private',
    );
  });

  it('sees the error a view throws, before next(err)', async () => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const app = createApp();
    app.use(
      viewMiddleware((next) => async (req, res) => {
        try {
          return await next(req, res);
        } catch (err) {
          seen.push(err);
          throw err;
        }
      }),
    );
    app.get(
      '/',
      view(() => {
        throw new PermissionDenied('no');
      }),
    );
    app.use(errorsTo(errors));
    const res = await request(app).get('/');
    expect(res.status).toBe(403);
    expect(seen).toHaveLength(1);
    expect(errors).toEqual(seen);
  });

  it('refuses what is not a function, naming its position', () => {
    expect(() => viewMiddleware(neverCache, 'x' as never)).toThrow(
      'viewMiddleware() middleware #2 must be a function (next) => view (got "x").',
    );
  });
});

class ProcessRequestMiddleware extends MiddlewareMixin {
  override processRequest(): HttpResponse {
    return new HttpResponse('Processed Request');
  }
}
class ProcessViewMiddleware extends MiddlewareMixin {
  override processView(): HttpResponse {
    return new HttpResponse('Processed view normal_view');
  }
}
class ProcessExceptionMiddleware extends MiddlewareMixin {
  override processException(_req: Request, err: unknown): HttpResponse {
    return new HttpResponse(`Exception caught: ${(err as Error).message}`);
  }
}
class ProcessExceptionNoneMiddleware extends MiddlewareMixin {
  seen: unknown[] = [];
  override processException(_req: Request, err: unknown): undefined {
    this.seen.push(err);
    return undefined;
  }
}
class ProcessResponseMiddleware extends MiddlewareMixin {
  override processResponse(_req: Request, response: ViewResult): ViewResult {
    return new HttpResponse(`Processed Response: ${isHttpResponse(response) ? response.statusCode : 'web'}`);
  }
}
class HeaderMiddleware extends MiddlewareMixin {
  constructor(private readonly value: string) {
    super();
  }
  override processResponse(_req: Request, response: HttpResponseBase): HttpResponseBase {
    return response.set('X-Header', this.value);
  }
}

describe.each(expressVersions)('MiddlewareMixin on %s (Django middleware_exceptions)', (_label, createApp) => {
  function appWith(middleware: ViewMiddleware[], handler: AnyViewHandler = () => new HttpResponse('OK')) {
    const errors: unknown[] = [];
    const app = createApp();
    app.use(viewMiddleware(...middleware));
    app.all('/', view(handler));
    app.use(errorsTo(errors));
    return { app, errors };
  }
  const failing: AnyViewHandler = () => {
    throw new Error('Exception in view');
  };

  it('processRequest returning a response answers without the view', async () => {
    let called = false;
    const { app } = appWith([ProcessRequestMiddleware.asMiddleware()], () => {
      called = true;
      return new HttpResponse('OK');
    });
    expect((await request(app).get('/')).text).toBe('Processed Request');
    expect(called).toBe(false);
  });

  it('processView returning a response answers without the view', async () => {
    const { app } = appWith([ProcessViewMiddleware.asMiddleware()]);
    expect((await request(app).get('/')).text).toBe('Processed view normal_view');
  });

  it('processView gets the view about to run', async () => {
    const seen: string[] = [];
    class Spy extends MiddlewareMixin {
      override processView(_req: Request, handler: AnyViewHandler): undefined {
        seen.push(handler.name);
        return undefined;
      }
    }
    const app = createApp();
    app.use(viewMiddleware(Spy.asMiddleware()));
    app.get(
      '/',
      view(
        requireGET(function articleList() {
          return new HttpResponse('x');
        }),
      ),
    );
    await request(app).get('/');
    expect(seen).toEqual(['articleList']);
  });

  it('processException returning a response answers with it', async () => {
    const { app, errors } = appWith([ProcessExceptionMiddleware.asMiddleware()], failing);
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('Exception caught: Exception in view');
    expect(errors).toHaveLength(0);
  });

  it('processException returning nothing lets the error go on to next(err)', async () => {
    const none = ProcessExceptionNoneMiddleware.asMiddleware();
    const { app, errors } = appWith([none], failing);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect((errors[0] as Error).message).toBe('Exception in view');
  });

  it('the inner processException answers first (Django runs them in reverse order)', async () => {
    const { app } = appWith(
      [ProcessExceptionMiddleware.asMiddleware(), ProcessResponseMiddleware.asMiddleware()],
      failing,
    );
    // The inner middleware (processResponse only) lets the error pass; the outer answers it.
    expect((await request(app).get('/')).text).toBe('Exception caught: Exception in view');
    const { app: app2 } = appWith(
      [ProcessResponseMiddleware.asMiddleware(), ProcessExceptionMiddleware.asMiddleware()],
      failing,
    );
    // The inner answers, and the outer's processResponse then replaces that response.
    expect((await request(app2).get('/')).text).toBe('Processed Response: 200');
  });

  it('processResponse replaces the response, and sees a short-circuited one too', async () => {
    const { app } = appWith([ProcessResponseMiddleware.asMiddleware()]);
    expect((await request(app).get('/')).text).toBe('Processed Response: 200');
    class Both extends ProcessRequestMiddleware {
      override processResponse(_req: Request, response: HttpResponseBase): HttpResponseBase {
        return response.set('X-Seen', 'yes');
      }
    }
    const { app: app2 } = appWith([Both.asMiddleware()]);
    const res = await request(app2).get('/');
    expect(res.text).toBe('Processed Request');
    expect(res.headers['x-seen']).toBe('yes');
  });

  it("app-wide, runs every processRequest, then every processView, as Django's handler does", async () => {
    const log: string[] = [];
    const logging = (name: string) =>
      class extends MiddlewareMixin {
        override processRequest(): undefined {
          log.push(`${name}.processRequest`);
          return undefined;
        }
        override processView(): undefined {
          log.push(`${name}.processView`);
          return undefined;
        }
        override processResponse(_req: Request, response: ViewResult): ViewResult {
          log.push(`${name}.processResponse`);
          return response;
        }
      };
    const [A, B, C] = [logging('A'), logging('B'), logging('C')];
    const app = createApp();
    app.use(viewMiddleware(A.asMiddleware(), B.asMiddleware()));
    app.get(
      '/',
      view(() => {
        log.push('view');
        return new HttpResponse('x');
      }, C.asMiddleware()),
    );
    await request(app).get('/');
    expect(log).toEqual([
      'A.processRequest',
      'B.processRequest',
      'A.processView',
      'B.processView',
      // A per-view middleware is Django's decorator_from_middleware: its hooks run in turn.
      'C.processRequest',
      'C.processView',
      'view',
      'C.processResponse',
      'B.processResponse',
      'A.processResponse',
    ]);
  });

  it('a deferred processView that answers skips the view, and every processResponse sees its response', async () => {
    const log: string[] = [];
    class Answering extends MiddlewareMixin {
      override processView(): HttpResponse {
        return new HttpResponse('from processView');
      }
    }
    class Outer extends MiddlewareMixin {
      override processResponse(_req: Request, response: HttpResponseBase): HttpResponseBase {
        log.push('Outer.processResponse');
        return response.set('X-Outer', '1');
      }
    }
    const { app } = appWith([Outer.asMiddleware(), Answering.asMiddleware()], () => {
      log.push('view');
      return new HttpResponse('view');
    });
    const res = await request(app).get('/');
    expect(res.text).toBe('from processView');
    expect(res.headers['x-outer']).toBe('1');
    expect(log).toEqual(['Outer.processResponse']);
  });

  it('asMiddleware(...ctorArgs) builds one instance with those arguments', async () => {
    const { app } = appWith([HeaderMiddleware.asMiddleware('from ctor')]);
    expect((await request(app).get('/')).headers['x-header']).toBe('from ctor');
  });

  it('refuses a class that defines no hook', () => {
    class Empty extends MiddlewareMixin {}
    expect(() => Empty.asMiddleware()).toThrow(
      'Empty defines none of processRequest, processView, processException, processTemplateResponse and processResponse, so it would do nothing.',
    );
  });
});

/**
 * The seed page's AuditlogMiddleware (django-auditlog): connect a listener that records the
 * acting user on every save in processRequest, disconnect it in processResponse and
 * processException. Ported with a Node EventEmitter as Django's pre_save signal.
 */
const preSave = new EventEmitter();

class AuditlogMiddleware extends MiddlewareMixin {
  static readonly log: Array<{ actor: string; model: string }> = [];
  #listener: ((model: string) => void) | undefined;

  override processRequest(req: Request): undefined {
    const user = (req as Request & { user?: { username: string } }).user;
    if (user) {
      this.#listener = (model) => AuditlogMiddleware.log.push({ actor: user.username, model });
      preSave.on('save', this.#listener);
    }
    return undefined;
  }

  override processResponse(_req: Request, response: ViewResult): ViewResult {
    this.#disconnect();
    return response;
  }

  override processException(): undefined {
    this.#disconnect();
    return undefined;
  }

  #disconnect(): void {
    if (this.#listener) preSave.off('save', this.#listener);
    this.#listener = undefined;
  }
}

describe('AuditlogMiddleware from the seed page, hook by hook (as its Django test)', () => {
  const req = (user?: { username: string }) => ({ method: 'GET', url: '/', user }) as unknown as Request;

  it('records no actor for an anonymous user', () => {
    const middleware = new AuditlogMiddleware();
    middleware.processRequest(req());
    expect(preSave.listenerCount('save')).toBe(0);
    middleware.processException();
  });

  it('connects for a signed-in user, and disconnects in processResponse', () => {
    const middleware = new AuditlogMiddleware();
    middleware.processRequest(req({ username: 'test' }));
    expect(preSave.listenerCount('save')).toBe(1);
    middleware.processResponse(req(), new HttpResponse());
    expect(preSave.listenerCount('save')).toBe(0);
  });

  it('disconnects in processException', () => {
    const middleware = new AuditlogMiddleware();
    middleware.processRequest(req({ username: 'test' }));
    expect(preSave.listenerCount('save')).toBe(1);
    middleware.processException();
    expect(preSave.listenerCount('save')).toBe(0);
  });
});

describe.each(expressVersions)('AuditlogMiddleware over HTTP on %s', (_label, createApp) => {
  it('records the actor of a save made by the view, and leaves no listener behind', async () => {
    AuditlogMiddleware.log.length = 0;
    const app = createApp();
    app.use((req, _res, next) => {
      (req as Request & { user?: { username: string } }).user = { username: 'ada' };
      next();
    });
    app.use(viewMiddleware(AuditlogMiddleware.asMiddleware()));
    app.post(
      '/articles',
      view(() => {
        preSave.emit('save', 'Article');
        return new HttpResponse('saved', { status: 201 });
      }),
    );
    app.post(
      '/fail',
      view(() => {
        preSave.emit('save', 'Comment');
        throw new Error('db down');
      }),
    );
    app.use(errorsTo([]));
    expect((await request(app).post('/articles')).status).toBe(201);
    expect((await request(app).post('/fail')).status).toBe(500);
    expect(AuditlogMiddleware.log).toEqual([
      { actor: 'ada', model: 'Article' },
      { actor: 'ada', model: 'Comment' },
    ]);
    expect(preSave.listenerCount('save')).toBe(0);
  });
});
