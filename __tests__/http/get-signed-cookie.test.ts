/**
 * getSignedCookie() — Django's request.get_signed_cookie — over a real Express app with the
 * real cookie-parser middleware, driven by supertest: cookies written by setSignedCookie()
 * (through view()) come back in req.signedCookies and through getSignedCookie(); tampering
 * gives BadSignature or the default; the Django format round-trips, reads what Django 5.2.17
 * and (with signedCookieLegacySaltFallback) earlier versions sign, and maxAge gives
 * SignatureExpired.
 */
import cookieParser from 'cookie-parser';
import { sign } from 'cookie-signature';
import type { Request } from 'express';
import request from 'supertest';
import {
  BadSignature,
  HttpResponse,
  JsonResponse,
  SignatureExpired,
  getSignedCookie,
  view,
  type GetSignedCookieOptions,
  type SignedCookieOptions,
} from '../../lib/index.js';
import { djangoSignCookie } from '../../lib/http/django-signing.js';
import { signedAt } from '../helpers/clock.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const SECRET = 's3cr3t';

/** The `name=value` part of each Set-Cookie header. */
function cookiePairs(res: request.Response): string[] {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).map((line) => line.split(';')[0] as string);
}

/** What a read route answers: the value, or the error's class and message. */
function readCookie(req: Request, name: string, opts?: GetSignedCookieOptions<unknown>): JsonResponse {
  try {
    return new JsonResponse({ value: getSignedCookie(req, name, opts), signedCookies: { ...req.signedCookies } });
  } catch (err) {
    const error = err as Error;
    return new JsonResponse(
      { error: error.name, message: error.message, badSignature: err instanceof BadSignature },
      { status: 400 },
    );
  }
}

/** An app with cookie-parser, a route that sets a signed cookie and one that reads it. */
function createApp(
  createExpress: AppFactory,
  parserSecret: string | string[] | undefined,
  setOpts: SignedCookieOptions,
  getOpts?: GetSignedCookieOptions<unknown>,
) {
  const app = createExpress();
  app.use(cookieParser(parserSecret));
  app.get(
    '/set',
    view(() => new HttpResponse('set').setSignedCookie('uid', 'user 42;é', setOpts)),
  );
  app.get(
    '/get',
    view((req) => readCookie(req, 'uid', getOpts)),
  );
  return app;
}

describe.each(expressVersions)('%s: getSignedCookie over cookie-parser', (_label, createExpress) => {
  describe("format 'express'", () => {
    it('reads back a cookie signed with req.secret, in req.signedCookies and through getSignedCookie', async () => {
      const agent = request.agent(createApp(createExpress, SECRET, {}));
      const set = await agent.get('/set').expect(200);
      expect(cookiePairs(set)).toHaveLength(1);
      expect(cookiePairs(set)[0]).toMatch(/^uid=s%3Auser%2042%3B%C3%A9\./);
      const res = await agent.get('/get').expect(200);
      expect(res.body).toEqual({ value: 'user 42;é', signedCookies: { uid: 'user 42;é' } });
    });

    it('reads back a cookie signed with an explicit secret equal to cookie-parser’s', async () => {
      const agent = request.agent(createApp(createExpress, SECRET, { secret: SECRET }));
      await agent.get('/set').expect(200);
      const res = await agent.get('/get').expect(200);
      expect(res.body.value).toBe('user 42;é');
      expect(res.body.signedCookies.uid).toBe('user 42;é');
    });

    it('writes the same cookie as res.cookie(…, { signed: true })', async () => {
      const app = createExpress();
      app.use(cookieParser(SECRET));
      app.get(
        '/ours',
        view(() => new HttpResponse().setSignedCookie('uid', 'v 1', { maxAge: 60 })),
      );
      app.get('/express', (_req, res) => {
        res.cookie('uid', 'v 1', { signed: true, maxAge: 60_000 }).end();
      });
      const ours = await request(app).get('/ours');
      const theirs = await request(app).get('/express');
      expect(cookiePairs(ours)).toEqual(cookiePairs(theirs));
    });

    it.each([
      ['a changed value', (pair: string) => pair.replace('user', 'usex')],
      ['a changed signature', (pair: string) => pair.slice(0, -2)],
      ['another secret', () => `uid=${encodeURIComponent(`s:${sign('user 42;é', 'other')}`)}`],
    ])('throws BadSignature for %s, and cookie-parser marks it false', async (_label, tamper) => {
      const app = createApp(createExpress, SECRET, {});
      const pair = cookiePairs(await request(app).get('/set'))[0] as string;
      const res = await request(app).get('/get').set('Cookie', tamper(pair)).expect(400);
      expect(res.body).toEqual({
        error: 'BadSignature',
        message: 'Signature of cookie "uid" does not match',
        badSignature: true,
      });
    });

    it('returns the default for a tampered cookie', async () => {
      const app = createApp(createExpress, SECRET, {}, { default: null });
      const pair = cookiePairs(await request(app).get('/set'))[0] as string;
      const res = await request(app).get('/get').set('Cookie', pair.replace('user', 'usex')).expect(200);
      expect(res.body.value).toBeNull();
      expect(res.body.signedCookies.uid).toBe(false);
    });

    it('throws BadSignature for a missing cookie, or returns the default', async () => {
      const res = await request(createApp(createExpress, SECRET, {}))
        .get('/get')
        .expect(400);
      expect(res.body).toMatchObject({ error: 'BadSignature', message: 'No cookie named "uid" in the request' });
      const withDefault = await request(createApp(createExpress, SECRET, {}, { default: 'anon' }))
        .get('/get')
        .expect(200);
      expect(withDefault.body.value).toBe('anon');
    });

    it('throws BadSignature for an unsigned cookie', async () => {
      const res = await request(createApp(createExpress, SECRET, {}))
        .get('/get')
        .set('Cookie', 'uid=42')
        .expect(400);
      expect(res.body).toMatchObject({ error: 'BadSignature', message: 'Cookie "uid" is not signed' });
    });

    // Bug fixed: req.signedCookies (verified with cookie-parser's secret) used to win over opts.secret.
    it('verifies with opts.secret, not cookie-parser’s secret, when it is given', async () => {
      const signedByOther = await request(createApp(createExpress, SECRET, { secret: 'other' })).get('/set');
      const pairOther = cookiePairs(signedByOther)[0] as string;
      const readOther = createApp(createExpress, SECRET, {}, { secret: 'other' });
      expect((await request(readOther).get('/get').set('Cookie', pairOther).expect(200)).body.value).toBe('user 42;é');

      const signedByParser = await request(createApp(createExpress, SECRET, {})).get('/set');
      const pairParser = cookiePairs(signedByParser)[0] as string;
      const res = await request(readOther).get('/get').set('Cookie', pairParser).expect(400);
      expect(res.body).toMatchObject({ error: 'BadSignature', message: 'Signature of cookie "uid" does not match' });
      expect(res.body).not.toHaveProperty('value');
    });

    it('accepts any of several secrets (rotation)', async () => {
      const pair = cookiePairs(
        await request(createApp(createExpress, SECRET, { secret: 'old' })).get('/set'),
      )[0] as string;
      const app = createApp(createExpress, undefined, {}, { secret: ['new', 'old'] });
      expect((await request(app).get('/get').set('Cookie', pair).expect(200)).body.value).toBe('user 42;é');
    });

    it('reads what cookie-parser verified with its list of secrets', async () => {
      const pair = cookiePairs(
        await request(createApp(createExpress, SECRET, { secret: 'old' })).get('/set'),
      )[0] as string;
      const app = createApp(createExpress, ['new', 'old'], {});
      expect((await request(app).get('/get').set('Cookie', pair).expect(200)).body.value).toBe('user 42;é');
    });

    it('works without cookie-parser when the secret is given', async () => {
      const app = createExpress();
      app.get(
        '/set',
        view(() => new HttpResponse().setSignedCookie('uid', 'v', { secret: SECRET })),
      );
      app.get(
        '/get',
        view((req) => readCookie(req, 'uid', { secret: SECRET })),
      );
      const agent = request.agent(app);
      await agent.get('/set');
      expect((await agent.get('/get').expect(200)).body.value).toBe('v');
    });

    it('fails to send a signed cookie when there is no secret at all', async () => {
      const app = createApp(createExpress, undefined, {});
      const errors: unknown[] = [];
      app.use(
        (err: unknown, _req: unknown, res: { status(code: number): { send(body: string): void } }, _next: unknown) => {
          errors.push(err);
          res.status(500).send('failed');
        },
      );
      const res = await request(app).get('/set').expect(500);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(String(errors[0])).toMatch(/setSignedCookie\("uid"\) has no secret/);
    });

    it('throws a TypeError, even with a default, when there is no secret to verify with', async () => {
      const res = await request(createApp(createExpress, undefined, {}, { default: null }))
        .get('/get')
        .set('Cookie', 'uid=s%3Ax.y')
        .expect(400);
      expect(res.body).toMatchObject({ error: 'TypeError', badSignature: false });
      expect(res.body.message).toMatch(
        /getSignedCookie\(req, "uid"\) has no secret: pass \{ secret \}, or install cookie-parser/,
      );
    });

    it('refuses maxAge, which Express-signed cookies cannot honour', async () => {
      const res = await request(createApp(createExpress, SECRET, {}, { maxAge: 60 }))
        .get('/get')
        .set('Cookie', 'uid=x')
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'TypeError',
        message: "option maxAge needs format: 'django': Express-signed cookies carry no timestamp.",
      });
    });

    it('refuses signedCookieLegacySaltFallback, which only chooses between the salts of Django’s cookies', async () => {
      const res = await request(createApp(createExpress, SECRET, {}, { signedCookieLegacySaltFallback: false }))
        .get('/get')
        .set('Cookie', 'uid=x')
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'TypeError',
        message:
          "option signedCookieLegacySaltFallback needs format: 'django': it chooses between the salts of Django's signed cookies.",
      });
    });

    it('refuses an unknown format', async () => {
      const res = await request(createApp(createExpress, SECRET, {}, { format: 'rails' as never }))
        .get('/get')
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'TypeError',
        message: 'option format is invalid: it must be "express" or "django" (got "rails").',
      });
    });
  });

  describe("format 'django'", () => {
    const django = { format: 'django', secret: SECRET, salt: 'x' } as const;

    it('round-trips a value that Python must quote', async () => {
      const agent = request.agent(createApp(createExpress, undefined, django, django));
      const set = await agent.get('/set').expect(200);
      expect(cookiePairs(set)[0]).toMatch(/^uid="user 42\\073\\351:[0-9A-Za-z]+:[\w-]+"$/);
      const res = await agent.get('/get').expect(200);
      expect(res.body.value).toBe('user 42;é');
    });

    /** An app reading cookie `c` with `opts`. */
    const readingC = (opts: GetSignedCookieOptions<unknown>) => {
      const app = createExpress();
      app.get(
        '/get',
        view((req) => readCookie(req, 'c', { format: 'django', secret: SECRET, ...opts })),
      );
      return app;
    };
    // set_signed_cookie('c', 'hello') at 1700000000 with SECRET_KEY s3cr3t, by Django 5.2.17 and by Django 3.2.
    const DJANGO_5_2_17 = 'c=hello:1r31eq:wn2SCykqc6sM8ZBUlnpqCMUKJSudrmZg5kNGYE7XWRk';
    const DJANGO_3_2 = 'c=hello:1r31eq:1SSJe0GsMLfe4RVahawYI4k2O7eQagxMCgD0qGquvcw';

    it('reads the Django 5.2.17 test vector', async () => {
      const res = await request(readingC({})).get('/get').set('Cookie', DJANGO_5_2_17).expect(200);
      expect(res.body.value).toBe('hello');
    });

    it('reads the Django 3.2 test vector (the legacy salt) while signedCookieLegacySaltFallback is on', async () => {
      const res = await request(readingC({})).get('/get').set('Cookie', DJANGO_3_2).expect(200);
      expect(res.body.value).toBe('hello');
    });

    it('refuses the Django 3.2 test vector with signedCookieLegacySaltFallback: false, not the 5.2.17 one', async () => {
      const app = readingC({ signedCookieLegacySaltFallback: false });
      const res = await request(app).get('/get').set('Cookie', DJANGO_3_2).expect(400);
      expect(res.body).toMatchObject({ error: 'BadSignature', message: 'Signature of cookie "c" does not match' });
      await request(app).get('/get').set('Cookie', DJANGO_5_2_17).expect(200, { value: 'hello', signedCookies: {} });
    });

    it('refuses a signedCookieLegacySaltFallback that is not a boolean', async () => {
      const res = await request(readingC({ signedCookieLegacySaltFallback: 'no' as never }))
        .get('/get')
        .set('Cookie', DJANGO_5_2_17)
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'TypeError',
        message: 'option signedCookieLegacySaltFallback must be true or false (got "no").',
      });
    });

    it('is not in req.signedCookies (cookie-parser does not know the format) but getSignedCookie reads it', async () => {
      const agent = request.agent(createApp(createExpress, SECRET, django, django));
      await agent.get('/set');
      const res = await agent.get('/get').expect(200);
      expect(res.body).toEqual({ value: 'user 42;é', signedCookies: {} });
    });

    it.each([
      ['another salt', { ...django, salt: 'y' }],
      ['another secret', { ...django, secret: 'other' }],
      ['the express format', { secret: SECRET }],
    ])('throws BadSignature when read with %s', async (_label, getOpts) => {
      const agent = request.agent(createApp(createExpress, SECRET, django, getOpts));
      await agent.get('/set');
      const res = await agent.get('/get').expect(400);
      expect(res.body).toMatchObject({ error: 'BadSignature', badSignature: true });
    });

    describe('maxAge', () => {
      const now = () => Math.floor(Date.now() / 1000);
      const cookieAged = (seconds: number) =>
        `uid=${signedAt(now() - seconds, () => djangoSignCookie('uid', 'v', SECRET, 'x'))}`;

      it('accepts a signature younger than maxAge', async () => {
        const app = createApp(createExpress, undefined, {}, { ...django, maxAge: 300 });
        const res = await request(app).get('/get').set('Cookie', cookieAged(120)).expect(200);
        expect(res.body.value).toBe('v');
      });

      it('throws SignatureExpired, a BadSignature, for an older one', async () => {
        const app = createApp(createExpress, undefined, {}, { ...django, maxAge: 60 });
        const res = await request(app).get('/get').set('Cookie', cookieAged(120)).expect(400);
        expect(res.body.error).toBe('SignatureExpired');
        expect(res.body.badSignature).toBe(true);
        expect(res.body.message).toMatch(/^Signature age 12\d(\.\d+)? > 60 seconds$/);
      });

      it('returns the default for an expired signature', async () => {
        const app = createApp(createExpress, undefined, {}, { ...django, maxAge: 60, default: 'expired' });
        const res = await request(app).get('/get').set('Cookie', cookieAged(120)).expect(200);
        expect(res.body.value).toBe('expired');
      });
    });
  });
});

describe('getSignedCookie errors', () => {
  it('exports SignatureExpired as a BadSignature', () => {
    expect(new SignatureExpired('x')).toBeInstanceOf(BadSignature);
  });
});
