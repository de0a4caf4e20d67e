import request from 'supertest';
import {
  BadRequest,
  DisallowedRedirect,
  Http404,
  HttpResponseNotFound,
  PermissionDenied,
  SuspiciousOperation,
  httpErrorHandler,
  view,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('httpErrorHandler() on %s', (_label, createApp) => {
  function appThrowing(err: unknown, options?: Parameters<typeof httpErrorHandler>[0]) {
    const app = createApp();
    app.set('env', 'test');
    app.get(
      '/',
      view(() => {
        throw err;
      }),
    );
    app.use(httpErrorHandler(options));
    return app;
  }

  it('has error-middleware arity (4)', () => {
    expect(httpErrorHandler().length).toBe(4);
  });

  it.each([
    ['Http404', new Http404('secret detail'), 404, 'Not Found'],
    ['PermissionDenied', new PermissionDenied('secret detail'), 403, '403 Forbidden'],
    ['BadRequest', new BadRequest('secret detail'), 400, 'Bad Request (400)'],
    ['SuspiciousOperation', new SuspiciousOperation('secret detail'), 400, 'Bad Request (400)'],
    ['DisallowedRedirect', new DisallowedRedirect('secret detail'), 400, 'Bad Request (400)'],
    ['a plain Error', new Error('secret detail'), 500, 'Server Error (500)'],
    ['a thrown string', 'secret detail', 500, 'Server Error (500)'],
  ])("answers %s with %i and Django's page, without the message", async (_name, err, status, title) => {
    const res = await request(appThrowing(err)).get('/');
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<title>${title}</title>`);
    expect(res.text).not.toContain('secret detail');
  });

  it('keeps the status of an http-errors style error', async () => {
    const err = Object.assign(new Error('Payload Too Large'), { status: 413, expose: true });
    const res = await request(appThrowing(err)).get('/');
    expect(res.status).toBe(413);
    expect(res.text).toContain('413 Payload Too Large');
  });

  it('shows the stack on 500 pages only with debug', async () => {
    const err = new Error('kaboom <script>');
    const res = await request(appThrowing(err, { debug: true })).get('/');
    expect(res.status).toBe(500);
    expect(res.text).toContain('kaboom &#60;script&#62;');
    expect(res.text).not.toContain('<script>');
  });

  it('logs server errors through the log option, not client errors', async () => {
    const logged: unknown[] = [];
    const log = (err: unknown) => logged.push(err);
    await request(appThrowing(new Http404(), { log })).get('/');
    const boom = new Error('boom');
    await request(appThrowing(boom, { log })).get('/');
    expect(logged).toEqual([boom]);
  });

  it('answers with the handler views, as Django URLconf handlers', async () => {
    const app = appThrowing(new Http404('No Book matches the given query.'), {
      handler404: (req, _res, err) =>
        new HttpResponseNotFound(`custom 404 for ${req.path}: ${(err as Error).message}`, 'text/plain'),
    });
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
    expect(res.text).toBe('custom 404 for /: No Book matches the given query.');
  });

  it('falls back to the default page when a handler view itself fails', async () => {
    const logged: unknown[] = [];
    const app = appThrowing(new PermissionDenied(), {
      handler403: () => {
        throw new Error('template missing');
      },
      log: (err) => logged.push(err),
    });
    const res = await request(app).get('/');
    expect(res.status).toBe(403);
    expect(res.text).toContain('403 Forbidden');
    expect((logged[0] as Error).message).toBe('template missing');
  });
});
