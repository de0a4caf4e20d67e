/**
 * `new Client(app, { timeout })`: a request the app never answers fails after `timeout`
 * seconds, naming the likely causes (a handler mounted without `view()`, a middleware that
 * never calls `next()`), instead of waiting for jest's own timeout; a body that never ends
 * fails the same way; and the app's response is closed, on Express 4 and 5.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpResponse, StreamingHttpResponse, view } from '../../lib/index.js';
import { Client, ClientTimeoutError } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';

async function rejection(promise: Promise<unknown>): Promise<ClientTimeoutError> {
  try {
    await promise;
  } catch (err) {
    return err as ClientTimeoutError;
  }
  throw new Error('the request was answered');
}

describe.each(expressVersions)('Client timeout on %s', (_label, createApp) => {
  it('fails a handler mounted without view() after timeout seconds, naming it', async () => {
    const app = createApp();
    // The async handler returns a response nobody writes: view() is missing.
    app.get('/forgot-view/', (async () => new HttpResponse('never sent')) as never);
    const err = await rejection(new Client(app, { timeout: 0.2 }).get('/forgot-view/', { q: '1' }));
    expect(err).toBeInstanceOf(ClientTimeoutError);
    expect(err.stage).toBe('head');
    expect(err.message).toBe(
      'GET /forgot-view/?q=1 got no response within 0.2 seconds. The likely causes: a handler mounted without view() — an async function that returns a response nobody sends: mount it as app.get(path, view(handler)); a middleware that never calls next() nor ends the response. If the view is that slow, raise new Client(app, { timeout }) (seconds).',
    );
  });

  it('fails behind a middleware that never calls next(), and closes the response', async () => {
    const app = createApp();
    let closed = false;
    app.use((_req: Request, res: Response, _next: NextFunction) => {
      res.on('close', () => (closed = true));
    });
    app.post(
      '/',
      view(() => new HttpResponse('ok')),
    );
    const err = await rejection(new Client(app, { timeout: 0.1 }).post('/', { a: '1' }));
    expect(err.message).toMatch(/^POST \/ got no response within 0\.1 seconds\. /);
    expect(closed).toBe(true);
  });

  it('fails a body that never ends, after its status', async () => {
    const app = createApp();
    app.get(
      '/stream/',
      view(
        () =>
          new StreamingHttpResponse(
            (async function* () {
              yield 'first';
              await new Promise(() => {});
            })(),
          ),
      ),
    );
    const err = await rejection(new Client(app, { timeout: 0.2 }).get('/stream/'));
    expect(err.stage).toBe('body');
    expect(err.message).toMatch(
      /^GET \/stream\/ answered 200 but its body did not end within 0\.2 seconds: the Client reads a body to its end/,
    );
  });

  it('answers a request in time as before, with the default of 10 seconds', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('ok')),
    );
    expect((await new Client(app).get('/')).text).toBe('ok');
    expect((await new Client(app, { timeout: Infinity }).get('/')).text).toBe('ok');
  });

  it.each([
    [0, TypeError, 'Client option timeout must be a number of seconds above 0, or Infinity for none (got 0).'],
    ['10', TypeError, 'Client option timeout must be a number of seconds above 0, or Infinity for none (got 10).'],
    [
      5000,
      RangeError,
      'Client option timeout is in seconds, at most 3600 (got 5000): for 5000 milliseconds write { timeout: 5 }.',
    ],
  ])('refuses timeout %p, naming the unit', (timeout, type, message) => {
    expect(() => new Client(createApp(), { timeout: timeout as never })).toThrow(new type(message));
  });
});
