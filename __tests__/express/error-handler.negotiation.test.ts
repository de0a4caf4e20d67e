/**
 * Content negotiation of error answers: httpErrorHandler() and requireHttpMethods() answer a
 * client that prefers JSON with an RFC 9457 problem (application/problem+json) and a browser
 * with Django's HTML, both with `Vary: Accept`. Accept values ranked by Express's own
 * `req.accepts` (the `accepts` package).
 */
import request from 'supertest';
import {
  BadRequest,
  Http404,
  HttpResponse,
  PermissionDenied,
  httpErrorHandler,
  requireHttpMethods,
  requireSafe,
  view,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe.each(expressVersions)('error negotiation on %s', (_label, createApp) => {
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

  it.each([
    ['Http404', new Http404('secret detail'), 404, 'Not Found'],
    ['PermissionDenied', new PermissionDenied('secret detail'), 403, 'Forbidden'],
    ['BadRequest', new BadRequest('secret detail'), 400, 'Bad Request'],
    ['an error with status 405', Object.assign(new Error('secret detail'), { status: 405 }), 405, 'Method Not Allowed'],
    ['a plain Error', new Error('secret detail'), 500, 'Internal Server Error'],
  ])('answers %s to Accept: application/json with a problem: status and title only', async (_n, err, status, title) => {
    const res = await request(appThrowing(err)).get('/').set('Accept', 'application/json');
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers.vary).toBe('Accept');
    expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title, status });
    expect(res.text).not.toContain('secret detail');
  });

  it.each([
    ['application/problem+json'],
    ['application/json, text/plain, */*'], // axios
    ['application/json;q=0.9, text/html;q=0.5'],
    ['application/*'],
  ])('prefers JSON for Accept: %s', async (accept) => {
    const res = await request(appThrowing(new Http404())).get('/').set('Accept', accept);
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  it.each([
    ['a browser', BROWSER],
    ['*/*', '*/*'],
    ['HTML over JSON', 'text/html, application/json;q=0.9'],
    ['an unrelated type', 'image/png'],
  ])('answers HTML to %s', async (_name, accept) => {
    const res = await request(appThrowing(new Http404())).get('/').set('Accept', accept);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toBe('Accept');
    expect(res.text).toContain('<title>Not Found</title>');
  });

  it('answers HTML without an Accept header', async () => {
    const res = await request(appThrowing(new PermissionDenied())).get('/').unset('Accept');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('adds the message and stack with debug', async () => {
    const res = await request(appThrowing(new Error('kaboom'), { debug: true }))
      .get('/')
      .set('Accept', 'application/json');
    const problem = JSON.parse(res.text) as { detail: string; stack: string[] };
    expect(problem.detail).toBe('Error: kaboom');
    expect(problem.stack[0]).toBe('Error: kaboom');
    expect(problem.stack.length).toBeGreaterThan(1);
  });

  it('lets a handler404 answer JSON clients too', async () => {
    const res = await request(appThrowing(new Http404(), { handler404: () => new HttpResponse('custom') }))
      .get('/')
      .set('Accept', 'application/json');
    expect(res.text).toBe('custom');
  });

  describe('requireHttpMethods', () => {
    function appWith(decorated: Parameters<typeof view>[0]) {
      const app = createApp();
      app.all('/', view(decorated));
      return app;
    }
    const plain = () => new HttpResponse('custom');

    it('answers a JSON client a 405 problem with Allow and Vary: Accept', async () => {
      const res = await request(appWith(requireHttpMethods(['GET', 'PUT'])(plain)))
        .post('/')
        .set('Accept', 'application/json');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, PUT');
      expect(res.headers.vary).toBe('Accept');
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(res.text)).toEqual({ type: 'about:blank', title: 'Method Not Allowed', status: 405 });
    });

    it("answers a browser Django's empty 405, as before", async () => {
      const res = await request(appWith(requireSafe(plain)))
        .post('/')
        .set('Accept', BROWSER);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers.vary).toBeUndefined();
      expect(res.text).toBe('');
    });
  });
});
