/**
 * `httpErrorHandler({ handlers })`: a view for any 4xx or 5xx status, `http-errors`' and
 * body-parser's errors included, whose `expose`d message shows and whose `headers` are sent,
 * as `http-errors` means them and Express's final handler sends them. Over HTTP on Express 4 and 5.
 */
import { createRequire } from 'node:module';
import type express from 'express';
import request from 'supertest';
import {
  Http404,
  HttpResponse,
  JsonResponse,
  PermissionDenied,
  httpErrorHandler,
  view,
  type ErrorHandlers,
  type HttpErrorHandlerOptions,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

/** Express's own http-errors (its dependency), as body-parser and send raise them. */
type CreateError = (status: number, message?: string, props?: Record<string, unknown>) => Error;
const createError = createRequire(require.resolve('express'))('http-errors') as CreateError;

describe.each(expressVersions)('httpErrorHandler per status on %s', (_label, createApp) => {
  function appThrowing(options: HttpErrorHandlerOptions, make?: () => unknown): express.Express {
    const app = createApp();
    app.set('env', 'test');
    app.post(
      '/upload',
      createApp.json({ limit: '10b' }),
      view(() => new HttpResponse('stored')),
    );
    app.get('/throw/:status', (req, _res, next) => {
      next(make ? make() : createError(Number(req.params['status'])));
    });
    app.use(httpErrorHandler({ log: () => {}, ...options }));
    return app;
  }

  it.each([401, 402, 409, 413, 418, 422, 429, 451, 502, 503])('answers %d with its own view', async (status) => {
    const handlers: ErrorHandlers = {
      [status]: (_req, _res, err) => new JsonResponse({ mine: status, message: (err as Error).message }, { status }),
    };
    const res = await request(appThrowing({ handlers })).get(`/throw/${status}`);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ mine: status, message: createError(status).message });
  });

  it("answers body-parser's 413 (an http-errors error) with the 413 view", async () => {
    const handlers: ErrorHandlers = { 413: () => new HttpResponse('Too big for us', { status: 413 }) };
    const res = await request(appThrowing({ handlers }))
      .post('/upload')
      .set('Content-Type', 'application/json')
      .send('{"a":"far too long"}');
    expect(res.status).toBe(413);
    expect(res.text).toBe('Too big for us');
  });

  it("shows body-parser's exposed message on the default 413 page and in a JSON problem", async () => {
    const app = appThrowing({});
    const page = await request(app)
      .post('/upload')
      .set('Content-Type', 'application/json')
      .send('{"a":"far too long"}');
    expect(page.status).toBe(413);
    expect(page.text).toContain('<h1>413 Payload Too Large</h1><p>request entity too large</p>');
    const problem = await request(app)
      .post('/upload')
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/json')
      .send('{"a":"far too long"}');
    expect(problem.body).toEqual({
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      detail: 'request entity too large',
    });
  });

  it("shows an exposed message on Django's own 400/403/404 pages, in place of the standard text", async () => {
    const res = await request(appThrowing({}, () => createError(404, 'No such invoice'))).get('/throw/404');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Not Found</h1><p>No such invoice</p>');
    const forbidden = await request(appThrowing({}, () => createError(403, 'Members only'))).get('/throw/403');
    expect(forbidden.text).toContain('<h1>403 Forbidden</h1><p>Members only</p>');
  });

  it('never shows a message not exposed: a 5xx from http-errors, or expose: false', async () => {
    const res = await request(appThrowing({}, () => createError(503, 'db password is hunter2'))).get('/throw/503');
    expect(res.status).toBe(503);
    expect(res.text).not.toContain('hunter2');
    const hidden = await request(appThrowing({}, () => createError(400, 'internal detail', { expose: false }))).get(
      '/throw/400',
    );
    expect(hidden.text).not.toContain('internal detail');
  });

  it("keeps Django's pages for this package's errors, which never show their message", async () => {
    const res = await request(appThrowing({}, () => new Http404('No Article matches the given query.'))).get(
      '/throw/404',
    );
    expect(res.text).toContain('<p>The requested resource was not found on this server.</p>');
    expect(res.text).not.toContain('Article');
    const denied = await request(appThrowing({}, () => new PermissionDenied('secret rule 7'))).get('/throw/403');
    expect(denied.text).not.toContain('secret rule 7');
  });

  it("sends an http-errors error's headers (WWW-Authenticate, Retry-After), keeping the view's own", async () => {
    const err = () =>
      createError(401, 'Sign in', { headers: { 'WWW-Authenticate': 'Basic realm="x"', 'X-Both': 'error' } });
    const plain = await request(appThrowing({}, err)).get('/throw/401');
    expect(plain.status).toBe(401);
    expect(plain.headers['www-authenticate']).toBe('Basic realm="x"');
    const handled = await request(
      appThrowing(
        { handlers: { 401: () => new HttpResponse('who?', { status: 401, headers: { 'X-Both': 'view' } }) } },
        err,
      ),
    ).get('/throw/401');
    expect(handled.headers['www-authenticate']).toBe('Basic realm="x"');
    expect(handled.headers['x-both']).toBe('view');
  });

  it('gives a 5xx without its own view to handler500, and takes handler404 beside handlers', async () => {
    const options: HttpErrorHandlerOptions = {
      handler500: () => new HttpResponse('our 500', { status: 500 }),
      handler404: () => new HttpResponse('our 404', { status: 404 }),
      handlers: { 503: () => new HttpResponse('our 503', { status: 503 }) },
    };
    expect((await request(appThrowing(options)).get('/throw/502')).text).toBe('our 500');
    expect((await request(appThrowing(options)).get('/throw/503')).text).toBe('our 503');
    expect((await request(appThrowing(options)).get('/throw/404')).text).toBe('our 404');
    // A 4xx without a view of its own gets the default page, not handler500.
    expect((await request(appThrowing(options)).get('/throw/409')).text).toContain('<h1>409 Conflict</h1>');
  });
});

describe('httpErrorHandler handlers are checked when the app is built', () => {
  const ok = () => new HttpResponse('');
  it.each<[string, HttpErrorHandlerOptions, string]>([
    [
      'a status below 400',
      { handlers: { 302: ok } },
      'httpErrorHandler() option handlers takes 4xx and 5xx statuses as keys (got "302").',
    ],
    [
      'a key that is no status',
      { handlers: { notFound: ok } as never },
      'httpErrorHandler() option handlers takes 4xx and 5xx statuses as keys (got "notFound").',
    ],
    [
      'a view that is not a function',
      { handlers: { 401: 'login.html' } as never },
      'httpErrorHandler() option handlers[401] must be a view, (req, res, err) => response (got "login.html").',
    ],
    [
      'a status given twice',
      { handler404: ok, handlers: { 404: ok } },
      'httpErrorHandler() got a view for 404 twice, as handler404 and as handlers[404]; pass it once.',
    ],
    [
      'handlers that are not an object',
      { handlers: [ok] as never },
      'httpErrorHandler() option handlers maps statuses to views, e.g. { 401: (req) => ..., 413: (req) => ... } (got an Array).',
    ],
  ])('refuses %s', (_what, options, message) => {
    expect(() => httpErrorHandler(options)).toThrow(new TypeError(message));
  });
});
