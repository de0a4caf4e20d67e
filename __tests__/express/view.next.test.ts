/**
 * A view that calls `next()` (or `next('route')`, `next(err)`) and returns nothing passes the
 * request on, as an Express handler does, also through decorators, app-wide view middleware
 * and async views; a view that neither returns a response nor calls `next` is still the loud
 * error naming it. Over HTTP on Express 4 and 5.
 */
import request from 'supertest';
import {
  HttpResponse,
  csrfExempt,
  httpErrorHandler,
  makeDecorator,
  neverCache,
  requireGET,
  view,
  viewMiddleware,
  type ViewMiddleware,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('a view that calls next() on %s', (_label, createApp) => {
  function appWith(first: ReturnType<typeof view>) {
    const app = createApp();
    app.set('env', 'test');
    app.get('/', first);
    app.get(
      '/',
      view(() => new HttpResponse('fell through')),
    );
    app.use(httpErrorHandler({ debug: true, log: () => {} }));
    return app;
  }

  it('falls through to the next route when it calls next() and returns nothing', async () => {
    await request(appWith(view((_req, _res, next) => next())))
      .get('/')
      .expect(200, 'fell through');
  });

  it('falls through from an async view that awaits, then calls next', async () => {
    const app = appWith(
      view(async (req, _res, next) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (!req.url.includes('mine')) return next();
        return new HttpResponse('mine');
      }),
    );
    await request(app).get('/').expect(200, 'fell through');
    await request(app).get('/?mine=1').expect(200, 'mine');
  });

  it('gets next through decorators, in both spellings', async () => {
    await request(appWith(view((_req, _res, next) => next(), requireGET, neverCache)))
      .get('/')
      .expect(200, 'fell through');
    await request(appWith(view(requireGET(neverCache((_req, _res, next) => next?.())))))
      .get('/')
      .expect(200, 'fell through');
    // A decorator still answers without calling the view: the 405 is its own.
    await request(appWith(view((_req, _res, next) => next(), requireGET)))
      .post('/')
      .expect(404);
  });

  it('gets next through a makeDecorator decorator and app-wide view middleware', async () => {
    const tagged = makeDecorator('tagged', (inner) => async (req, res) => inner(req, res));
    const passThrough: ViewMiddleware = (inner) => (req, res) => inner(req, res);
    const app = createApp();
    app.use(viewMiddleware(passThrough));
    app.get('/', view(tagged((_req, _res, next) => next?.())));
    app.get(
      '/',
      view(() => new HttpResponse('fell through')),
    );
    await request(app).get('/').expect(200, 'fell through');
  });

  it('gets next inside csrfExempt', async () => {
    await request(appWith(view(csrfExempt((_req, _res, next) => next?.()))))
      .get('/')
      .expect(200, 'fell through');
  });

  it('passes next(err) to the error handler', async () => {
    const res = await request(appWith(view((_req, _res, next) => next(new Error('from the view')))))
      .get('/')
      .set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body.detail).toBe('Error: from the view');
  });

  it('is still a loud 500 naming the view when it returns nothing without calling next', async () => {
    const res = await request(appWith(view(function forgetful(_req, _res, _next) {})))
      .get('/')
      .set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body.detail).toMatch(/^TypeError: The view forgetful didn't return an HttpResponse object/);
  });

  it('a view that calls next() and also returns a response: the response is dropped and closed, with a warning', async () => {
    // Observed, not replaced: the warning still goes out.
    const emitWarning = jest.spyOn(process, 'emitWarning');
    let closed = false;
    try {
      const app = appWith(
        view(function both(_req, _res, next) {
          next();
          const response = new HttpResponse('also');
          const close = response.close.bind(response);
          response.close = () => {
            closed = true;
            close();
          };
          return response;
        }),
      );
      await request(app).get('/').expect(200, 'fell through');
      expect(emitWarning.mock.calls.map(([warning]) => String(warning))).toContain(
        'The view both called next() and returned a response: Express had the request already, so the response was not sent. Return a response or call next(), not both.',
      );
    } finally {
      emitWarning.mockRestore();
    }
    expect(closed).toBe(true);
  });
});
