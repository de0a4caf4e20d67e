/**
 * csrfViewMiddleware() app-wide over real HTTP on Express 4 and 5: every unsafe request to
 * every route after it is checked, plain handlers as much as views; exemptions; the cookie;
 * the template context; the test Client. Django's own cases are in
 * __tests__/django-ports/csrf.port.test.ts, reading forms in csrf.body.test.ts, attacks in
 * csrf.hostile.test.ts.
 */
import type { Express, Request, Response } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  TemplateResponse,
  csrfExempt,
  csrfProtect,
  csrfViewMiddleware,
  ensureCsrfCookie,
  getCsrfToken,
  render,
  requiresCsrfToken,
  rotateCsrfToken,
  view,
  type CsrfOptions,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import { unmaskCipherToken } from '../../lib/middleware/csrf/token.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

const SECRET = 'lcccccccX2kcccccccY2jcccccccssIC';
const MASKED = '2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf';

/** The value of the csrftoken cookie a response sets, or undefined. */
function setCookie(res: request.Response, name = 'csrftoken'): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const found = cookies.find((c) => c.startsWith(`${name}=`));
  return found?.slice(name.length + 1).split(';')[0];
}

describe.each(expressVersions)('csrfViewMiddleware() on %s', (_label, express: AppFactory) => {
  /** An app with the middleware, a counter behind a plain handler, a view, and a form page. */
  function site(options: CsrfOptions = {}) {
    const app = express();
    const ran: string[] = [];
    app.use(csrfViewMiddleware(options));
    app.use(express.urlencoded({ extended: false }));
    app.post('/plain', (_req, res) => {
      ran.push('plain');
      res.send('plain ran');
    });
    app.use(
      '/router',
      express.Router().post('/deep', (_req, res) => void (ran.push('deep'), res.send('deep'))),
    );
    app.post(
      '/view',
      view(() => (ran.push('view'), new HttpResponse('view ran'))),
    );
    app.put('/put', (_req, res) => void (ran.push('put'), res.send('put')));
    app.get('/token', (req, res) => void res.send(getCsrfToken(req)));
    app.get('/quiet', (_req, res) => void res.send('no token'));
    return { app, ran };
  }

  it('refuses an unsafe request without token before any handler runs, plain, routed or view', async () => {
    const { app, ran } = site();
    for (const path of ['/plain', '/router/deep', '/view']) {
      const res = await request(app).post(path).type('form').send({ vote: '1' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('CSRF verification failed. Request aborted.');
    }
    expect((await request(app).put('/put')).status).toBe(403);
    expect((await request(app).delete('/plain')).status).toBe(403);
    expect((await request(app).patch('/plain')).status).toBe(403);
    expect(ran).toEqual([]);
  });

  it('lets through a form carrying the token of its cookie, to a plain handler and a view', async () => {
    const { app, ran } = site();
    const cookie = `csrftoken=${SECRET}`;
    expect(
      (await request(app).post('/plain').set('Cookie', cookie).type('form').send({ csrfmiddlewaretoken: MASKED })).text,
    ).toBe('plain ran');
    expect((await request(app).post('/router/deep').set('Cookie', cookie).set('X-CSRFToken', SECRET)).text).toBe(
      'deep',
    );
    expect((await request(app).post('/view').set('Cookie', cookie).set('X-CSRFToken', MASKED)).text).toBe('view ran');
    expect((await request(app).put('/put').set('Cookie', cookie).set('X-CSRFToken', MASKED)).text).toBe('put');
    expect(ran).toEqual(['plain', 'deep', 'view', 'put']);
  });

  it('never checks GET, HEAD, OPTIONS and TRACE', async () => {
    const { app } = site();
    expect((await request(app).get('/quiet')).status).toBe(200);
    expect((await request(app).head('/quiet')).status).toBe(200);
    expect((await request(app).options('/plain')).status).toBe(200);
  });

  it("sets the 32-character secret in the cookie when a token is used, with Vary: Cookie and Django's attributes", async () => {
    const { app } = site();
    const res = await request(app).get('/token');
    const secret = setCookie(res)!;
    expect(secret).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(res.text).toMatch(/^[a-zA-Z0-9]{64}$/);
    expect(unmaskCipherToken(res.text)).toBe(secret);
    expect(res.headers.vary).toBe('Cookie');
    const header = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(header).toMatch(/Max-Age=31449600/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/HttpOnly|Secure|Domain/);
    // A page that used no token sends no cookie: it stays cacheable.
    expect(setCookie(await request(app).get('/quiet'))).toBeUndefined();
  });

  it('renews the same secret when a page uses the token, and masks it afresh each time', async () => {
    const { app } = site();
    const one = await request(app).get('/token').set('Cookie', `csrftoken=${SECRET}`);
    const two = await request(app).get('/token').set('Cookie', `csrftoken=${SECRET}`);
    expect(setCookie(one)).toBe(SECRET);
    expect(one.text).not.toBe(two.text);
    expect(unmaskCipherToken(two.text)).toBe(SECRET);
  });

  it("follows the cookie options (Django's CSRF_COOKIE_* settings)", async () => {
    const { app } = site({
      cookieName: 'xsrf',
      cookieAge: null,
      cookieDomain: '.example.com',
      cookiePath: '/app/',
      cookieSecure: true,
      cookieHttpOnly: true,
      cookieSameSite: 'Strict',
      headerName: 'X-XSRF-Token',
    });
    const res = await request(app).get('/token');
    const header = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(header).toMatch(
      /^xsrf=[a-zA-Z0-9]{32}; Domain=\.example\.com; Path=\/app\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const secret = setCookie(res, 'xsrf')!;
    expect((await request(app).post('/plain').set('Cookie', `xsrf=${secret}`).set('X-XSRF-Token', secret)).status).toBe(
      200,
    );
    expect((await request(app).post('/plain').set('Cookie', `xsrf=${secret}`).set('X-CSRFToken', secret)).status).toBe(
      403,
    );
  });

  it('answers failureView(req, reason) in place of the page', async () => {
    const reasons: string[] = [];
    const { app } = site({
      failureView: (_req, reason) => {
        reasons.push(reason);
        return new HttpResponse(`refused: ${reason}`, { status: 403 });
      },
    });
    const res = await request(app).post('/plain');
    expect(res.text).toBe('refused: CSRF cookie not set.');
    expect(reasons).toEqual(['CSRF cookie not set.']);
  });

  it('answers a JSON client with problem details, and shows no reason nor token unless debug', async () => {
    const { app } = site();
    const res = await request(app)
      .post('/plain')
      .set('Accept', 'application/json')
      .set('Cookie', `csrftoken=${SECRET}`);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'CSRF verification failed. Request aborted.',
    });
    const page = await request(app)
      .post('/plain')
      .set('Cookie', `csrftoken=${SECRET}`)
      .set('X-CSRFToken', MASKED.replace('2', '3'));
    expect(page.text).not.toContain(SECRET);
    expect(page.text).not.toContain('incorrect');
    const { app: debugApp } = site({ debug: true });
    const debug = await request(debugApp).post('/plain').set('Cookie', `csrftoken=${SECRET}`);
    expect(debug.text).toContain('CSRF token missing.');
  });

  describe('exemptions', () => {
    it('honours csrfExempt on a plain handler (a webhook) and on a view, and on nothing else', async () => {
      const app = express();
      const ran: string[] = [];
      app.use(csrfViewMiddleware());
      app.use(express.json());
      app.post(
        '/hooks/stripe',
        csrfExempt((req: Request, res) => void (ran.push(`hook ${JSON.stringify(req.body)}`), res.send('ok'))),
      );
      app.post('/hooks/view', view(csrfExempt(() => (ran.push('view'), new HttpResponse('ok')))));
      app.post(
        '/hooks/decorated',
        view(() => (ran.push('decorated'), new HttpResponse('ok')), csrfExempt),
      );
      const handler = (_req: Request, res: Response) => void (ran.push('shared'), res.send('ok'));
      app.post('/shared/exempt', csrfExempt(handler));
      app.post('/shared/protected', handler);
      expect((await request(app).post('/hooks/stripe').send({ id: 'evt_1' })).status).toBe(200);
      expect((await request(app).post('/hooks/view')).status).toBe(200);
      expect((await request(app).post('/hooks/decorated')).status).toBe(200);
      expect((await request(app).post('/shared/exempt')).status).toBe(200);
      expect((await request(app).post('/shared/protected')).status).toBe(403);
      expect(ran).toEqual(['hook {"id":"evt_1"}', 'view', 'decorated', 'shared']);
    });

    it('looks into routers mounted after it, and honours csrfExempt in them', async () => {
      const app = express();
      app.use(csrfViewMiddleware());
      const hooks = express.Router();
      hooks.post(
        '/github',
        csrfExempt((_req: Request, res) => void res.send('gh')),
      );
      hooks.post('/other', (_req, res) => void res.send('other'));
      app.use('/hooks', hooks);
      expect((await request(app).post('/hooks/github')).text).toBe('gh');
      expect((await request(app).post('/hooks/other')).status).toBe(403);
    });

    it('never exempts a request that another handler would take first', async () => {
      const app = express();
      let ran = 0;
      app.use(csrfViewMiddleware());
      app.post('/hook', (_req, res) => void (ran++, res.send('not exempt')));
      app.post(
        '/hook',
        csrfExempt((_req: Request, res) => void res.send('exempt')),
      );
      app.use('/legacy', (_req, res) => void (ran++, res.send('legacy')));
      app.post(
        '/legacy/hook',
        csrfExempt((_req: Request, res) => void res.send('exempt')),
      );
      app.all('/any', (_req, res) => void (ran++, res.send('any')));
      app.post(
        '/any',
        csrfExempt((_req: Request, res) => void res.send('exempt')),
      );
      expect((await request(app).post('/hook')).status).toBe(403);
      expect((await request(app).post('/legacy/hook')).status).toBe(403);
      expect((await request(app).post('/any')).status).toBe(403);
      expect(ran).toBe(0);
    });

    it('leaves alone what is mounted before it', async () => {
      const app = express();
      app.post('/early', (_req, res) => void res.send('early'));
      app.use(csrfViewMiddleware());
      app.post('/late', (_req, res) => void res.send('late'));
      expect((await request(app).post('/early')).status).toBe(200);
      expect((await request(app).post('/late')).status).toBe(403);
    });
  });

  describe('templates', () => {
    function templated(): Express {
      const app = useNunjucks(express());
      app.use(csrfViewMiddleware());
      app.get(
        '/render',
        view((req) => render(req, 'csrf/form')),
      );
      app.get(
        '/template',
        view((req) => new TemplateResponse(req, 'csrf/form')),
      );
      app.get('/res-render', (_req, res) => res.render('csrf/form'));
      app.get(
        '/plain',
        view((req) => render(req, 'csrf/plain')),
      );
      return app;
    }

    it.each(['/render', '/template', '/res-render'])(
      'gives %s csrfToken and csrfInput(), one token per page',
      async (path) => {
        const res = await request(templated()).get(path);
        const input = /<input type="hidden" name="csrfmiddlewaretoken" value="([a-zA-Z0-9]{64})">/.exec(res.text);
        expect(input).not.toBeNull();
        const printed = /<p id="token">(\w+)<\/p>\n<p id="again">(\w+)<\/p>/.exec(res.text)!;
        expect(printed[1]).toBe(input![1]);
        expect(printed[2]).toBe(input![1]);
        expect(unmaskCipherToken(input![1]!)).toBe(setCookie(res));
      },
    );

    it('makes no token, and no cookie, for a page that prints none', async () => {
      const res = await request(templated()).get('/plain');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers.vary).toBeUndefined();
    });

    it('takes back the form it printed', async () => {
      const app = templated();
      app.post('/render', (_req, res) => void res.send('accepted'));
      const page = await request(app).get('/render');
      const token = /value="(\w+)"/.exec(page.text)![1]!;
      const res = await request(app)
        .post('/render')
        .set('Cookie', `csrftoken=${setCookie(page)!}`)
        .type('form')
        .send({ csrfmiddlewaretoken: token });
      expect(res.text).toBe('accepted');
    });
  });

  it('rotateCsrfToken(req) gives the next requests a new secret; the old token stops passing', async () => {
    const app = express();
    app.use(csrfViewMiddleware());
    app.post('/login', (req, res) => {
      rotateCsrfToken(req);
      res.send('signed in');
    });
    app.post('/vote', (_req, res) => void res.send('voted'));
    const login = await request(app).post('/login').set('Cookie', `csrftoken=${SECRET}`).set('X-CSRFToken', SECRET);
    const rotated = setCookie(login)!;
    expect(rotated).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(rotated).not.toBe(SECRET);
    expect(
      (await request(app).post('/vote').set('Cookie', `csrftoken=${rotated}`).set('X-CSRFToken', SECRET)).status,
    ).toBe(403);
    expect(
      (await request(app).post('/vote').set('Cookie', `csrftoken=${rotated}`).set('X-CSRFToken', rotated)).status,
    ).toBe(200);
  });

  describe('decorators without the middleware', () => {
    it('csrfProtect checks one view; requiresCsrfToken and ensureCsrfCookie never refuse', async () => {
      const app = express();
      app.post(
        '/protected',
        view(() => new HttpResponse('ok'), csrfProtect),
      );
      app.post(
        '/requires',
        view((req) => new HttpResponse(getCsrfToken(req)), requiresCsrfToken),
      );
      app.get(
        '/ensure',
        view(() => new HttpResponse('page'), ensureCsrfCookie),
      );
      app.post(
        '/open',
        view(() => new HttpResponse('open')),
      );
      expect((await request(app).post('/protected')).status).toBe(403);
      expect(
        (await request(app).post('/protected').set('Cookie', `csrftoken=${SECRET}`).set('X-CSRFToken', MASKED)).status,
      ).toBe(200);
      const requires = await request(app).post('/requires');
      expect(requires.status).toBe(200);
      expect(unmaskCipherToken(requires.text)).toBe(setCookie(requires));
      const ensure = await request(app).get('/ensure');
      expect(setCookie(ensure)).toMatch(/^[a-zA-Z0-9]{32}$/);
      expect(ensure.headers.vary).toBe('Cookie');
      expect((await request(app).post('/open')).status).toBe(200);
    });

    it('checks once and sets one cookie when the middleware and csrfProtect meet', async () => {
      const app = express();
      app.use(csrfViewMiddleware());
      app.post(
        '/both',
        view((req) => new HttpResponse(getCsrfToken(req)), csrfProtect, ensureCsrfCookie),
      );
      const res = await request(app).post('/both').set('Cookie', `csrftoken=${SECRET}`).set('X-CSRFToken', MASKED);
      expect(res.status).toBe(200);
      expect(res.headers['set-cookie']).toHaveLength(1);
      expect(setCookie(res)).toBe(SECRET);
    });
  });

  describe('the test Client', () => {
    it("passes the check unless enforceCsrfChecks, as Django's", async () => {
      const { app } = site();
      expect((await new Client(app).post('/plain', { vote: '1' })).statusCode).toBe(200);
      const strict = new Client(app, { enforceCsrfChecks: true });
      expect((await strict.post('/plain', { vote: '1' })).statusCode).toBe(403);
      const token = (await strict.get('/token')).text;
      expect((await strict.post('/plain', { vote: '1', csrfmiddlewaretoken: token })).statusCode).toBe(200);
      expect((await strict.post('/view', undefined, { headers: { 'X-CSRFToken': token } })).statusCode).toBe(200);
    });

    it('cannot be told to skip the check by anything a request carries', async () => {
      const { app, ran } = site();
      for (const headers of [
        { 'X-Dont-Enforce-Csrf-Checks': '1' },
        { Cookie: '_dont_enforce_csrf_checks=1' },
        { 'X-Requested-With': 'XMLHttpRequest' },
        { 'Sec-Fetch-Site': 'same-origin' },
        { 'Sec-Fetch-Site': 'none' },
      ]) {
        expect(
          (await request(app).post('/plain').set(headers).type('form').send({ _dont_enforce_csrf_checks: '1' })).status,
        ).toBe(403);
      }
      expect(ran).toEqual([]);
    });
  });

  it.each([
    [{ trustedOrigins: ['example.com'] }, /option trustedOrigins must list origins with their scheme/],
    [{ cookieSameSite: 'Sometimes' }, /option cookieSameSite must be 'Lax', 'Strict', 'None' or false/],
    [{ bodyLimit: -1 }, /option bodyLimit must be a number of bytes \(got -1\)/],
    [{ failureView: 'csrf_failure' }, /option failureView must be a view/],
  ])('refuses bad options, naming them (%#)', (options, message) => {
    expect(() => csrfViewMiddleware(options as CsrfOptions)).toThrow(message);
  });
});
