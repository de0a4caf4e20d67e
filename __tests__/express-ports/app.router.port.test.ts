/**
 * Express's test/app.router.js, "when next() is called", "when next("route") is called",
 * "when next("router") is called" and "when next(err) is called", ported with each handler a
 * `view()` that calls `next` and returns nothing (or returns a response where Express's sends
 * one), on Express 4 and 5. Each test keeps Express's name. Express 4 has no `{/:bar}`
 * optional segment, so `/foo{/:bar}` is written `/foo/:bar?` there.
 */
import request from 'supertest';
import { HttpResponse, JsonResponse, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)("Express's test/app.router.js next() cases on %s", (label, createApp) => {
  const optionalBar = label === 'Express 4' ? '/foo/:bar?' : '/foo{/:bar}';

  describe('when next() is called', () => {
    it('should continue lookup', async () => {
      const app = createApp();
      const calls: string[] = [];
      app.get(
        optionalBar,
        view((_req, _res, next) => {
          calls.push('/foo/:bar?');
          next();
        }),
      );
      app.get(
        '/bar',
        view(() => {
          throw new Error('not reached');
        }),
      );
      app.get(
        '/foo',
        view((_req, _res, next) => {
          calls.push('/foo');
          next();
        }),
      );
      app.get(
        '/foo',
        view(() => {
          calls.push('/foo 2');
          return new JsonResponse(calls, { safe: false });
        }),
      );
      await request(app).get('/foo').expect(200, ['/foo/:bar?', '/foo', '/foo 2']);
    });
  });

  describe('when next("route") is called', () => {
    it('should jump to next route', async () => {
      const app = createApp();
      const fn = view((_req, res, next) => {
        res.set('X-Hit', '1');
        next('route');
      });
      app.get(
        '/foo',
        fn,
        view(() => new HttpResponse('failure')),
      );
      app.get(
        '/foo',
        view(() => new HttpResponse('success')),
      );
      await request(app).get('/foo').expect('X-Hit', '1').expect(200, 'success');
    });
  });

  describe('when next("router") is called', () => {
    it('should jump out of router', async () => {
      const app = createApp();
      const router = createApp.Router();
      const fn = view((_req, res, next) => {
        res.set('X-Hit', '1');
        next('router');
      });
      router.get(
        '/foo',
        fn,
        view(() => new HttpResponse('failure')),
      );
      router.get(
        '/foo',
        view(() => new HttpResponse('failure')),
      );
      app.use(router);
      app.get(
        '/foo',
        view(() => new HttpResponse('success')),
      );
      await request(app).get('/foo').expect('X-Hit', '1').expect(200, 'success');
    });
  });

  describe('when next(err) is called', () => {
    it('should break out of app.router', async () => {
      const app = createApp();
      const calls: string[] = [];
      app.get(
        optionalBar,
        view((_req, _res, next) => {
          calls.push('/foo/:bar?');
          next();
        }),
      );
      app.get(
        '/foo',
        view((_req, _res, next) => {
          calls.push('/foo');
          next(new Error('fail'));
        }),
      );
      app.get(
        '/foo',
        view(() => {
          throw new Error('not reached');
        }),
      );
      app.use((err: Error, _req: unknown, res: { json(body: unknown): void }, _next: unknown) => {
        res.json({ calls, error: err.message });
      });
      await request(app)
        .get('/foo')
        .expect(200, { calls: ['/foo/:bar?', '/foo'], error: 'fail' });
    });

    it('should call handler in same route, if exists', async () => {
      const app = createApp();
      const fn1 = view((_req, _res, next) => next(new Error('boom!')));
      const fn2 = view(() => new HttpResponse('foo here'));
      const fn3 = (err: Error, _req: unknown, res: { send(body: string): void }, _next: unknown) => {
        res.send(`route go ${err.message}`);
      };
      app.get('/foo', fn1, fn2, fn3);
      app.use((_err: unknown, _req: unknown, res: { end(body: string): void }, _next: unknown) => res.end('error!'));
      await request(app).get('/foo').expect('route go boom!');
    });
  });
});
