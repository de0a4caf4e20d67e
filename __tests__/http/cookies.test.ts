/**
 * Django's cookie tests (tests/responses/test_cookie.py = CK, tests/httpwrappers/tests.py
 * CookieTests = HW) and the inventory's §1.12 [run] table, ported to setCookie,
 * deleteCookie and setSignedCookie, with the clock frozen by jest's fake timers.
 *
 * Deliberate deviations from Django, pinned below:
 * - Set-Cookie is serialised by the jshttp `cookie` module (as Express's res.cookie does):
 *   values are URI-encoded (cookie-parser decodes them), not Python-quoted; attributes come
 *   in its order (Max-Age, Domain, Path, Expires, HttpOnly, Secure, Partitioned, SameSite)
 *   with `Expires` capitalised, and SameSite's casing normalised. An empty value is `n=`,
 *   not `n=""`. Only `format: 'django'` signed cookies use Python's quoting, so that Django
 *   reads them.
 * - Setting a cookie again replaces it whole (Django reuses the Morsel, keeping old
 *   Max-Age/Secure/… attributes).
 * - `maxAge` is a number of seconds (no timedelta); an invalid value throws TypeError.
 */
import { HttpResponse, type ResponseCookie } from '../../lib/index.js';
import { b62Decode, b62Encode } from '../../lib/http/django-signer.js';
import {
  cookieSignerSalt,
  djangoSignCookie,
  djangoUnsignCookie,
  legacyCookieSignerSalt,
} from '../../lib/http/django-signing.js';
import { pythonCookieQuote, pythonCookieUnquote } from '../../lib/http/python-cookies.js';
import { BadSignature, SignatureExpired } from '../../lib/http/errors.js';
import { unsign } from 'cookie-signature';

/** 2023-11-14T22:13:20Z, the inventory's frozen clock. */
const T = 1_700_000_000;

function setCookieHeader(configure: (r: HttpResponse) => unknown, name: string): string {
  const r = new HttpResponse();
  configure(r);
  const cookie = r.cookies.get(name);
  if (cookie === undefined) throw new Error(`no cookie ${name}`);
  return cookie.toString();
}

beforeEach(() => {
  jest.useFakeTimers({ now: T * 1000 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('setCookie() Set-Cookie strings (§1.12 [run] table, clock at 1700000000)', () => {
  it.each<[string, (r: HttpResponse) => unknown, string]>([
    ['name, value', (r) => r.setCookie('n', 'value'), 'n=value; Path=/'],
    ['no value', (r) => r.setCookie('n'), 'n=; Path=/'],
    [
      'every option',
      (r) =>
        r.setCookie('n', 'value', {
          maxAge: 3600,
          path: '/p',
          domain: '.example.com',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
        }),
      'n=value; Max-Age=3600; Domain=.example.com; Path=/p; Expires=Tue, 14 Nov 2023 23:13:20 GMT; HttpOnly; Secure; SameSite=Lax',
    ],
    // CK::SetCookieTests.test_max_age_int: Max-Age truncated, Expires from the untruncated value
    [
      'maxAge 10.6',
      (r) => r.setCookie('n', 'v', { maxAge: 10.6 }),
      'n=v; Max-Age=10; Path=/; Expires=Tue, 14 Nov 2023 22:13:30 GMT',
    ],
    [
      'an expires string',
      (r) => r.setCookie('n', 'v', { expires: 'Wed, 21 Oct 2015 07:28:00 GMT' }),
      'n=v; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    ],
    // §1.12: a string expires together with maxAge: both are sent, no error
    [
      'an expires string and maxAge',
      (r) => r.setCookie('n', 'v', { expires: 'Wed, 21 Oct 2015 07:28:00 GMT', maxAge: 5 }),
      'n=v; Max-Age=5; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    ],
    ['path: null', (r) => r.setCookie('n', 'v', { path: null }), 'n=v'],
    ['a number value', (r) => r.setCookie('n', 123), 'n=123; Path=/'],
    // Deviation: URI-encoding instead of Python's "…" quoting with octal escapes
    [
      'a value with , ; " \\ and é',
      (r) => r.setCookie('n', 'An,awkward;value "q" \\ é'),
      'n=An%2Cawkward%3Bvalue%20%22q%22%20%5C%20%C3%A9; Path=/',
    ],
    ['a space', (r) => r.setCookie('n', 'a b'), 'n=a%20b; Path=/'],
    ['an equals sign', (r) => r.setCookie('n', 'a=b'), 'n=a%3Db; Path=/'],
    ['CJK text', (r) => r.setCookie('n', '清風'), 'n=%E6%B8%85%E9%A2%A8; Path=/'],
    [
      'sameSite None',
      (r) => r.setCookie('n', 'v', { sameSite: 'None', secure: true }),
      'n=v; Path=/; Secure; SameSite=None',
    ],
    ['sameSite strict', (r) => r.setCookie('n', 'v', { sameSite: 'strict' }), 'n=v; Path=/; SameSite=Strict'],
    [
      'partitioned',
      (r) => r.setCookie('n', 'v', { secure: true, partitioned: true }),
      'n=v; Path=/; Secure; Partitioned',
    ],
  ])('%s', (_label, configure, expected) => {
    expect(setCookieHeader(configure, 'n')).toBe(expected);
  });

  // HW::CookieTests.test_encode: no raw ; or , in the value
  it('never lets ; or , through in a value', () => {
    const header = setCookieHeader((r) => r.setCookie('test', 'An,awkward;value'), 'test');
    expect(header.split('; ')[0]).toBe('test=An%2Cawkward%3Bvalue');
  });

  it('is chainable', () => {
    const r = new HttpResponse();
    expect(r.setCookie('a', '1').setCookie('b', '2').deleteCookie('c')).toBe(r);
    expect(r.cookies.values().map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('setCookie() attributes (CK::SetCookieTests)', () => {
  // CK::SetCookieTests.test_near_expiration, test_aware_expiration (a JS Date is always "aware")
  it('derives Max-Age from an expires Date, losing the fraction of time that passed', () => {
    const expires = new Date(Date.now() + 10_000);
    jest.advanceTimersByTime(1); // Django's test sleeps 0.001 s
    const r = new HttpResponse().setCookie('datetime', 'value', { expires });
    const cookie = r.cookies.get('datetime') as ResponseCookie;
    expect(cookie.maxAge).toBe(10);
    expect(cookie.expires?.getTime()).toBe(T * 1000 + 1 + 10_000);
  });

  // Django's arithmetic exactly: max_age = whole seconds of (expires - now + 1 s)
  it.each([
    [10_000, 11],
    [9_500, 10],
    [0, 1],
    [-999, 0],
    [-100_000, 0],
  ])('gives Max-Age for an expires %d ms ahead of a frozen clock as %d', (ahead, maxAge) => {
    const cookie = new HttpResponse().setCookie('n', 'v', { expires: new Date(Date.now() + ahead) }).cookies.get('n');
    expect(cookie?.maxAge).toBe(maxAge);
    expect(cookie?.expires?.getTime()).toBe(Date.now() + maxAge * 1000);
  });

  // CK::SetCookieTests.test_far_expiration: 04:05:06 or 04:05:07 (the +1 s)
  it.each([
    [0, 'Wed, 01 Jan 2025 04:05:07 GMT'],
    [500, 'Wed, 01 Jan 2025 04:05:06 GMT'],
  ])('keeps a far expires Date within a second (clock +%d ms)', (offset, header) => {
    jest.setSystemTime(T * 1000 + offset);
    const expires = new Date(Date.UTC(2025, 0, 1, 4, 5, 6));
    const cookie = new HttpResponse().setCookie('datetime', 'value', { expires }).cookies.get('datetime');
    expect(cookie?.toString()).toContain(`Expires=${header}`);
  });

  // CK::SetCookieTests.test_max_age_expiration
  it('sets Expires from maxAge', () => {
    const cookie = new HttpResponse().setCookie('max_age', 'value', { maxAge: 10 }).cookies.get('max_age');
    expect(cookie?.maxAge).toBe(10);
    expect(cookie?.expires?.toUTCString()).toBe(new Date((T + 10) * 1000).toUTCString());
    expect(cookie?.toString()).toContain('Expires=Tue, 14 Nov 2023 22:13:30 GMT');
  });

  // CK::SetCookieTests.test_max_age_int
  it('truncates maxAge', () => {
    expect(new HttpResponse().setCookie('max_age', 'value', { maxAge: 10.6 }).cookies.get('max_age')?.maxAge).toBe(10);
  });

  // CK::SetCookieTests.test_max_age_with_expires (ValueError in Django)
  it('refuses an expires Date together with maxAge', () => {
    const r = new HttpResponse();
    expect(() => r.setCookie('max_age', 'value', { expires: new Date(Date.UTC(2000, 0, 1)), maxAge: 3600 })).toThrow(
      TypeError,
    );
    expect(() => r.setCookie('max_age', 'value', { expires: new Date(Date.UTC(2000, 0, 1)), maxAge: 3600 })).toThrow(
      /^'expires' and 'maxAge' can't be used together\.$/,
    );
    expect(r.cookies.has('max_age')).toBe(false);
  });

  // CK::SetCookieTests.test_httponly_cookie
  it('sets HttpOnly', () => {
    const cookie = new HttpResponse().setCookie('example', 'val', { httpOnly: true }).cookies.get('example');
    expect(cookie?.toString()).toContain('; HttpOnly');
    expect(cookie?.httpOnly).toBe(true);
  });

  // CK::SetCookieTests.test_unicode_cookie
  it('keeps the value as given', () => {
    expect(new HttpResponse().setCookie('test', '清風').cookies.get('test')?.value).toBe('清風');
  });

  // CK::SetCookieTests.test_samesite: the casing given is kept on the cookie
  it.each([['None'], ['Lax'], ['strict']] as const)('keeps sameSite %j as given', (sameSite) => {
    expect(new HttpResponse().setCookie('example', 'val', { sameSite }).cookies.get('example')?.sameSite).toBe(
      sameSite,
    );
  });

  // CK::SetCookieTests.test_invalid_samesite
  it.each([['invalid'], [''], [true]])('refuses sameSite %p', (sameSite) => {
    expect(() => new HttpResponse().setCookie('example', 'val', { sameSite: sameSite as never })).toThrow(TypeError);
    expect(() => new HttpResponse().setCookie('example', 'val', { sameSite: sameSite as never })).toThrow(
      /^option sameSite is invalid: it must be "Lax", "Strict" or "None" \(got .*\)\.$/,
    );
  });

  it('exposes every attribute on the cookie', () => {
    const cookie = new HttpResponse()
      .setCookie('n', 'v', {
        maxAge: 60,
        path: '/p',
        domain: 'example.com',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        partitioned: true,
      })
      .cookies.get('n');
    expect(cookie).toMatchObject({
      name: 'n',
      value: 'v',
      maxAge: 60,
      path: '/p',
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      partitioned: true,
      needsSecret: false,
    });
    expect(cookie?.expires).toEqual(new Date((T + 60) * 1000));
  });

  it('defaults path to / and leaves the rest out', () => {
    expect(new HttpResponse().setCookie('n', 'v').cookies.get('n')).toMatchObject({
      path: '/',
      maxAge: undefined,
      expires: undefined,
      domain: undefined,
      secure: false,
      httpOnly: false,
      sameSite: undefined,
      partitioned: false,
    });
  });

  // Django: http.cookies.CookieError("Illegal key 'bad key'")
  it.each([['bad key'], ['a;b'], ['a=b'], ['']])('refuses the cookie name %j', (name) => {
    expect(() => new HttpResponse().setCookie(name, 'v')).toThrow(TypeError);
    expect(() => new HttpResponse().setCookie(name, 'v')).toThrow(/argument name is invalid/);
  });

  it('refuses a name that is not a string', () => {
    expect(() => new HttpResponse().setCookie(5 as never, 'v')).toThrow(
      /^Invalid cookie name: it must be a string \(got 5\)\.$/,
    );
  });

  it.each([[{}], [[1]]])('writes the object value %p as j: and its JSON, as Express does', (value) => {
    expect(new HttpResponse().setCookie('n', value).cookies['n']?.value).toBe(`j:${JSON.stringify(value)}`);
  });

  it('refuses a symbol value, naming what a value may be', () => {
    expect(() => new HttpResponse().setCookie('n', Symbol('x') as never)).toThrow(
      /^Invalid cookie value: cookie values must be strings, numbers or objects \(written as j: and their JSON, as Express does\) \(got Symbol\(x\)\)\.$/,
    );
  });

  it.each([[NaN], [Infinity], ['60']])('refuses maxAge %p', (maxAge) => {
    expect(() => new HttpResponse().setCookie('n', 'v', { maxAge: maxAge as never })).toThrow(
      /^option maxAge is invalid: it must be a finite number of seconds \(got .*\)\.$/,
    );
  });

  it.each([
    [
      'an unparsable string',
      'tomorrow',
      /^option expires is invalid: use a Date or an HTTP date \(got "tomorrow"\)\.$/,
    ],
    ['an Invalid Date', new Date(NaN), /^option expires is invalid: an Invalid Date\.$/],
    ['a number', 5, /^option expires is invalid: use a Date or an HTTP date string \(got 5\)\.$/],
  ])('refuses expires as %s', (_label, expires, message) => {
    expect(() => new HttpResponse().setCookie('n', 'v', { expires: expires as never })).toThrow(message);
  });

  it.each([
    ['domain', { domain: 'a;b' }],
    ['path', { path: 'a;b' }],
  ])('refuses a %s with ; where the cookie is set', (option, opts) => {
    expect(() => new HttpResponse().setCookie('n', 'v', opts)).toThrow(new RegExp(`option ${option} is invalid`));
  });
});

describe('re-setting a cookie', () => {
  // CK::SetCookieTests.test_create_cookie_after_deleting_cookie
  it('after deleteCookie() gives a live cookie again', () => {
    const r = new HttpResponse();
    r.setCookie('c', 'old-value');
    expect(r.cookies.get('c')?.expires).toBeUndefined();
    r.deleteCookie('c');
    expect(r.cookies.get('c')?.expires?.toUTCString()).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    r.setCookie('c', 'new-value');
    expect(r.cookies.get('c')?.expires).toBeUndefined();
    // Deviation: Django's reused Morsel keeps Max-Age=0, so its cookie stays deleted [run].
    expect(r.cookies.get('c')?.toString()).toBe('c=new-value; Path=/');
  });

  // Deviation: Django's Morsel reuse gives `a=2; Max-Age=5; Path=/` [run].
  it('replaces the cookie whole, attributes included', () => {
    const r = new HttpResponse();
    r.setCookie('a', '1', { maxAge: 5, secure: true, domain: 'example.com' });
    r.setCookie('a', '2');
    expect(r.cookies.get('a')?.toString()).toBe('a=2; Path=/');
  });

  it('keeps the position the name was first set at', () => {
    const r = new HttpResponse();
    r.setCookie('a', '1').setCookie('b', '2').setCookie('a', '3');
    expect(r.cookies.values().map((c) => `${c.name}=${c.value}`)).toEqual(['a=3', 'b=2']);
  });
});

describe('deleteCookie() (CK::DeleteCookieTests, §1.12 [run] table)', () => {
  // CK::DeleteCookieTests.test_default
  it('expires the cookie at the epoch with Max-Age=0 on path /', () => {
    const cookie = new HttpResponse().deleteCookie('c').cookies.get('c');
    expect(cookie?.expires?.toUTCString()).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(cookie?.maxAge).toBe(0);
    expect(cookie?.path).toBe('/');
    expect(cookie?.secure).toBe(false);
    expect(cookie?.domain).toBeUndefined();
    expect(cookie?.sameSite).toBeUndefined();
    expect(cookie?.value).toBe('');
  });

  it.each<[string, (r: HttpResponse) => unknown, string, string]>([
    ['c', (r) => r.deleteCookie('c'), 'c', 'c=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
    // CK::DeleteCookieTests.test_delete_cookie_secure_prefix
    [
      '__Host-c',
      (r) => r.deleteCookie('__Host-c'),
      '__Host-c',
      '__Host-c=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    ],
    [
      '__Secure-c',
      (r) => r.deleteCookie('__Secure-c'),
      '__Secure-c',
      '__Secure-c=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    ],
    // CK::DeleteCookieTests.test_delete_cookie_secure_samesite_none
    [
      'c, sameSite none',
      (r) => r.deleteCookie('c', { sameSite: 'none' }),
      'c',
      'c=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=None',
    ],
    [
      'c, path, domain and sameSite Lax',
      (r) => r.deleteCookie('c', { path: '/x', domain: 'example.com', sameSite: 'Lax' }),
      'c',
      'c=; Max-Age=0; Domain=example.com; Path=/x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax',
    ],
    [
      'c, path: null',
      (r) => r.deleteCookie('c', { path: null }),
      'c',
      'c=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ],
  ])('%s', (_label, configure, name, expected) => {
    expect(setCookieHeader(configure, name)).toBe(expected);
  });

  // CK::DeleteCookieTests.test_delete_cookie_secure_prefix, test_delete_cookie_samesite
  it('is Secure for __Secure- and __Host- names and keeps the sameSite given', () => {
    const r = new HttpResponse()
      .deleteCookie('__Secure-c')
      .deleteCookie('__Host-c')
      .deleteCookie('c', { sameSite: 'lax' });
    expect(r.cookies.get('__Secure-c')?.secure).toBe(true);
    expect(r.cookies.get('__Host-c')?.secure).toBe(true);
    expect(r.cookies.get('c')?.sameSite).toBe('lax');
    expect(r.cookies.get('c')?.secure).toBe(false);
  });

  it('does not depend on the clock', () => {
    jest.setSystemTime(0);
    expect(setCookieHeader((r) => r.deleteCookie('c'), 'c')).toBe(
      'c=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });

  it('refuses a bad sameSite', () => {
    expect(() => new HttpResponse().deleteCookie('c', { sameSite: 'x' as never })).toThrow(
      /option sameSite is invalid: .*\(got "x"\)/,
    );
  });
});

describe('cookies (the jar)', () => {
  it('reads cookies by index and with get/has/values, in first-set order', () => {
    const r = new HttpResponse().setCookie('b', '1').setCookie('a', '2');
    expect(r.cookies['b']?.value).toBe('1');
    expect(r.cookies.get('a')?.value).toBe('2');
    expect(r.cookies.has('a')).toBe(true);
    expect(r.cookies.has('z')).toBe(false);
    expect(r.cookies.get('z')).toBeUndefined();
    expect(Object.keys(r.cookies)).toEqual(['b', 'a']);
    expect(r.cookies.values().map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('is empty on a new response', () => {
    expect(new HttpResponse().cookies.values()).toEqual([]);
    expect(Object.keys(new HttpResponse().cookies)).toEqual([]);
  });

  // Bug fixed: a cookie named "values" used to replace the jar's values() and break sending.
  it.each([['get'], ['has'], ['values']])('keeps its methods when a cookie is named %j', (name) => {
    const r = new HttpResponse().setCookie(name, 'x').setCookie('other', 'y');
    expect(r.cookies.get(name)?.value).toBe('x');
    expect(r.cookies.has(name)).toBe(true);
    expect(r.cookies.values().map((c) => c.name)).toEqual([name, 'other']);
    expect(typeof r.cookies[name]).toBe('function');
  });

  // Bug fixed: values() followed Object.keys order, which puts integer-like names first.
  it('keeps first-set order for integer-like names in values()', () => {
    const r = new HttpResponse().setCookie('b', '1').setCookie('2', '2').setCookie('1', '3');
    expect(r.cookies.values().map((c) => c.name)).toEqual(['b', '2', '1']);
  });

  it('keeps a cookie named __proto__ as a cookie', () => {
    const r = new HttpResponse().setCookie('__proto__', 'x');
    expect(r.cookies.get('__proto__')?.value).toBe('x');
    expect(Object.keys(r.cookies)).toEqual(['__proto__']);
    expect(r.cookies.values()).toHaveLength(1);
  });

  it('keeps jars of different responses apart', () => {
    const a = new HttpResponse().setCookie('a', '1');
    const b = new HttpResponse();
    expect(b.cookies.has('a')).toBe(false);
    expect(a.cookies.values()).toHaveLength(1);
  });
});

describe('setSignedCookie()', () => {
  describe("format: 'django' (Django 5.2.17's set_signed_cookie, SECRET_KEY s3cr3t, time 1700000000)", () => {
    // Django 5.2.17's output for set_signed_cookie('c', 'hello') at 1700000000
    it('signs as Django does', () => {
      const r = new HttpResponse().setSignedCookie('c', 'hello', { format: 'django', secret: 's3cr3t' });
      expect(r.cookies.get('c')?.value).toBe('hello:1r31eq:wn2SCykqc6sM8ZBUlnpqCMUKJSudrmZg5kNGYE7XWRk');
      expect(r.cookies.get('c')?.toString()).toBe('c=hello:1r31eq:wn2SCykqc6sM8ZBUlnpqCMUKJSudrmZg5kNGYE7XWRk; Path=/');
    });

    it('salts with the salt and the name (Django 5.2.17), and takes the cookie options', () => {
      const r = new HttpResponse().setSignedCookie('c', 'hello', {
        format: 'django',
        secret: 's3cr3t',
        salt: 'x',
        maxAge: 60,
        httpOnly: true,
      });
      expect(r.cookies.get('c')?.value).toBe('hello:1r31eq:rsEHOrEOsAdl5vPOaV2IqgV4BBuWmjhYpYPyWqGegPQ');
      // Django: c=…; expires=Tue, 14 Nov 2023 22:14:20 GMT; HttpOnly; Max-Age=60; Path=/
      expect(r.cookies.get('c')?.toString()).toBe(
        'c=hello:1r31eq:rsEHOrEOsAdl5vPOaV2IqgV4BBuWmjhYpYPyWqGegPQ; Max-Age=60; Path=/; Expires=Tue, 14 Nov 2023 22:14:20 GMT; HttpOnly',
      );
    });

    // Django 5.2.17's output for set_signed_cookie('d', 'a b;c', salt='x') at 1700000000
    it("quotes the value as Python's http.cookies does, so Django reads it", () => {
      const r = new HttpResponse().setSignedCookie('d', 'a b;c', { format: 'django', secret: 's3cr3t', salt: 'x' });
      expect(r.cookies.get('d')?.toString()).toBe(
        'd="a b\\073c:1r31eq:69RRNvUlnHQVr_C3TA9w68jxno0txvzXgNL18hukKVI"; Path=/',
      );
    });

    it('changes the timestamp with the clock', () => {
      jest.setSystemTime((T + 62) * 1000);
      const value = new HttpResponse()
        .setSignedCookie('c', 'hello', { format: 'django', secret: 's3cr3t' })
        .cookies.get('c')?.value;
      expect(value?.split(':')[1]).toBe(b62Encode(T + 62));
    });

    it('needs the secret', () => {
      expect(() => new HttpResponse().setSignedCookie('c', 'v', { format: 'django' })).toThrow(TypeError);
      expect(() => new HttpResponse().setSignedCookie('c', 'v', { format: 'django' })).toThrow(
        /^setSignedCookie\("c", …, \{ format: 'django' \}\) needs \{ secret \}: Django's SECRET_KEY\.$/,
      );
    });

    // Bug fixed: such a value used to fail only when Node wrote the header.
    it('refuses text beyond Latin-1, which no header may carry raw', () => {
      expect(() => new HttpResponse().setSignedCookie('c', '清風', { format: 'django', secret: 's' })).toThrow(
        /^Invalid cookie value for format 'django': Django-signed cookie values must be Latin-1 text.* \(got "清風"\)\.$/,
      );
      expect(
        new HttpResponse().setSignedCookie('c', 'é', { format: 'django', secret: 's' }).cookies.get('c')?.toString(),
      ).toMatch(/^c="\\351:1r31eq:[\w-]+"; Path=\/$/);
    });
  });

  describe("format: 'express' (the default: cookie-parser's signed cookies)", () => {
    it('signs as res.cookie(…, { signed: true }) does, with the secret given', () => {
      const cookie = new HttpResponse().setSignedCookie('c', 'hello', { secret: 's3cr3t' }).cookies.get('c');
      expect(cookie?.needsSecret).toBe(false);
      expect(cookie?.value.startsWith('s:')).toBe(true);
      expect(unsign((cookie?.value ?? '').slice(2), 's3cr3t')).toBe('hello');
      expect(cookie?.toString()).toBe(`c=${encodeURIComponent(cookie?.value ?? '')}; Path=/`);
      expect(cookie?.toString()).toBe('c=s%3Ahello.ayNlPwjHIHJVTl3%2B%2Bbcu%2FgH8%2FnJKlQaJ6ZHnvXCJ6z4; Path=/');
    });

    it('waits for the request secret when none is given', () => {
      const cookie = new HttpResponse()
        .setSignedCookie('c', 'hello', { maxAge: 60 })
        .cookies.get('c') as ResponseCookie;
      expect(cookie.needsSecret).toBe(true);
      expect(cookie.value).toBe('hello');
      expect(cookie.serialize('s3cr3t')).toBe(
        'c=s%3Ahello.ayNlPwjHIHJVTl3%2B%2Bbcu%2FgH8%2FnJKlQaJ6ZHnvXCJ6z4; Max-Age=60; Path=/; Expires=Tue, 14 Nov 2023 22:14:20 GMT',
      );
      expect(() => cookie.toString()).toThrow(
        /^setSignedCookie\("c"\) has no secret: pass \{ secret \} to setSignedCookie\(\), or install cookie-parser with a secret/,
      );
    });

    it.each([
      ['salt', { salt: 'x', secret: 's' }, /^option salt is only used with format: 'django'\.$/],
      ['an empty secret', { secret: '' }, /^option secret is invalid: it must be a non-empty string \(got ""\)\.$/],
      ['a non-string secret', { secret: 5 }, /^option secret is invalid: it must be a non-empty string \(got 5\)\.$/],
      [
        'an unknown format',
        { format: 'rails', secret: 's' },
        /^option format is invalid: it must be "express" or "django" \(got "rails"\)\.$/,
      ],
    ])('refuses %s', (_label, opts, message) => {
      expect(() => new HttpResponse().setSignedCookie('c', 'v', opts as never)).toThrow(TypeError);
      expect(() => new HttpResponse().setSignedCookie('c', 'v', opts as never)).toThrow(message);
    });
  });
});

describe('Django signing helpers', () => {
  it.each([
    [0, '0'],
    [61, 'z'],
    [62, '10'],
    [-62, '-10'],
    [T, '1r31eq'],
  ])('b62Encode(%d) is %j and b62Decode reverses it', (n, text) => {
    expect(b62Encode(n)).toBe(text);
    expect(b62Decode(text)).toBe(n);
  });

  it('b62Decode gives NaN for text that is not base62', () => {
    expect(b62Decode('a_b')).toBeNaN();
  });

  it('djangoSignCookie reproduces the vector at the frozen time', () => {
    expect(djangoSignCookie('c', 'hello', 's3cr3t', '')).toBe(
      'hello:1r31eq:wn2SCykqc6sM8ZBUlnpqCMUKJSudrmZg5kNGYE7XWRk',
    );
  });

  it.each([
    ['', 'c', 'django.http.cookies.v2:0:c'],
    ['x', 'c', 'django.http.cookies.v2:1:xc'],
    ['bc', 'a', 'django.http.cookies.v2:2:bca'],
    ['c', 'ab', 'django.http.cookies.v2:1:cab'],
    ['é😀', 'c', 'django.http.cookies.v2:2:é😀c'],
  ])("cookieSignerSalt: salt %j for cookie %j is Django's %j (the salt's length in code points)", (salt, name, v2) => {
    expect(cookieSignerSalt(name, salt)).toBe(v2);
  });

  it('legacyCookieSignerSalt is name + salt, where cookie "ab" salted "c" and cookie "a" salted "bc" collide', () => {
    expect(legacyCookieSignerSalt('ab', 'c')).toBe(legacyCookieSignerSalt('a', 'bc'));
    expect(cookieSignerSalt('ab', 'c')).not.toBe(cookieSignerSalt('a', 'bc'));
  });

  describe('djangoUnsignCookie', () => {
    const signed = 'hello:1r31eq:wn2SCykqc6sM8ZBUlnpqCMUKJSudrmZg5kNGYE7XWRk';
    // What Django before 5.2.17 wrote for the same cookie: the Django 3.2 vector (inventory §1.12).
    const legacy = 'hello:1r31eq:1SSJe0GsMLfe4RVahawYI4k2O7eQagxMCgD0qGquvcw';

    it('returns the value', () => {
      expect(djangoUnsignCookie('c', signed, ['s3cr3t'])).toBe('hello');
    });

    it('keeps colons inside the value', () => {
      const value = djangoSignCookie('c', 'a:b:c', 's3cr3t', 'salt');
      expect(djangoUnsignCookie('c', value, ['s3cr3t'], { salt: 'salt' })).toBe('a:b:c');
    });

    it('accepts any of several secrets (SECRET_KEY_FALLBACKS)', () => {
      expect(djangoUnsignCookie('c', signed, ['new', 's3cr3t'])).toBe('hello');
    });

    it.each([
      ['a wrong secret', signed, 'c', ['other'], ''],
      ['a wrong salt', signed, 'c', ['s3cr3t'], 'x'],
      ['another cookie name', signed, 'd', ['s3cr3t'], ''],
      ['a changed value', signed.replace('hello', 'hellp'), 'c', ['s3cr3t'], ''],
      ['a changed timestamp', signed.replace('1r31eq', '1r31er'), 'c', ['s3cr3t'], ''],
      ['a truncated signature', signed.slice(0, -1), 'c', ['s3cr3t'], ''],
      ['the legacy salt with another salt', legacy, 'c', ['s3cr3t'], 'x'],
      [
        'another cookie with the same name + salt',
        djangoSignCookie('ab', 'hello', 's3cr3t', 'c'),
        'a',
        ['s3cr3t'],
        'bc',
      ],
    ])('throws BadSignature for %s', (_label, value, name, secrets, salt) => {
      expect(() => djangoUnsignCookie(name, value, secrets, { salt })).toThrow(BadSignature);
      expect(() => djangoUnsignCookie(name, value, secrets, { salt })).toThrow(
        /^Signature of cookie "(a|c|d)" does not match$/,
      );
    });

    it('throws BadSignature without a colon', () => {
      expect(() => djangoUnsignCookie('c', 'hello', ['s3cr3t'])).toThrow(/^No ":" found in the value of cookie "c"$/);
    });

    it('checks maxAge against the timestamp', () => {
      jest.setSystemTime((T + 60) * 1000);
      expect(djangoUnsignCookie('c', signed, ['s3cr3t'], { maxAge: 60 })).toBe('hello');
      jest.setSystemTime((T + 61) * 1000);
      expect(() => djangoUnsignCookie('c', signed, ['s3cr3t'], { maxAge: 60 })).toThrow(SignatureExpired);
      expect(() => djangoUnsignCookie('c', signed, ['s3cr3t'], { maxAge: 60 })).toThrow(
        /^Signature age 61 > 60 seconds$/,
      );
    });

    it('reads a cookie signed with the legacy salt (name + salt) while signedCookieLegacySaltFallback is on', () => {
      expect(djangoUnsignCookie('c', legacy, ['s3cr3t'])).toBe('hello');
      expect(djangoUnsignCookie('c', legacy, ['new', 's3cr3t'], { signedCookieLegacySaltFallback: true })).toBe(
        'hello',
      );
      expect(() => djangoUnsignCookie('c', legacy, ['s3cr3t'], { signedCookieLegacySaltFallback: false })).toThrow(
        /^Signature of cookie "c" does not match$/,
      );
    });

    it('checks maxAge on a legacy cookie too, and does not retry an expired current one', () => {
      jest.setSystemTime((T + 61) * 1000);
      expect(() => djangoUnsignCookie('c', legacy, ['s3cr3t'], { maxAge: 60 })).toThrow(
        /^Signature age 61 > 60 seconds$/,
      );
      expect(() => djangoUnsignCookie('c', signed, ['s3cr3t'], { maxAge: 60 })).toThrow(SignatureExpired);
    });
  });

  // §1.12 value quoting; HW::CookieTests.test_encode
  it.each([
    ['value', 'value'],
    ['', '""'],
    ['123', '123'],
    ['An,awkward;value "q" \\ é', '"An\\054awkward\\073value \\"q\\" \\\\ \\351"'],
    ['a b', '"a b"'],
    ['a=b', '"a=b"'],
    ['清風', '"清風"'],
    ['x\ny', '"x\\012y"'],
  ])('pythonCookieQuote(%j) is %j and pythonCookieUnquote reverses it', (value, quoted) => {
    expect(pythonCookieQuote(value)).toBe(quoted);
    expect(pythonCookieUnquote(quoted)).toBe(value);
  });

  it('pythonCookieUnquote leaves an unquoted value alone', () => {
    expect(pythonCookieUnquote('a\\054b')).toBe('a\\054b');
    expect(pythonCookieUnquote('"')).toBe('"');
  });
});
