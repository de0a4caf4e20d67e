/**
 * Express's test/res.cookie.js, ported case by case where a response object has an equivalent:
 * `res.cookie(name, value, options)` becomes `response.setCookie(…)` (or `setSignedCookie` for
 * `{ signed: true }`) in a view, on Express 4 and 5. Each test keeps Express's name; what
 * differs is said beside it. `maxAge` is seconds here (Django's), so Express's `maxAge: 1000`
 * is `maxAgeMs: 1000` or `maxAge: 1`.
 */
import cookieParser from 'cookie-parser';
import request from 'supertest';
import { HttpResponse, httpErrorHandler, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)("Express's test/res.cookie.js on %s", (_label, createApp) => {
  function appWith(make: () => HttpResponse, secret?: string) {
    const app = createApp();
    app.set('env', 'test');
    if (secret !== undefined) app.use(cookieParser(secret));
    app.use(view(make));
    app.use(httpErrorHandler({ debug: true, log: () => {} }));
    return app;
  }

  describe('.cookie(name, object)', () => {
    it('should generate a JSON cookie', async () => {
      const app = appWith(() => new HttpResponse().setCookie('user', { name: 'tobi' }));
      const res = await request(app).get('/');
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toEqual(['user=j%3A%7B%22name%22%3A%22tobi%22%7D; Path=/']);
    });
  });

  describe('.cookie(name, string)', () => {
    it('should set a cookie', async () => {
      const res = await request(appWith(() => new HttpResponse().setCookie('name', 'tobi'))).get('/');
      expect(res.headers['set-cookie']).toEqual(['name=tobi; Path=/']);
    });

    it('should allow multiple calls', async () => {
      const app = appWith(() =>
        new HttpResponse().setCookie('name', 'tobi').setCookie('age', 1).setCookie('gender', '?'),
      );
      const res = await request(app).get('/');
      expect(res.headers['set-cookie']).toEqual(['name=tobi; Path=/', 'age=1; Path=/', 'gender=%3F; Path=/']);
    });
  });

  describe('.cookie(name, string, options)', () => {
    it('should set params', async () => {
      const app = appWith(() => new HttpResponse().setCookie('name', 'tobi', { httpOnly: true, secure: true }));
      const res = await request(app).get('/');
      expect(res.headers['set-cookie']).toEqual(['name=tobi; Path=/; HttpOnly; Secure']);
    });

    describe('expires', () => {
      it('should throw on invalid date', async () => {
        const app = appWith(() => new HttpResponse().setCookie('name', 'tobi', { expires: new Date(NaN) }));
        const res = await request(app).get('/');
        expect(res.status).toBe(500);
        expect(res.text).toMatch(/option expires is invalid/);
      });
    });

    describe('maxAge', () => {
      // Express's maxAge: 1000 is milliseconds: maxAgeMs here (maxAge is Django's seconds).
      it('should set relative expires', async () => {
        const res = await request(appWith(() => new HttpResponse().setCookie('name', 'tobi', { maxAgeMs: 1000 }))).get(
          '/',
        );
        // Attribute order is the cookie module's here (Path before Expires and Max-Age), not Express's.
        expect(res.headers['set-cookie']?.[0]).toMatch(/^name=tobi; /);
        expect(res.headers['set-cookie']?.[0]).toMatch(/; Max-Age=1(;|$)/);
        expect(res.headers['set-cookie']?.[0]).toMatch(/; Expires=/);
      });

      it('should set max-age', async () => {
        const res = await request(appWith(() => new HttpResponse().setCookie('name', 'tobi', { maxAgeMs: 1000 }))).get(
          '/',
        );
        expect(res.headers['set-cookie']?.[0]).toMatch(/Max-Age=1/);
      });

      it('should not mutate the options object', async () => {
        const options = { maxAgeMs: 1000 };
        const copy = { ...options };
        await request(appWith(() => new HttpResponse().setCookie('name', 'tobi', options))).get('/');
        expect(options).toEqual(copy);
      });

      it('should not throw on undefined', async () => {
        const res = await request(
          appWith(() => new HttpResponse().setCookie('name', 'tobi', { maxAge: undefined } as never)),
        ).get('/');
        expect(res.headers['set-cookie']).toEqual(['name=tobi; Path=/']);
      });

      it('should throw an error with invalid maxAge', async () => {
        const res = await request(
          appWith(() => new HttpResponse().setCookie('name', 'tobi', { maxAge: 'foobar' as never })),
        ).get('/');
        expect(res.status).toBe(500);
        expect(res.text).toMatch(/option maxAge is invalid/);
      });
    });

    describe('signed', () => {
      it('should generate a signed JSON cookie', async () => {
        const app = appWith(() => new HttpResponse().setSignedCookie('user', { name: 'tobi' }), 'foo bar baz');
        const res = await request(app).get('/');
        expect(res.headers['set-cookie']).toEqual([
          'user=s%3Aj%3A%7B%22name%22%3A%22tobi%22%7D.K20xcwmDS%2BPb1rsD95o5Jm5SqWs1KteqdnynnB7jkTE; Path=/',
        ]);
      });
    });

    describe('signed without secret', () => {
      it('should throw an error', async () => {
        const app = appWith(() => new HttpResponse().setSignedCookie('name', 'tobi'), '');
        const res = await request(app).get('/');
        expect(res.status).toBe(500);
      });
    });

    describe('.signedCookie(name, string)', () => {
      it('should set a signed cookie', async () => {
        const app = appWith(() => new HttpResponse().setSignedCookie('name', 'tobi'), 'foo bar baz');
        const res = await request(app).get('/');
        expect(res.headers['set-cookie']).toEqual([
          'name=s%3Atobi.xJjV2iZ6EI7C8E5kzwbfA9PVLl1ZR07UTnuTgQQ4EnQ; Path=/',
        ]);
      });
    });
  });
});
