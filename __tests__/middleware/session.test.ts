/**
 * sessionMiddleware(): req.session kept between requests, saved when the response is written by
 * a view() or any Express handler, over real HTTP on Express 4 and 5 (signed-cookie store).
 */
import { createReadStream, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorRequestHandler, Request, Response } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseRedirect,
  Session,
  SignedCookieSessionStore,
  SessionMiddleware,
  StreamingHttpResponse,
  getSession,
  sessionMiddleware,
  view,
  viewMiddleware,
  type SessionMiddlewareOptions,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';

const SECRET = 'test-secret-key-for-sessions';

function cookieOf(res: request.Response, name = 'sessionid'): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith(`${name}=`));
}

function valueOf(setCookie: string | undefined): string {
  if (setCookie === undefined) throw new Error('no session cookie was set');
  return setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
}

function sessionApp(createApp: AppFactory, options: Partial<SessionMiddlewareOptions> = {}) {
  const app = createApp();
  app.use(sessionMiddleware({ secretKey: SECRET, store: new SignedCookieSessionStore(), ...options }));
  app.get('/count', (req, res) => {
    const session = getSession(req);
    const visits = session.get<number>('visits', 0) + 1;
    session.set('visits', visits);
    res.send(`visits=${visits}`);
  });
  app.get('/read', (req, res) => {
    res.json({ visits: getSession(req).get('visits', null) });
  });
  app.get('/nothing', (_req, res) => {
    res.send('untouched');
  });
  app.get('/flush', (req, res) => {
    getSession(req).flush();
    res.send('flushed');
  });
  app.get(
    '/view',
    view((req) => {
      getSession(req).set('from', 'view');
      return new HttpResponse('view');
    }),
  );
  app.get('/redirect', (req, res) => {
    getSession(req).set('from', 'redirect');
    res.redirect('/read');
  });
  app.get('/fail', (req, res) => {
    getSession(req).set('from', 'fail');
    res.status(500).send('broken');
  });
  app.get(
    '/stream',
    view((req) => {
      getSession(req).set('from', 'stream');
      return new StreamingHttpResponse(
        (async function* () {
          yield 'a';
          yield 'b';
        })(),
      );
    }),
  );
  const errors: ErrorRequestHandler = (err, _req, res, _next) => {
    res.status((err as { status?: number }).status ?? 500).send(String((err as Error).message));
  };
  return { app, errors };
}

describe.each(expressVersions)('sessionMiddleware() on %s', (_label, createApp) => {
  it('keeps what a plain handler stores for the next request, and varies on Cookie', async () => {
    const { app } = sessionApp(createApp);
    const first = await request(app).get('/count').expect(200, 'visits=1');
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^sessionid=[^;]+; Max-Age=1209600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(first.headers.vary).toBe('Cookie');
    const second = await request(app)
      .get('/count')
      .set('Cookie', `sessionid=${valueOf(cookie)}`)
      .expect(200, 'visits=2');
    await request(app)
      .get('/read')
      .set('Cookie', `sessionid=${valueOf(cookieOf(second))}`)
      .expect(200, { visits: 2 });
  });

  it('sets no cookie and no Vary when the session is not used', async () => {
    const { app } = sessionApp(createApp);
    const first = await request(app).get('/count');
    const res = await request(app)
      .get('/nothing')
      .set('Cookie', `sessionid=${valueOf(cookieOf(first))}`)
      .expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
  });

  it('varies on Cookie but sets no cookie when the session is only read', async () => {
    const { app } = sessionApp(createApp);
    const first = await request(app).get('/count');
    const res = await request(app)
      .get('/read')
      .set('Cookie', `sessionid=${valueOf(cookieOf(first))}`)
      .expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBe('Cookie');
  });

  it.each(['/view', '/redirect', '/stream'])('saves for %s as for res.send', async (path) => {
    const { app } = sessionApp(createApp);
    const res = await request(app).get(path);
    expect(res.status).toBeLessThan(400);
    const cookie = cookieOf(res);
    expect(cookie).toBeDefined();
    const session = new Session(
      new SignedCookieSessionStore(),
      {
        secretKey: SECRET,
        secretKeyFallbacks: [],
        cookieAge: 1209600,
      },
      valueOf(cookie),
    );
    expect(session.get('from')).toBe(path.slice(1));
  });

  it('saves for res.sendFile, whose head goes out before its body', async () => {
    const { app } = sessionApp(createApp);
    const dir = mkdtempSync(join(tmpdir(), 'session-'));
    writeFileSync(join(dir, 'a.txt'), 'file body');
    app.get('/file', (req: Request, res: Response) => {
      getSession(req).set('from', 'file');
      res.sendFile(join(dir, 'a.txt'));
    });
    app.get('/piped', (req: Request, res: Response) => {
      getSession(req).set('from', 'piped');
      res.type('text/plain');
      createReadStream(join(dir, 'a.txt')).pipe(res);
    });
    for (const path of ['/file', '/piped']) {
      const res = await request(app).get(path).expect(200);
      expect(res.text).toBe('file body');
      expect(cookieOf(res)).toBeDefined();
    }
  });

  it('does not save on a 5xx response', async () => {
    const { app } = sessionApp(createApp);
    const res = await request(app).get('/fail').expect(500);
    expect(cookieOf(res)).toBeUndefined();
  });

  it('deletes the cookie when the session is flushed', async () => {
    const { app } = sessionApp(createApp);
    const first = await request(app).get('/count');
    const res = await request(app)
      .get('/flush')
      .set('Cookie', `sessionid=${valueOf(cookieOf(first))}`)
      .expect(200);
    expect(cookieOf(res)).toBe('sessionid=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax');
    expect(res.headers.vary).toBe('Cookie');
  });

  it('starts an empty session from a tampered cookie, and deletes the cookie once used', async () => {
    const { app } = sessionApp(createApp);
    const first = await request(app).get('/count');
    const value = valueOf(cookieOf(first));
    const tampered = value.slice(0, -2) + (value.endsWith('A') ? 'BB' : 'AA');
    const res = await request(app).get('/read').set('Cookie', `sessionid=${tampered}`).expect(200);
    expect(res.body).toEqual({ visits: null });
    expect(cookieOf(res)).toMatch(/^sessionid=; Max-Age=0/);
  });

  it('honours the cookie options', async () => {
    const { app } = sessionApp(createApp, {
      cookieName: 'sid',
      cookieAge: 60,
      cookieDomain: 'example.com',
      cookiePath: '/app',
      cookieSecure: true,
      cookieHttpOnly: false,
      cookieSameSite: 'Strict',
    });
    const res = await request(app).get('/count');
    expect(cookieOf(res, 'sid')).toMatch(
      /^sid=[^;]+; Max-Age=60; Domain=example.com; Path=\/app; Expires=[^;]+; Secure; SameSite=Strict$/,
    );
  });

  it('writes a browser-session cookie with expireAtBrowserClose', async () => {
    const { app } = sessionApp(createApp, { expireAtBrowserClose: true });
    const res = await request(app).get('/count');
    expect(cookieOf(res)).toMatch(/^sessionid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('renews the cookie on every request with saveEveryRequest', async () => {
    const { app } = sessionApp(createApp, { saveEveryRequest: true });
    const first = await request(app).get('/count');
    const res = await request(app)
      .get('/read')
      .set('Cookie', `sessionid=${valueOf(cookieOf(first))}`);
    expect(cookieOf(res)).toBeDefined();
  });

  it('refuses a value JSON cannot hold, naming the key', async () => {
    const app = createApp();
    app.use(sessionMiddleware({ secretKey: SECRET, store: new SignedCookieSessionStore() }));
    app.get('/', (req, res) => {
      try {
        getSession(req).set('when', new Date() as never);
        res.send('stored');
      } catch (error) {
        res.status(400).send((error as Error).message);
      }
    });
    const res = await request(app).get('/').expect(400);
    expect(res.text).toMatch(/Session value "when" can't be stored/);
  });
});

describe.each(expressVersions)('SessionMiddleware as view middleware on %s', (_label, createApp) => {
  const options = { secretKey: SECRET, store: new SignedCookieSessionStore() };

  it('saves onto the response object under viewMiddleware()', async () => {
    const app = createApp();
    app.use(viewMiddleware(SessionMiddleware.asMiddleware(options)));
    app.get(
      '/',
      view((req) => {
        getSession(req).set('from', 'viewMiddleware');
        return new HttpResponse('ok');
      }),
    );
    const res = await request(app).get('/').expect(200);
    expect(cookieOf(res)).toMatch(/^sessionid=[^;]+; Max-Age=1209600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(res.headers.vary).toBe('Cookie');
  });

  it('as a decorator under the app-wide middleware, saves once', async () => {
    const app = createApp();
    app.use(sessionMiddleware(options));
    app.get(
      '/',
      view((req) => {
        getSession(req).set('n', 1);
        return new HttpResponse('ok');
      }, SessionMiddleware.asMiddleware(options)),
    );
    const res = await request(app).get('/').expect(200);
    expect(
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).filter((c) => c.startsWith('sessionid=')),
    ).toHaveLength(1);
  });
});

describe('sessionMiddleware() options', () => {
  it.each([
    [{}, /needs secretKey/],
    [{ secretKey: '' }, /needs secretKey/],
    [{ secretKey: 'x' }, /needs store/],
    [{ secretKey: 'x', store: new SignedCookieSessionStore(), cookieAge: 1.5 }, /cookieAge is in whole seconds/],
    [{ secretKey: 'x', store: new SignedCookieSessionStore(), cookieSameSite: 'lox' }, /sameSite is invalid/],
  ])('refuses %p', (options, message) => {
    expect(() => sessionMiddleware(options as SessionMiddlewareOptions)).toThrow(message);
  });

  it('getSession() names the fix when no middleware ran', () => {
    expect(() => getSession({} as Request)).toThrow(/mount sessionMiddleware/);
  });

  it('HttpResponseRedirect from a view keeps the session', async () => {
    const app = expressVersions[0]![1]();
    app.use(sessionMiddleware({ secretKey: SECRET, store: new SignedCookieSessionStore() }));
    app.post(
      '/login',
      view((req) => {
        getSession(req).set('_auth_user_id', '1');
        return new HttpResponseRedirect('/');
      }),
    );
    const res = await request(app).post('/login').expect(302);
    expect(cookieOf(res)).toBeDefined();
  });
});
