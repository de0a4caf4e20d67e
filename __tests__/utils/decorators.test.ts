/**
 * decoratorFromMiddleware and decoratorFromMiddlewareWithArgs (Django's
 * django.utils.decorators): one middleware class, used app-wide and as a view decorator, over
 * real HTTP on Express 4 and 5. Django's tests/utils_tests/test_decorators.py cases
 * (DecoratorFromMiddlewareTests) are named where ported.
 */
import type { Request } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseForbidden,
  MiddlewareMixin,
  decoratorFromMiddleware,
  decoratorFromMiddlewareWithArgs,
  view,
  viewMiddleware,
  type ViewResult,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

/** Records what its hooks saw, in order. */
class RecordingMiddleware extends MiddlewareMixin {
  static log: string[] = [];
  override processRequest(req: Request) {
    RecordingMiddleware.log.push(`request ${req.path}`);
  }
  override processView(_req: Request, handler: { name: string }) {
    RecordingMiddleware.log.push(`view ${handler.name}`);
  }
  override processResponse(_req: Request, response: ViewResult) {
    RecordingMiddleware.log.push('response');
    if (response instanceof HttpResponse) response.set('X-Recorded', '1');
    return response;
  }
}

/** Refuses requests without the header it was made with. */
class RequireHeaderMiddleware extends MiddlewareMixin {
  constructor(private readonly header: string) {
    super();
    if (typeof header !== 'string') throw new TypeError(`header must be a string (got ${String(header)})`);
  }
  override processRequest(req: Request) {
    return req.get(this.header) ? undefined : new HttpResponseForbidden(`${this.header} missing`);
  }
}

const recorded = decoratorFromMiddleware(RecordingMiddleware, 'recorded');
const requireHeader = decoratorFromMiddlewareWithArgs(RequireHeaderMiddleware);

describe.each(expressVersions)('decoratorFromMiddleware on %s', (_label, express) => {
  beforeEach(() => {
    RecordingMiddleware.log = [];
  });

  it('runs the hooks around the one view it decorates (test_process_view_middleware, test_callable_process_view_middleware)', async () => {
    const app = express();
    app.get(
      '/one',
      view(
        recorded(function home() {
          return new HttpResponse('one');
        }),
      ),
    );
    app.get(
      '/two',
      view(() => new HttpResponse('two')),
    );
    const one = await request(app).get('/one');
    expect(one.text).toBe('one');
    expect(one.headers['x-recorded']).toBe('1');
    expect(RecordingMiddleware.log).toEqual(['request /one', 'view home', 'response']);
    const two = await request(app).get('/two');
    expect(two.headers['x-recorded']).toBeUndefined();
    expect(RecordingMiddleware.log).toHaveLength(3);
  });

  it('is the same class as app-wide middleware', async () => {
    const app = express();
    app.use(viewMiddleware(RecordingMiddleware.asMiddleware()));
    app.get(
      '/two',
      view(() => new HttpResponse('two')),
    );
    expect((await request(app).get('/two')).headers['x-recorded']).toBe('1');
  });

  it('answers when mounted without view(), keeping the view name', async () => {
    const app = express();
    const decorated = recorded(function report() {
      return new HttpResponse('r');
    });
    expect(decorated.name).toBe('report');
    app.get('/r', decorated);
    expect((await request(app).get('/r')).text).toBe('r');
  });

  it('passes its arguments to the constructor, once per decorator (decorator_from_middleware_with_args)', async () => {
    const app = express();
    app.get(
      '/k',
      view(() => new HttpResponse('ok'), requireHeader('X-Key')),
    );
    expect((await request(app).get('/k')).status).toBe(403);
    expect((await request(app).get('/k')).text).toBe('X-Key missing');
    expect((await request(app).get('/k').set('X-Key', '1')).text).toBe('ok');
  });

  it('throws where the decorator is written when the constructor refuses its arguments', () => {
    expect(() => requireHeader(1 as never)).toThrow(/header must be a string \(got 1\)/);
  });

  it.each([
    [
      () => decoratorFromMiddleware((() => undefined) as never),
      /decoratorFromMiddleware\(\) takes a middleware class, a subclass of MiddlewareMixin/,
    ],
    [
      () => decoratorFromMiddlewareWithArgs({} as never),
      /decoratorFromMiddlewareWithArgs\(\) takes a middleware class/,
    ],
    [() => decoratorFromMiddleware(class Idle extends MiddlewareMixin {}), /Idle defines none of processRequest/],
  ])('refuses what is not a middleware class (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  it('names itself in its own errors', () => {
    expect(() => recorded('x' as never)).toThrow(/recorded decorates a view function/);
    expect(() => requireHeader('X-Key')(1 as never)).toThrow(
      /decoratorFromMiddlewareWithArgs\(RequireHeaderMiddleware\)\(…\) decorates a view function/,
    );
  });
});
