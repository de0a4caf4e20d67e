/**
 * `formatView()` and `getPreferredType()` beyond Express's own tests: results of every kind,
 * a 406 through `httpErrorHandler()` (page and problem, listing the types), decorators around
 * it, and the registration-time errors. Over HTTP on Express 4 and 5.
 */
import request from 'supertest';
import {
  HttpResponse,
  JsonResponse,
  NotAcceptable,
  formatView,
  getPreferredType,
  httpErrorHandler,
  neverCache,
  view,
  type Formats,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('formatView on %s', (_label, createApp) => {
  function appFor(formats: Formats) {
    const app = createApp();
    app.set('env', 'test');
    app.get('/', view(formatView(formats), neverCache));
    app.get(
      '/preferred',
      view((req) => new HttpResponse(String(getPreferredType(req, ['text/html', 'application/json'])))),
    );
    app.use(httpErrorHandler({ log: () => {} }));
    return app;
  }

  it('sends each kind of result with the negotiated type', async () => {
    const app = appFor({
      'text/csv': () => 'a,b\n',
      'application/octet-stream': () => Buffer.from([1, 2]),
      'application/vnd.api+json': () => [1, 2],
      xml: () => new HttpResponse('<x/>', { contentType: 'application/xml' }),
    });
    await request(app)
      .get('/')
      .set('Accept', 'text/csv')
      .expect('Content-Type', 'text/csv; charset=utf-8')
      .expect('a,b\n');
    const bytes = await request(app).get('/').set('Accept', 'application/octet-stream');
    expect(bytes.headers['content-type']).toBe('application/octet-stream');
    const api = await request(app).get('/').set('Accept', 'application/vnd.api+json');
    expect(api.headers['content-type']).toBe('application/vnd.api+json');
    expect(api.text).toBe('[1,2]');
    await request(app)
      .get('/')
      .set('Accept', 'application/xml')
      .expect('Content-Type', 'application/xml')
      .expect('<x/>');
  });

  it('adds Vary: Accept to what the decorators see and keeps theirs', async () => {
    const res = await request(appFor({ json: () => new JsonResponse({ a: 1 }) })).get('/');
    expect(res.headers['vary']).toBe('Accept');
    expect(res.headers['cache-control']).toContain('no-cache');
  });

  it('answers a 406 listing the types, as a page and as a problem, through httpErrorHandler', async () => {
    const app = appFor({ html: () => '<p>hi</p>', 'application/json': () => ({ hi: true }) });
    const page = await request(app).get('/').set('Accept', 'image/png');
    expect(page.status).toBe(406);
    expect(page.headers['vary']).toBe('Accept');
    expect(page.text).toContain(
      '<h1>406 Not Acceptable</h1><p>Not Acceptable: this resource is available as text/html, application/json.</p>',
    );
    const problem = await request(app).get('/').set('Accept', 'image/png, application/problem+json;q=0.1');
    expect(problem.body.detail).toBe('Not Acceptable: this resource is available as text/html, application/json.');
  });

  it('a text format refuses an object, naming what it may return', async () => {
    const app = createApp();
    app.get('/', view(formatView({ html: () => ({ not: 'html' }) })));
    app.use(httpErrorHandler({ debug: true, log: () => {} }));
    const res = await request(app).get('/').set('Accept', 'application/json, text/html;q=0.5');
    expect(res.status).toBe(500);
  });

  it('getPreferredType ranks as Express: quality first, the order given on a tie, null for none', async () => {
    const app = appFor({ json: () => ({}) });
    await request(app).get('/preferred').set('Accept', 'application/json, text/html;q=0.9').expect('application/json');
    await request(app).get('/preferred').expect('text/html');
    await request(app).get('/preferred').set('Accept', 'image/png').expect('null');
  });
});

describe('formatView is checked when the app is built', () => {
  it.each<[string, () => unknown, string]>([
    [
      'no formats',
      () => formatView({}),
      'formatView() needs at least one format, e.g. formatView({ json: (req) => data }).',
    ],
    [
      'a format that is not a view',
      () => formatView({ html: 'index.html' as never }),
      'formatView() format "html" must be a view, (req, res) => response (got "index.html").',
    ],
    [
      'an array',
      () => formatView([] as never),
      'formatView() takes the views by media type, e.g. formatView({ html: (req) => ..., json: (req) => ... }) (got an Array).',
    ],
  ])('refuses %s', (_what, make, message) => {
    expect(make).toThrow(new TypeError(message));
  });

  it("NotAcceptable carries status, expose and the types, as Express's 406 error", () => {
    const err = new NotAcceptable(['text/html']);
    expect([err.status, err.statusCode, err.expose, err.types]).toEqual([406, 406, true, ['text/html']]);
  });
});
