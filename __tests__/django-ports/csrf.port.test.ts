/**
 * Django 5.2's tests/csrf_tests/tests.py, ported case by case over real HTTP on Express 4 and
 * 5: CsrfFunctionTests; CsrfViewMiddlewareTestMixin, run twice as in Django (the secret in the
 * cookie, then in the session with useSessions, through the package's sessionMiddleware);
 * CsrfViewMiddlewareTests; CsrfViewMiddlewareUseSessionsTests; CsrfInErrorHandlingViewsTests.
 * Django's views (tests/csrf_tests/views.py) are the fixture routes below.
 *
 * Django's request attributes map to requests as a browser sends them: `_is_secure_override`
 * is `X-Forwarded-Proto: https` under `trust proxy`, `HTTP_HOST` the `Host` header,
 * `SERVER_PORT` the port in `Host` (Express has no server port apart from the host; see
 * docs/csrf.md), `ALLOWED_HOSTS` nothing (Express has no such list; Django's host grammar is
 * still checked), a log record the reason given to `failureView`.
 */
import net, { type AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import request from 'supertest';
import {
  HttpResponse,
  MiddlewareMixin,
  SignedCookieSessionStore,
  csrfExempt,
  csrfProtect,
  csrfViewMiddleware,
  decoratorFromMiddleware,
  ensureCsrfCookie,
  getCsrfToken,
  getSession,
  render,
  requiresCsrfToken,
  rotateCsrfToken,
  sessionMiddleware,
  view,
  type CookieOptions,
  type CsrfOptions,
  type ViewResult,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import {
  CSRF_ALLOWED_CHARS,
  CSRF_SECRET_LENGTH,
  CSRF_TOKEN_LENGTH,
  InvalidTokenFormat,
  checkTokenFormat,
  doesTokenMatch,
  maskCipherSecret,
  unmaskCipherToken,
} from '../../lib/middleware/csrf/token.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import { useNunjucks } from '../helpers/nunjucks.js';

const TEST_SECRET = 'lcccccccX2kcccccccY2jcccccccssIC';
const MASKED_TEST_SECRET1 = '1bcdefghij2bcdefghij3bcdefghij4bcdefghij5bcdefghij6bcdefghijABCD';
const MASKED_TEST_SECRET2 = '2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf';
const REASON_NO_CSRF_COOKIE = 'CSRF cookie not set.';
const REASON_CSRF_TOKEN_MISSING = 'CSRF token missing.';
const REASON_BAD_ORIGIN = (origin: string) => `Origin checking failed - ${origin} does not match any trusted origins.`;
const POST_FORM = '<html><body><h1>\u00a1Unicode!<form method="post"><input type="text"></form></body></html>';
const SECRET_KEY = 'django-insecure-csrf-port-tests';

/** CsrfFunctionTestMixin.assertMaskedSecretCorrect. */
function assertMaskedSecretCorrect(masked: string, secret: string): void {
  expect(masked).toHaveLength(CSRF_TOKEN_LENGTH);
  expect(secret).toHaveLength(CSRF_SECRET_LENGTH);
  expect([...masked].every((c) => CSRF_ALLOWED_CHARS.includes(c))).toBe(true);
  expect(unmaskCipherToken(masked)).toBe(secret);
}

describe('CsrfFunctionTests', () => {
  it('test_unmask_cipher_token', () => {
    const cases: Array<[string, string]> = [
      [TEST_SECRET, MASKED_TEST_SECRET1],
      [TEST_SECRET, MASKED_TEST_SECRET2],
      ['a'.repeat(32), 'vFioG3XOLyGyGsPRFyB9iYUs341ufzIEvFioG3XOLyGyGsPRFyB9iYUs341ufzIE'],
      ['a'.repeat(32), 'a'.repeat(64)],
      ['a'.repeat(32), 'b'.repeat(64)],
      ['b'.repeat(32), 'a'.repeat(32) + 'b'.repeat(32)],
      ['b'.repeat(32), 'b'.repeat(32) + 'c'.repeat(32)],
      ['c'.repeat(32), 'a'.repeat(32) + 'c'.repeat(32)],
    ];
    for (const [secret, masked] of cases) expect(unmaskCipherToken(masked)).toBe(secret);
  });

  it('test_mask_cipher_secret', () => {
    for (const secret of ['a'.repeat(32), TEST_SECRET, 'da4SrUiHJYoJ0HYQ0vcgisoIuFOxx4ER']) {
      assertMaskedSecretCorrect(maskCipherSecret(secret), secret);
    }
  });

  it('test_check_token_format_valid', () => {
    for (const token of [TEST_SECRET, MASKED_TEST_SECRET1, 'a'.repeat(64)])
      expect(checkTokenFormat(token)).toBeUndefined();
  });

  it('test_check_token_format_invalid', () => {
    for (const [token, message] of [
      ['*'.repeat(64), 'has invalid characters'],
      ['a'.repeat(16), 'has incorrect length'],
    ] as const) {
      expect(() => checkTokenFormat(token)).toThrow(InvalidTokenFormat);
      expect(() => checkTokenFormat(token)).toThrow(message);
    }
  });

  it('test_does_token_match', () => {
    const cases: Array<[[string, string], boolean]> = [
      [[MASKED_TEST_SECRET1, TEST_SECRET], true],
      [[MASKED_TEST_SECRET2, TEST_SECRET], true],
      [['a'.repeat(64), unmaskCipherToken('a'.repeat(64))], true],
      [[TEST_SECRET, TEST_SECRET], true],
      [['a'.repeat(32), 'a'.repeat(32)], true],
      [['a'.repeat(32), TEST_SECRET], false],
      [['a'.repeat(64), TEST_SECRET], false],
    ];
    for (const [[token, secret], expected] of cases) expect(doesTokenMatch(token, secret)).toBe(expected);
  });

  it('test_does_token_match_wrong_token_length', () => {
    expect(() => doesTokenMatch('a'.repeat(16), TEST_SECRET)).toThrow(RangeError);
  });
});

/** The value a response's Set-Cookie gives `name`, or undefined. */
function cookieSet(res: request.Response, name: string): string | undefined {
  const header = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return header
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
    .split(';')[0];
}

/** The csrfmiddlewaretoken a page holds (Django's `_check_token_present`). */
function tokenIn(text: string): string {
  const match = /name="csrfmiddlewaretoken" value="(.*?)"/.exec(text);
  if (!match) throw new Error(`Could not find a csrfmiddlewaretoken value in: ${text}`);
  return match[1]!;
}

/** The mode of CsrfViewMiddlewareTestMixin: where the secret lives. */
interface Mode {
  name: string;
  useSessions: boolean;
}

describe.each(expressVersions)('%s', (_label, express: AppFactory) => {
  describe.each<Mode>([
    { name: 'CsrfViewMiddlewareTests', useSessions: false },
    { name: 'CsrfViewMiddlewareUseSessionsTests', useSessions: true },
  ])('$name (CsrfViewMiddlewareTestMixin)', ({ useSessions }) => {
    /** Django's settings for one test, and the app of tests/csrf_tests/views.py under CsrfViewMiddleware. */
    function site(options: CsrfOptions = {}) {
      const reasons: string[] = [];
      const app = useNunjucks(express());
      app.set('trust proxy', 'loopback');
      app.use(sessionMiddleware({ secretKey: SECRET_KEY, store: new SignedCookieSessionStore() }));
      // The fixture's own door: Django's tests put the secret in request.session directly.
      app.get('/__seed', (req, res) => {
        getSession(req).set('_csrftoken', req.query.secret as string);
        res.send('seeded');
      });
      app.get('/__read', (req, res) => void res.json({ secret: getSession(req).get('_csrftoken') ?? false }));
      app.use(
        csrfViewMiddleware({
          useSessions,
          failureView: (_req, reason) => {
            reasons.push(reason);
            return new HttpResponse(reason, { status: 403 });
          },
          ...options,
        }),
      );
      app.use(express.urlencoded({ extended: false }));
      app.all(
        '/post_form_view',
        view(() => new HttpResponse(POST_FORM)),
      );
      app.all('/exempt/post_form_view', view(csrfExempt(() => new HttpResponse(POST_FORM))));
      app.all(
        '/token_view',
        view((req) => render(req, 'csrf/token')),
      );
      app.all('/exempt/token_view', view(csrfExempt((req: Request) => render(req, 'csrf/token'))));
      app.all(
        '/non_token_view_using_request_processor',
        view((req) => render(req, 'csrf/plain')),
      );
      return { app, reasons };
    }

    interface Sent {
      method?: string;
      path?: string;
      cookie?: string | null;
      postToken?: string;
      metaToken?: string;
      tokenHeader?: string;
      secure?: boolean;
      headers?: Record<string, string>;
    }

    /** Django's `_get_csrf_cookie_request` (cookie defaults to MASKED_TEST_SECRET1), sent through `app`. */
    async function send(app: Express, sent: Sent = {}): Promise<request.Response & { sessionCookie?: string }> {
      const {
        method = 'GET',
        path = '/post_form_view',
        cookie = MASKED_TEST_SECRET1,
        postToken,
        metaToken,
        secure,
        headers = {},
      } = sent;
      const cookies: string[] = [];
      let sessionCookie: string | undefined;
      if (cookie !== null) {
        if (useSessions) {
          const seeded = await request(app).get('/__seed').query({ secret: cookie });
          sessionCookie = cookieSet(seeded, 'sessionid');
          cookies.push(`sessionid=${sessionCookie!}`);
        } else {
          cookies.push(`csrftoken=${cookie}`);
        }
      }
      let req = request(app)[method.toLowerCase() as 'post'](path).set(headers);
      if (cookies.length > 0) req = req.set('Cookie', cookies.join('; '));
      if (metaToken !== undefined) req = req.set(sent.tokenHeader ?? 'X-CSRFToken', metaToken);
      if (secure) req = req.set('X-Forwarded-Proto', 'https');
      if (postToken !== undefined) req = req.type('form').send({ csrfmiddlewaretoken: postToken });
      const res = (await req) as request.Response & { sessionCookie?: string };
      const after = cookieSet(res, 'sessionid') ?? sessionCookie;
      if (after !== undefined) res.sessionCookie = after;
      return res;
    }

    /** Django's `_read_csrf_cookie`: the secret the response leaves, or false. */
    async function readCsrfCookie(
      app: Express,
      res: request.Response & { sessionCookie?: string },
    ): Promise<string | false> {
      if (!useSessions) return cookieSet(res, 'csrftoken') ?? false;
      if (res.sessionCookie === undefined) return false;
      const read = await request(app).get('/__read').set('Cookie', `sessionid=${res.sessionCookie}`);
      return (read.body as { secret: string | false }).secret;
    }

    const post = (extra: Sent = {}): Sent => ({ method: 'POST', ...extra });
    const withToken = (extra: Sent = {}): Sent => post({ postToken: MASKED_TEST_SECRET2, ...extra });

    it('test_process_response_get_token_not_used', async () => {
      const { app } = site();
      const res = await send(app, { path: '/non_token_view_using_request_processor', cookie: null });
      expect(await readCsrfCookie(app, res)).toBe(false);
    });

    it('test_no_csrf_cookie', async () => {
      const { app, reasons } = site();
      expect((await send(app, post({ cookie: null }))).status).toBe(403);
      expect(reasons).toEqual([REASON_NO_CSRF_COOKIE]);
    });

    it('test_csrf_cookie_bad_or_missing_token', async () => {
      const cases: Array<[string | undefined, string | undefined, string]> = [
        [undefined, undefined, REASON_CSRF_TOKEN_MISSING],
        ['a'.repeat(16), undefined, 'CSRF token from POST has incorrect length.'],
        ['*'.repeat(64), undefined, 'CSRF token from POST has invalid characters.'],
        ['a'.repeat(64), undefined, 'CSRF token from POST incorrect.'],
        [undefined, 'a'.repeat(16), "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."],
        [undefined, '*'.repeat(64), "CSRF token from the 'X-Csrftoken' HTTP header has invalid characters."],
        [undefined, 'a'.repeat(64), "CSRF token from the 'X-Csrftoken' HTTP header incorrect."],
      ];
      for (const [postToken, metaToken, expected] of cases) {
        const { app, reasons } = site();
        const res = await send(
          app,
          post({
            ...(postToken === undefined ? {} : { postToken }),
            ...(metaToken === undefined ? {} : { metaToken }),
          }),
        );
        expect(res.status).toBe(403);
        expect(reasons).toEqual([expected]);
      }
    });

    it('test_csrf_cookie_bad_token_custom_header', async () => {
      const { app, reasons } = site({ headerName: 'X-CSRFToken-Customized' });
      expect((await send(app, post({ metaToken: 'a'.repeat(16), tokenHeader: 'X-CSRFToken-Customized' }))).status).toBe(
        403,
      );
      expect(reasons).toEqual(["CSRF token from the 'X-Csrftoken-Customized' HTTP header has incorrect length."]);
    });

    it('test_process_request_csrf_cookie_and_token', async () => {
      expect((await send(site().app, withToken())).text).toBe(POST_FORM);
    });

    it('test_process_request_csrf_cookie_no_token_exempt_view', async () => {
      expect((await send(site().app, post({ path: '/exempt/post_form_view' }))).status).toBe(200);
    });

    it('test_csrf_token_in_header', async () => {
      expect((await send(site().app, post({ metaToken: MASKED_TEST_SECRET2 }))).status).toBe(200);
    });

    it('test_csrf_token_in_header_with_customized_name', async () => {
      const { app } = site({ headerName: 'X-CSRFToken-Customized' });
      expect(
        (await send(app, post({ metaToken: MASKED_TEST_SECRET2, tokenHeader: 'X-CSRFToken-Customized' }))).status,
      ).toBe(200);
    });

    it('test_put_and_delete_rejected', async () => {
      const { app, reasons } = site();
      expect((await send(app, { method: 'PUT', cookie: null })).status).toBe(403);
      expect((await send(app, { method: 'DELETE', cookie: null })).status).toBe(403);
      expect(reasons).toEqual([REASON_NO_CSRF_COOKIE, REASON_NO_CSRF_COOKIE]);
    });

    it('test_put_and_delete_allowed', async () => {
      const { app } = site();
      expect((await send(app, { method: 'PUT', metaToken: MASKED_TEST_SECRET2 })).status).toBe(200);
      expect((await send(app, { method: 'DELETE', metaToken: MASKED_TEST_SECRET2 })).status).toBe(200);
    });

    it('test_token_node_no_csrf_cookie', async () => {
      const { app } = site();
      const res = await send(app, { path: '/token_view', cookie: null });
      const secret = await readCsrfCookie(app, res);
      assertMaskedSecretCorrect(tokenIn(res.text), secret as string);
    });

    it('test_token_node_empty_csrf_cookie', async () => {
      const { app } = site();
      const res = await send(app, { path: '/token_view', cookie: '' });
      const secret = await readCsrfCookie(app, res);
      assertMaskedSecretCorrect(tokenIn(res.text), secret as string);
    });

    it('test_token_node_with_csrf_cookie', async () => {
      assertMaskedSecretCorrect(tokenIn((await send(site().app, { path: '/token_view' })).text), TEST_SECRET);
    });

    it('test_get_token_for_exempt_view', async () => {
      assertMaskedSecretCorrect(tokenIn((await send(site().app, { path: '/exempt/token_view' })).text), TEST_SECRET);
    });

    it('test_token_node_with_new_csrf_cookie', async () => {
      const { app } = site();
      const res = await send(app, { path: '/token_view', cookie: null });
      assertMaskedSecretCorrect(tokenIn(res.text), (await readCsrfCookie(app, res)) as string);
    });

    it('test_cookie_not_reset_on_accepted_request', async () => {
      const { app } = site();
      const res = await send(app, withToken({ path: '/token_view' }));
      expect(await readCsrfCookie(app, res)).toBe(TEST_SECRET);
    });

    it('test_https_bad_referer', async () => {
      const { app } = site();
      const res = await send(
        app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://www.evil.org/somepage' } }),
      );
      expect(res.status).toBe(403);
      expect(res.text).toContain(
        'Referer checking failed - https://www.evil.org/somepage does not match any trusted origins.',
      );
    });

    it('test_https_no_referer', async () => {
      const res = await send(site().app, withToken({ secure: true }));
      expect(res.status).toBe(403);
      expect(res.text).toContain('Referer checking failed - no Referer.');
    });

    it('test_https_malformed_host', async () => {
      const { app, reasons } = site();
      const res = await send(
        app,
        post({
          cookie: null,
          secure: true,
          path: '/token_view',
          headers: { Host: '@malformed', Referer: 'https://www.evil.org/somepage' },
        }),
      );
      expect(res.status).toBe(403);
      expect(reasons).toEqual([
        'Referer checking failed - https://www.evil.org/somepage does not match any trusted origins.',
      ]);
    });

    it('test_origin_malformed_host', async () => {
      const { app, reasons } = site();
      const res = await send(
        app,
        post({
          cookie: null,
          secure: true,
          path: '/token_view',
          headers: { Host: '@malformed', Origin: 'https://www.evil.org' },
        }),
      );
      expect(res.status).toBe(403);
      expect(reasons).toEqual([REASON_BAD_ORIGIN('https://www.evil.org')]);
    });

    it('test_https_malformed_referer', async () => {
      const malformed = 'Referer checking failed - Referer is malformed.';
      const cases: Array<[string, string]> = [
        ['http://http://www.example.com/', 'Referer checking failed - Referer is insecure while host is secure.'],
        ['', malformed],
        ['ØBöIß', malformed],
        ['//example.com/', malformed],
        ['https://', malformed],
        ['https://[', malformed],
      ];
      for (const [referer, expected] of cases) {
        const res = await send(site().app, withToken({ secure: true, headers: { Referer: referer } }));
        expect(res.status).toBe(403);
        expect(res.text).toBe(expected);
      }
    });

    it('test_https_good_referer', async () => {
      const res = await send(
        site().app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://www.example.com/somepage' } }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_good_referer_2', async () => {
      const res = await send(
        site().app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://www.example.com' } }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_good_referer_malformed_host', async () => {
      const { app } = site({ trustedOrigins: ['https://dashboard.example.com'] });
      const res = await send(
        app,
        withToken({ secure: true, headers: { Host: '@malformed', Referer: 'https://dashboard.example.com/somepage' } }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_csrf_trusted_origin_allowed', async () => {
      const { app } = site({ trustedOrigins: ['https://dashboard.example.com'] });
      const res = await send(
        app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://dashboard.example.com' } }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_csrf_wildcard_trusted_origin_allowed', async () => {
      const { app } = site({ trustedOrigins: ['https://*.example.com'] });
      const res = await send(
        app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://dashboard.example.com' } }),
      );
      expect(res.status).toBe(200);
    });

    const domain = useSessions ? { sessionCookieDomain: '.example.com' } : { cookieDomain: '.example.com' };

    it('test_https_good_referer_behind_proxy', async () => {
      const res = await send(
        site(domain).app,
        withToken({
          secure: true,
          headers: {
            Host: '10.0.0.2',
            Referer: 'https://www.example.com/somepage',
            'X-Forwarded-Host': 'www.example.com',
            'X-Forwarded-Port': '443',
          },
        }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_good_referer_matches_cookie_domain', async () => {
      const res = await send(
        site(domain).app,
        withToken({ secure: true, headers: { Host: 'www.example.com', Referer: 'https://foo.example.com/' } }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_good_referer_matches_cookie_domain_with_different_port', async () => {
      const res = await send(
        site(domain).app,
        withToken({
          secure: true,
          headers: { Host: 'www.example.com:4443', Referer: 'https://foo.example.com:4443/' },
        }),
      );
      expect(res.status).toBe(200);
    });

    it('test_https_reject_insecure_referer', async () => {
      const res = await send(
        site(domain).app,
        withToken({ secure: true, headers: { Referer: 'http://example.com/' } }),
      );
      expect(res.status).toBe(403);
      expect(res.text).toBe('Referer checking failed - Referer is insecure while host is secure.');
    });

    it('test_reading_post_data_raises_unreadable_post_error', async () => {
      const { app, reasons } = site();
      expect((await send(app, withToken())).status).toBe(200);
      // A body the client stops sending: Django's UnreadablePostError.
      const server = app.listen(0);
      try {
        const { port } = server.address() as AddressInfo;
        await new Promise<void>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(
              `POST /post_form_view HTTP/1.1\r\nHost: x\r\nCookie: csrftoken=${MASKED_TEST_SECRET1}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\ncsrfmiddlewaretoken=${MASKED_TEST_SECRET2}`,
            );
            setTimeout(() => socket.destroy(), 50);
          });
          socket.on('close', () => resolve());
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      // With sessions the cookie above is no session: the secret is missing first.
      expect(reasons).toEqual([useSessions ? REASON_NO_CSRF_COOKIE : REASON_CSRF_TOKEN_MISSING]);
    });

    it('test_reading_post_data_raises_os_error (departure: any failure reading the body refuses, 403, rather than a 500)', async () => {
      const { app, reasons } = site();
      const res = await send(app, post({ headers: { 'Content-Type': 'multipart/form-data' } }));
      expect(res.status).toBe(403);
      expect(reasons).toEqual([REASON_CSRF_TOKEN_MISSING]);
    });

    it('test_bad_origin_bad_domain', async () => {
      const { app, reasons } = site();
      expect(
        (await send(app, withToken({ headers: { Host: 'www.example.com', Origin: 'https://www.evil.org' } }))).status,
      ).toBe(403);
      expect(reasons).toEqual([REASON_BAD_ORIGIN('https://www.evil.org')]);
    });

    it('test_bad_origin_null_origin', async () => {
      const { app, reasons } = site();
      expect((await send(app, withToken({ headers: { Host: 'www.example.com', Origin: 'null' } }))).status).toBe(403);
      expect(reasons).toEqual([REASON_BAD_ORIGIN('null')]);
    });

    it('test_bad_origin_bad_protocol', async () => {
      const { app, reasons } = site();
      expect(
        (
          await send(
            app,
            withToken({ secure: true, headers: { Host: 'www.example.com', Origin: 'http://example.com' } }),
          )
        ).status,
      ).toBe(403);
      expect(reasons).toEqual([REASON_BAD_ORIGIN('http://example.com')]);
    });

    it('test_bad_origin_csrf_trusted_origin_bad_protocol', async () => {
      const { app, reasons } = site({
        trustedOrigins: [
          'http://no-match.com',
          'https://*.example.com',
          'http://*.no-match.com',
          'http://*.no-match-2.com',
        ],
      });
      expect(
        (
          await send(
            app,
            withToken({ secure: true, headers: { Host: 'www.example.com', Origin: 'http://foo.example.com' } }),
          )
        ).status,
      ).toBe(403);
      expect(reasons).toEqual([REASON_BAD_ORIGIN('http://foo.example.com')]);
    });

    it('test_bad_origin_cannot_be_parsed', async () => {
      const { app, reasons } = site();
      expect((await send(app, withToken({ headers: { Host: 'www.example.com', Origin: 'https://[' } }))).status).toBe(
        403,
      );
      expect(reasons).toEqual([REASON_BAD_ORIGIN('https://[')]);
    });

    it('test_good_origin_insecure', async () => {
      expect(
        (await send(site().app, withToken({ headers: { Host: 'www.example.com', Origin: 'http://www.example.com' } })))
          .status,
      ).toBe(200);
    });

    it('test_good_origin_secure', async () => {
      expect(
        (
          await send(
            site().app,
            withToken({ secure: true, headers: { Host: 'www.example.com', Origin: 'https://www.example.com' } }),
          )
        ).status,
      ).toBe(200);
    });

    it('test_good_origin_csrf_trusted_origin_allowed', async () => {
      const { app } = site({ trustedOrigins: ['https://dashboard.example.com'] });
      expect(
        (
          await send(
            app,
            withToken({ secure: true, headers: { Host: 'www.example.com', Origin: 'https://dashboard.example.com' } }),
          )
        ).status,
      ).toBe(200);
    });

    it('test_good_origin_wildcard_csrf_trusted_origin_allowed', async () => {
      const { app } = site({ trustedOrigins: ['https://*.example.com'] });
      expect(
        (
          await send(
            app,
            withToken({ secure: true, headers: { Host: 'www.example.com', Origin: 'https://foo.example.com' } }),
          )
        ).status,
      ).toBe(200);
    });

    it('test_masked_unmasked_combinations', async () => {
      // With sessions, Django tests masked secrets only ("Bare secrets are not allowed when CSRF_USE_SESSIONS=True").
      const cookies = useSessions ? [MASKED_TEST_SECRET1] : [TEST_SECRET, MASKED_TEST_SECRET1];
      for (const cookie of cookies) {
        for (const [postToken, metaToken] of [
          [TEST_SECRET, undefined],
          [MASKED_TEST_SECRET2, undefined],
          [undefined, TEST_SECRET],
          [undefined, MASKED_TEST_SECRET2],
        ] as const) {
          const res = await send(
            site().app,
            post({
              path: '/token_view',
              cookie,
              ...(postToken ? { postToken } : {}),
              ...(metaToken ? { metaToken } : {}),
            }),
          );
          expect(res.status).toBe(200);
        }
      }
    });
  });

  describe('views of tests/csrf_tests/views.py without the middleware', () => {
    /** Records the secrets set_cookie() was called with (Django's TestingHttpResponse). */
    class TestingHttpResponse extends HttpResponse {
      readonly cookiesSet: string[] = [];
      override setCookie(name: string, value: string | number = '', opts?: CookieOptions): this {
        if (name === 'csrftoken') this.cookiesSet.push(String(value));
        return super.setCookie(name, value, opts);
      }
    }
    /** Django's `_CsrfCookieRotator`, and its decorator `csrf_rotating_token`. */
    class CsrfCookieRotator extends MiddlewareMixin {
      override processResponse(req: Request, response: ViewResult): ViewResult {
        rotateCsrfToken(req);
        return response;
      }
    }
    const csrfRotatingToken = decoratorFromMiddleware(CsrfCookieRotator, 'csrfRotatingToken');
    let last: TestingHttpResponse | undefined;
    const respond = (text: string) => (last = new TestingHttpResponse(text));

    function views(): Express {
      const app = express();
      app.all(
        '/protected_view',
        view(() => respond('OK'), csrfProtect),
      );
      app.all(
        '/ensure_csrf_cookie_view',
        view(() => respond(''), ensureCsrfCookie),
      );
      app.all(
        '/ensured_and_protected_view',
        view(() => respond('OK'), csrfProtect, ensureCsrfCookie),
      );
      app.all(
        '/sandwiched_rotate_token_view',
        view(() => respond('OK'), csrfProtect, csrfRotatingToken, ensureCsrfCookie),
      );
      app.all(
        '/requires_csrf_token_view',
        view(
          (req) => new HttpResponse(`<input name="csrfmiddlewaretoken" value="${getCsrfToken(req)}">`),
          requiresCsrfToken,
        ),
      );
      return app;
    }
    const postWithToken = (app: Express, path: string, cookie = MASKED_TEST_SECRET1) =>
      request(app)
        .post(path)
        .set('Cookie', `csrftoken=${cookie}`)
        .type('form')
        .send({ csrfmiddlewaretoken: MASKED_TEST_SECRET2 });

    it('test_rotate_token_triggers_second_reset', async () => {
      const res = await postWithToken(views(), '/sandwiched_rotate_token_view');
      expect(res.text).toBe('OK');
      const actual = cookieSet(res, 'csrftoken')!;
      expect(last!.cookiesSet.slice(-2)).toEqual([TEST_SECRET, actual]);
      expect(actual).not.toBe(TEST_SECRET);
    });

    it('test_get_token_for_requires_csrf_token_view', async () => {
      const res = await request(views())
        .get('/requires_csrf_token_view')
        .set('Cookie', `csrftoken=${MASKED_TEST_SECRET1}`);
      assertMaskedSecretCorrect(tokenIn(res.text), TEST_SECRET);
    });

    it('test_ensures_csrf_cookie_no_logging (and test_ensures_csrf_cookie_no_middleware)', async () => {
      const res = await request(views()).get('/ensure_csrf_cookie_view');
      expect(cookieSet(res, 'csrftoken')).toMatch(/^[a-zA-Z0-9]{32}$/);
      expect(res.headers.vary).toContain('Cookie');
    });

    it('test_ensures_csrf_cookie_with_middleware', async () => {
      const app = express();
      app.use(csrfViewMiddleware());
      app.get(
        '/ensure_csrf_cookie_view',
        view(() => new HttpResponse(''), ensureCsrfCookie),
      );
      const res = await request(app).get('/ensure_csrf_cookie_view');
      expect(cookieSet(res, 'csrftoken')).toMatch(/^[a-zA-Z0-9]{32}$/);
      expect(res.headers.vary).toContain('Cookie');
    });

    it('test_set_cookie_called_only_once', async () => {
      const res = await postWithToken(views(), '/ensured_and_protected_view');
      expect(res.text).toBe('OK');
      expect(cookieSet(res, 'csrftoken')).toBe(TEST_SECRET);
      expect(last!.cookiesSet).toEqual([TEST_SECRET]);
    });

    it('test_invalid_cookie_replaced_on_GET', async () => {
      const res = await request(views()).get('/protected_view').set('Cookie', 'csrftoken=badvalue');
      expect(res.text).toBe('OK');
      expect(cookieSet(res, 'csrftoken')).toMatch(/^[a-zA-Z0-9]{32}$/);
    });

    it('test_valid_secret_not_replaced_on_GET', async () => {
      for (const cookie of [TEST_SECRET, MASKED_TEST_SECRET1]) {
        const res = await request(views()).get('/protected_view').set('Cookie', `csrftoken=${cookie}`);
        expect(res.text).toBe('OK');
        expect(cookieSet(res, 'csrftoken')).toBeUndefined();
      }
    });
  });

  describe('CsrfViewMiddlewareTests (the cookie only)', () => {
    function tokenSite(options: CsrfOptions = {}) {
      const reasons: string[] = [];
      const app = useNunjucks(express());
      app.use(
        csrfViewMiddleware({
          failureView: (_req, reason) => (reasons.push(reason), new HttpResponse(reason, { status: 403 })),
          ...options,
        }),
      );
      app.use(express.urlencoded({ extended: false }));
      app.all(
        '/token_view',
        view((req) => render(req, 'csrf/token')),
      );
      app.all(
        '/post_form_view',
        view(() => new HttpResponse(POST_FORM)),
      );
      return { app, reasons };
    }
    const cookieOptions = {
      cookieName: 'csrfcookie',
      cookieDomain: '.example.com',
      cookiePath: '/test/',
      cookieSecure: true,
      cookieHttpOnly: true,
    };

    it('test_csrf_cookie_age', async () => {
      const res = await request(tokenSite({ ...cookieOptions, cookieAge: 123 }).app).get('/token_view');
      expect((res.headers['set-cookie'] as unknown as string[])[0]).toMatch(
        /^csrfcookie=\w{32}; Max-Age=123; Domain=\.example\.com; Path=\/test\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      );
    });

    it('test_csrf_cookie_age_none', async () => {
      const res = await request(tokenSite({ ...cookieOptions, cookieAge: null }).app).get('/token_view');
      expect((res.headers['set-cookie'] as unknown as string[])[0]).not.toMatch(/Max-Age|Expires/);
    });

    it('test_csrf_cookie_samesite', async () => {
      const res = await request(tokenSite({ cookieName: 'csrfcookie', cookieSameSite: 'Strict' }).app).get(
        '/token_view',
      );
      expect((res.headers['set-cookie'] as unknown as string[])[0]).toMatch(/SameSite=Strict$/);
    });

    it('test_bad_csrf_cookie_characters', async () => {
      const { app, reasons } = tokenSite();
      await request(app)
        .post('/post_form_view')
        .set('Cookie', `csrftoken=${'*'.repeat(64)}`);
      expect(reasons).toEqual(['CSRF cookie has invalid characters.']);
    });

    it('test_bad_csrf_cookie_length', async () => {
      const { app, reasons } = tokenSite();
      await request(app)
        .post('/post_form_view')
        .set('Cookie', `csrftoken=${'a'.repeat(16)}`);
      expect(reasons).toEqual(['CSRF cookie has incorrect length.']);
    });

    it('test_process_view_token_too_long', async () => {
      const res = await request(tokenSite().app)
        .get('/token_view')
        .set('Cookie', `csrftoken=${'x'.repeat(8000)}`);
      expect(cookieSet(res, 'csrftoken')).toHaveLength(CSRF_SECRET_LENGTH);
    });

    it('test_process_view_token_invalid_chars', async () => {
      const token = ('!@#' + MASKED_TEST_SECRET2).slice(0, CSRF_TOKEN_LENGTH);
      const res = await request(tokenSite().app).get('/token_view').set('Cookie', `csrftoken=${token}`);
      expect(cookieSet(res, 'csrftoken')).toHaveLength(CSRF_SECRET_LENGTH);
      expect(cookieSet(res, 'csrftoken')).not.toBe(token);
    });

    it('test_masked_secret_accepted_and_replaced', async () => {
      const res = await request(tokenSite().app)
        .post('/token_view')
        .set('Cookie', `csrftoken=${MASKED_TEST_SECRET1}`)
        .type('form')
        .send({ csrfmiddlewaretoken: MASKED_TEST_SECRET2 });
      expect(cookieSet(res, 'csrftoken')).toBe(TEST_SECRET);
      assertMaskedSecretCorrect(tokenIn(res.text), TEST_SECRET);
    });

    it('test_bare_secret_accepted_and_not_replaced', async () => {
      const res = await request(tokenSite().app)
        .post('/token_view')
        .set('Cookie', `csrftoken=${TEST_SECRET}`)
        .type('form')
        .send({ csrfmiddlewaretoken: MASKED_TEST_SECRET2 });
      expect(cookieSet(res, 'csrftoken')).toBe(TEST_SECRET);
      assertMaskedSecretCorrect(tokenIn(res.text), TEST_SECRET);
    });
  });

  describe('CsrfViewMiddlewareUseSessionsTests (the session only)', () => {
    function sessionSite(withSessions = true) {
      const app = useNunjucks(express());
      const errors: string[] = [];
      if (withSessions) app.use(sessionMiddleware({ secretKey: SECRET_KEY, store: new SignedCookieSessionStore() }));
      app.use(csrfViewMiddleware({ useSessions: true }));
      app.get(
        '/ensure_csrf_cookie_view',
        view(() => new HttpResponse(''), ensureCsrfCookie),
      );
      app.get('/__read', (req, res) => void res.json({ secret: getSession(req).get('_csrftoken') ?? false }));
      app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
        errors.push(err.message);
        res.status(500).send('error');
      });
      return { app, errors };
    }

    it('test_no_session_on_request', async () => {
      const { app, errors } = sessionSite(false);
      expect((await request(app).get('/ensure_csrf_cookie_view')).status).toBe(500);
      expect(errors).toEqual([
        'CSRF useSessions is enabled, but req.session is not set. The session middleware (sessionMiddleware() or express-session) must come before csrfViewMiddleware().',
      ]);
    });

    it('test_process_response_get_token_used', async () => {
      const { app } = sessionSite();
      const res = await request(app).get('/ensure_csrf_cookie_view');
      const read = await request(app)
        .get('/__read')
        .set('Cookie', `sessionid=${cookieSet(res, 'sessionid')!}`);
      expect((read.body as { secret: string }).secret).toMatch(/^[a-zA-Z0-9]{32}$/);
      expect(cookieSet(res, 'csrftoken')).toBeUndefined();
    });

    it('test_session_modify', async () => {
      const { app } = sessionSite();
      const first = await request(app).get('/ensure_csrf_cookie_view');
      const session = cookieSet(first, 'sessionid')!;
      expect(session).toBeDefined();
      const second = await request(app).get('/ensure_csrf_cookie_view').set('Cookie', `sessionid=${session}`);
      expect(cookieSet(second, 'sessionid')).toBeUndefined();
    });
  });

  describe('CsrfInErrorHandlingViewsTests', () => {
    it('test_csrf_token_on_404_stays_constant', async () => {
      const app = express();
      app.use(csrfViewMiddleware());
      // Django's handler404 of csrf_token_error_handler_urls: the token, with status 599.
      app.use(view((req) => new HttpResponse(getCsrfToken(req), { status: 599 }), requiresCsrfToken));
      const client = new Client(app);
      const first = await client.get('/does not exist/');
      expect(first.statusCode).toBe(599);
      const second = await client.get('/does not exist/');
      expect(second.statusCode).toBe(599);
      assertMaskedSecretCorrect(first.text, unmaskCipherToken(second.text));
    });
  });
});
