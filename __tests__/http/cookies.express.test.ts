/**
 * Cookies as an Express app writes and reads them: an object value is `j:` + JSON, which
 * cookie-parser reads back (signed or not); `maxAge` is seconds, and a value that only makes
 * sense as Express's milliseconds is refused with the fix; `maxAgeMs` takes milliseconds.
 * Over HTTP on Express 4 and 5.
 */
import cookieParser from 'cookie-parser';
import request from 'supertest';
import { HttpResponse, JsonResponse, MAX_COOKIE_AGE, ResponseCookie, httpErrorHandler, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('cookies as Express writes them, on %s', (_label, createApp) => {
  function roundTrip() {
    const app = createApp();
    app.set('env', 'test');
    app.use(cookieParser('s3cret'));
    app.get(
      '/set',
      view(() =>
        new HttpResponse().setCookie('prefs', { theme: 'dark', sizes: [1, 2] }).setSignedCookie('user', { id: 7 }),
      ),
    );
    app.get(
      '/read',
      view((req) => new JsonResponse({ cookies: req.cookies, signed: req.signedCookies })),
    );
    app.get(
      '/ms',
      view(() => new HttpResponse().setCookie('c', 'v', { maxAge: 60000 })),
    );
    app.use(httpErrorHandler({ debug: true, log: () => {} }));
    return app;
  }

  it('an object cookie and a signed object cookie come back from cookie-parser as the objects', async () => {
    const agent = request.agent(roundTrip());
    const set = await agent.get('/set');
    expect(set.headers['set-cookie']?.[0]).toBe(
      'prefs=j%3A%7B%22theme%22%3A%22dark%22%2C%22sizes%22%3A%5B1%2C2%5D%7D; Path=/',
    );
    const read = await agent.get('/read');
    expect(read.body).toEqual({ cookies: { prefs: { theme: 'dark', sizes: [1, 2] } }, signed: { user: { id: 7 } } });
  });

  it('maxAge: 60000 ported from Express is a 500 whose message gives both fixes', async () => {
    const res = await request(roundTrip()).get('/ms').set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body.detail).toBe(
      "RangeError: option maxAge is in seconds (Django's max_age), and 60000 reads as milliseconds (Express's maxAge): 1 minute in milliseconds, but 16.7 hours in seconds. Write maxAge: 60 (seconds) or maxAgeMs: 60000.",
    );
  });
});

describe('maxAge is seconds: values that only make sense as milliseconds are refused', () => {
  const DAY = 86_400;
  it.each([
    ['a minute in ms', 60_000],
    ['five minutes in ms', 300_000],
    ['15 minutes in ms', 900_000],
    ['30 minutes in ms', 1_800_000],
    ['an hour in ms', 3_600_000],
    ['12 hours in ms', 43_200_000],
    ['a day in ms', 86_400_000],
    ['a week in ms', 604_800_000],
    ['30 days in ms', 2_592_000_000],
    ['a year in ms', 31_536_000_000],
  ])('refuses %s (%d)', (_what, value) => {
    expect(() => new HttpResponse().setCookie('c', 'v', { maxAge: value })).toThrow(RangeError);
    expect(() => new HttpResponse().setCookie('c', 'v', { maxAge: value })).toThrow(
      `Write maxAge: ${value / 1000} (seconds) or maxAgeMs: ${value}`,
    );
  });

  it.each([
    ['a minute', 60],
    ['an hour', 3_600],
    ['a day', DAY],
    ["Django's SESSION_COOKIE_AGE, two weeks", 1_209_600],
    ['25 days', 25 * DAY],
    ['100 days', 100 * DAY],
    ["Django's CSRF_COOKIE_AGE, 52 weeks", 31_449_600],
    ['a year', 365 * DAY],
    ['400 days, the longest a browser keeps', MAX_COOKIE_AGE],
    ['two years (cut to 400 days by browsers)', 2 * 365 * DAY],
    ['a second and a half (truncated)', 1.5],
    ['zero', 0],
    ['a negative age (expired)', -1],
  ])('takes %s (%d)', (_what, value) => {
    expect(() => new HttpResponse().setCookie('c', 'v', { maxAge: value })).not.toThrow();
  });

  it('names the 400-day cap when the value is past it in seconds', () => {
    expect(() => new HttpResponse().setCookie('c', 'v', { maxAge: 86_400_000 })).toThrow(
      "option maxAge is in seconds (Django's max_age), and 86400000 reads as milliseconds (Express's maxAge): 1 day in milliseconds, but 1000 days in seconds. Write maxAge: 86400 (seconds) or maxAgeMs: 86400000; browsers keep a cookie 400 days at most (maxAge: 34560000).",
    );
  });

  it('a lifetime the package computes is not second-guessed: a ResponseCookie made directly takes any maxAge', () => {
    expect(new ResponseCookie('sessionid', 'k', { maxAge: 60_000 }).maxAge).toBe(60_000);
  });

  it('maxAgeMs takes milliseconds as Express does: Max-Age the whole seconds, Expires the exact time', () => {
    const before = Date.now();
    const cookie = new HttpResponse().setCookie('c', 'v', { maxAgeMs: 90_500 }).cookies['c'];
    expect(cookie?.maxAge).toBe(90);
    const expires = cookie?.expires?.getTime() ?? 0;
    expect(expires).toBeGreaterThanOrEqual(before + 90_500);
    expect(String(cookie)).toMatch(/; Max-Age=90; /);
  });

  it('refuses maxAgeMs with maxAge or expires, and maxAgeMs that is not a number', () => {
    const r = new HttpResponse();
    expect(() => r.setCookie('c', 'v', { maxAge: 1, maxAgeMs: 1000 })).toThrow(
      "'maxAge' and 'maxAgeMs' can't be used together",
    );
    expect(() => r.setCookie('c', 'v', { expires: new Date(), maxAgeMs: 1000 })).toThrow(
      "'expires' and 'maxAgeMs' can't be used together.",
    );
    expect(() => r.setCookie('c', 'v', { maxAgeMs: '1000' as never })).toThrow(
      'option maxAgeMs is invalid: it must be a finite number of milliseconds (got "1000").',
    );
  });

  it('a Django-signed cookie holds text: an object is refused there, naming JSON.stringify', () => {
    expect(() => new HttpResponse().setSignedCookie('c', { a: 1 }, { format: 'django', secret: 'k' })).toThrow(
      /^Invalid cookie value: a Django-signed cookie holds text; serialise objects with JSON.stringify\(\) first/,
    );
  });

  it("refuses an object that JSON can't encode, naming why", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => new HttpResponse().setCookie('c', cyclic)).toThrow(/this one can't be encoded/);
  });
});
