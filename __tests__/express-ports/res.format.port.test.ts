/**
 * Express's test/res.format.js, ported onto `formatView()` in a `view()`, on Express 4 and 5:
 * the same apps (canonical types, extnames, types with parameters, `default`, in a router), the
 * same error middleware rendering `Supports: …` from the 406 error's `types`, the same tests by
 * name. `res.send({ message })` becomes a format returning the object (JSON).
 */
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { HttpResponse, formatView, view, type Formats } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)("Express's test/res.format.js on %s", (_label, createApp) => {
  const supports = (err: { status: number; types: string[] }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status).send(`Supports: ${err.types.join(', ')}`);
  };
  function appFor(formats: Formats, inRouter = false) {
    const app = createApp();
    if (inRouter) {
      const router = createApp.Router();
      router.get('/', view(formatView(formats)));
      router.use(supports);
      app.use(router);
    } else {
      app.use(view(formatView(formats)));
      app.use(supports);
    }
    return app;
  }

  const canonical: Formats = {
    'text/plain': () => 'hey',
    'text/html': () => '<p>hey</p>',
    'application/json': () => ({ message: 'hey' }),
  };
  const extnames: Formats = { text: () => 'hey', html: () => '<p>hey</p>', json: () => ({ message: 'hey' }) };
  const withParameters: Formats = {
    'text/plain; charset=utf-8': () => 'hey',
    'text/html; foo=bar; bar=baz': () => '<p>hey</p>',
    'application/json; q=0.5': () => ({ message: 'hey' }),
  };

  describe('.format(obj)', () => {
    describe.each([
      ['with canonicalized mime types', appFor(canonical)],
      ['with extnames', appFor(extnames)],
      ['with parameters', appFor(withParameters)],
      ['in router', appFor(extnames, true)],
    ])('%s', (_name, app) => {
      it('should utilize qvalues in negotiation', async () => {
        await request(app)
          .get('/')
          .set('Accept', 'text/html; q=.5, application/json, */*; q=.1')
          .expect({ message: 'hey' });
      });

      it('should allow wildcard type/subtypes', async () => {
        await request(app)
          .get('/')
          .set('Accept', 'text/html; q=.5, application/*, */*; q=.1')
          .expect({ message: 'hey' });
      });

      it('should default the Content-Type', async () => {
        await request(app)
          .get('/')
          .set('Accept', 'text/html; q=.5, text/plain')
          .expect('Content-Type', 'text/plain; charset=utf-8')
          .expect('hey');
      });

      it('should set the correct charset for the Content-Type', async () => {
        await request(app).get('/').set('Accept', 'text/html').expect('Content-Type', 'text/html; charset=utf-8');
        await request(app).get('/').set('Accept', 'text/plain').expect('Content-Type', 'text/plain; charset=utf-8');
        // Django's JsonResponse: application/json without a charset (JSON is UTF-8, RFC 8259).
        await request(app).get('/').set('Accept', 'application/json').expect('Content-Type', 'application/json');
      });

      it('should Vary: Accept', async () => {
        await request(app).get('/').set('Accept', 'text/html; q=.5, text/plain').expect('Vary', 'Accept');
      });

      describe('when Accept is not present', () => {
        it('should invoke the first callback', async () => {
          await request(app).get('/').expect('hey');
        });
      });

      describe('when no match is made', () => {
        it('should respond with 406 not acceptable', async () => {
          await request(app)
            .get('/')
            .set('Accept', 'foo/bar')
            .expect('Supports: text/plain, text/html, application/json')
            .expect(406);
        });
      });
    });

    describe('given .default', () => {
      it('should be invoked instead of auto-responding', async () => {
        const app = appFor({ text: () => 'hey', default: () => 'default' });
        await request(app).get('/').set('Accept', 'text/html').expect('default');
      });

      it('should work when only .default is provided', async () => {
        const app = appFor({ default: () => 'hey' });
        await request(app).get('/').set('Accept', '*/*').expect('hey');
      });

      it('should be able to invoke other formatter', async () => {
        const formats: Formats = {
          json: () => new HttpResponse('json'),
          default: async (req, res, next) => {
            const response = (await formats['json']?.(req, res, next)) as HttpResponse;
            return response.set('x-default', '1');
          },
        };
        await request(appFor(formats))
          .get('/')
          .set('Accept', 'text/plain')
          .expect(200)
          .expect('x-default', '1')
          .expect('json');
      });
    });
  });
});
