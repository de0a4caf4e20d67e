import type { ErrorRequestHandler, Express, Request } from 'express';
import request from 'supertest';
import {
  Http404,
  HttpResponse,
  HttpResponseNotFound,
  JsonResponse,
  PermissionDenied,
  requireGET,
  view,
  viewMiddleware,
  type ViewHandler,
  type ViewMiddleware,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

/** An error handler that records every error it gets and answers with its status. */
function captureErrors(app: Express): unknown[] {
  const errors: unknown[] = [];
  const handler: ErrorRequestHandler = (err, _req, res, _next) => {
    errors.push(err);
    if (res.headersSent) return;
    const status = (err as { status?: number }).status ?? 500;
    res
      .status(status)
      .type('text/plain')
      .send(err instanceof Error ? err.message : String(err));
  };
  app.use(handler);
  return errors;
}

describe.each(expressVersions)('view() on %s', (_label, createApp) => {
  it('has Express request-handler arity (3), so it is never taken for error middleware', () => {
    expect(view(() => new HttpResponse('x')).length).toBe(3);
  });

  it('writes the status, body and Content-Type exactly as the response holds them', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('plain', { contentType: 'text/plain', status: 201 })),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(201);
    expect(res.text).toBe('plain');
    // Express's res.set would have made this "text/plain; charset=utf-8".
    expect(res.headers['content-type']).toBe('text/plain');
  });

  it('awaits an async view', async () => {
    const app = createApp();
    app.get(
      '/',
      view(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return new JsonResponse({ ok: true });
      }),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('sends a custom reason phrase', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('', { status: 419, reason: "I'm a teapot on crack" })),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(419);
    expect((res as unknown as { res: { statusMessage: string } }).res.statusMessage).toBe("I'm a teapot on crack");
  });

  it('passes a thrown error to next(err) exactly once', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => {
        throw new PermissionDenied('no entry');
      }),
    );
    const errors = captureErrors(app);
    const res = await request(app).get('/');
    expect(res.status).toBe(403);
    expect(res.text).toBe('no entry');
    expect(errors).toHaveLength(1);
  });

  it('passes a rejection to next(err) exactly once', async () => {
    const app = createApp();
    app.get(
      '/',
      view(async () => {
        throw new Http404('No user matches the given query.');
      }),
    );
    const errors = captureErrors(app);
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Http404);
  });

  it.each([[undefined], [null], [0], ['']])('turns a falsy rejection (%p) into a real Error', async (reason) => {
    const app = createApp();
    app.get(
      '/',
      view(function failing() {
        // The point of the test: a rejection that is not an Error.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject(reason);
      }),
    );
    const errors = captureErrors(app);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Error);
    expect((errors[0] as Error).message).toMatch(/View failing was rejected with/);
  });

  it("lets Express's own error handler answer an Http404 with 404", async () => {
    const app = createApp();
    app.set('env', 'test');
    app.get(
      '/',
      view(() => {
        throw new Http404();
      }),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
  });

  it.each([
    ['undefined', () => undefined, /\(got undefined\)/],
    ['a plain object', () => ({ ok: 1 }), /\(got an Object\)/],
    ['a string', () => 'hello', /\(got "hello"\)/],
  ])('reports a view that returns %s, naming the view', async (_what, body, message) => {
    const app = createApp();
    const handler = Object.defineProperty(body, 'name', { value: 'listUsers' });
    app.get('/', view(handler as never));
    const errors = captureErrors(app);
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/The view listUsers didn't return an HttpResponse object/);
    expect((errors[0] as Error).message).toMatch(message);
  });

  it('leaves alone a view that sent its response through res', async () => {
    const app = createApp();
    app.get(
      '/',
      view((_req, res) => {
        res.status(202).send('by hand');
      }),
    );
    const errors = captureErrors(app);
    const res = await request(app).get('/');
    expect(res.status).toBe(202);
    expect(res.text).toBe('by hand');
    expect(errors).toHaveLength(0);
  });

  it('runs view middleware as Django decorators stack: view(h, a, b) is a(b(h))', async () => {
    const order: string[] = [];
    const tag =
      (name: string): ViewMiddleware =>
      (next) =>
      async (req, res) => {
        order.push(`${name} in`);
        const response = await next(req, res);
        order.push(`${name} out`);
        if (response instanceof HttpResponse) response.set(`X-${name}`, '1');
        return response;
      };
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('x'), tag('a'), tag('b')),
    );
    const res = await request(app).get('/');
    expect(order).toEqual(['a in', 'b in', 'b out', 'a out']);
    expect(res.headers['x-a']).toBe('1');
    expect(res.headers['x-b']).toBe('1');
  });

  it('leaves res.locals untouched', async () => {
    const app = createApp();
    app.use((_req, res, next) => {
      res.locals.user = 'ada';
      next();
    });
    app.get(
      '/',
      view((_req, res) => new HttpResponse(JSON.stringify(res.locals))),
    );
    const res = await request(app).get('/');
    expect(res.text).toBe('{"user":"ada"}');
  });

  it('sends a 404 response object returned by the view', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponseNotFound('<h1>Not Found</h1>')),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
    expect(res.text).toBe('<h1>Not Found</h1>');
  });

  it('refuses a handler that is not a function, at the line that wires it', () => {
    expect(() => view('nope' as never)).toThrow(TypeError);
    expect(() => view('nope' as never)).toThrow(/view\(\) needs a function/);
  });

  it('is generic over the route params, as Express handlers: named, annotated or declared apart', async () => {
    const app = createApp();
    // Each of these must type-check: `params.id` is a string, not `string | string[] | undefined`.
    app.get(
      '/a/:id',
      view<{ id: string }>((req) => new HttpResponse(req.params.id.toUpperCase()), requireGET),
    );
    app.get(
      '/b/:id',
      view((req: Request<{ id: string }>) => new HttpResponse(req.params.id.toUpperCase())),
    );
    const show: ViewHandler<{ id: string }> = (req) => new HttpResponse(req.params.id.toUpperCase());
    app.get('/c/:id', view(show));
    app.get('/d/:id', view(requireGET(show)));
    // Inline and unnamed, the params are Express's default dictionary.
    app.get(
      '/e/:id',
      view((req) => new HttpResponse(String(req.params.id).toUpperCase())),
    );
    for (const path of ['/a/x', '/b/x', '/c/x', '/d/x', '/e/x']) expect((await request(app).get(path)).text).toBe('X');
  });

  it('runs the middleware app.use(viewMiddleware(...)) registered, outside its own', async () => {
    const order: string[] = [];
    const tag =
      (name: string): ViewMiddleware =>
      (next) =>
      (req, res) => {
        order.push(name);
        return next(req, res);
      };
    const app = createApp();
    app.use(viewMiddleware(tag('app-wide')));
    app.get(
      '/',
      view(() => new HttpResponse('x'), tag('own')),
    );
    await request(app).get('/');
    expect(order).toEqual(['app-wide', 'own']);
  });

  it('refuses middleware that is not a function, naming its position', () => {
    expect(() => view(() => new HttpResponse(), 'x' as never)).toThrow(
      'view() middleware #1 must be a function (next) => view (got "x").',
    );
  });
});
