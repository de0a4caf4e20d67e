/**
 * Django's redirect tests (tests/httpwrappers/tests.py = HW; the redirect-status part of
 * tests/shortcuts/tests.py = SC) and the inventory's §1.7 rules and [run] scheme table,
 * ported to HttpResponseRedirect / HttpResponsePermanentRedirect.
 */
import {
  DisallowedRedirect,
  HttpResponse,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  MAX_URL_REDIRECT_LENGTH,
  SuspiciousOperation,
} from '../../lib/index.js';
import { iriToUri, urlScheme } from '../../lib/http/redirect.js';

const redirectClasses = [
  ['HttpResponseRedirect', HttpResponseRedirect],
  ['HttpResponsePermanentRedirect', HttpResponsePermanentRedirect],
] as const;

describe('HttpResponseRedirect', () => {
  // HW::HttpResponseSubclassesTests.test_redirect
  it('answers 302 with Location, an empty body and the usual Content-Type', () => {
    const r = new HttpResponseRedirect('/redirected/');
    expect(r).toBeInstanceOf(HttpResponse);
    expect(r.statusCode).toBe(302);
    expect(r.reasonPhrase).toBe('Found');
    expect(r.get('Location')).toBe('/redirected/');
    expect(r.url).toBe(r.get('Location'));
    expect(r.content).toEqual(Buffer.alloc(0));
    expect(r.get('Content-Type')).toBe('text/html; charset=utf-8');
  });

  it('takes a body in init.content', () => {
    const r = new HttpResponseRedirect('/redirected/', { content: 'The resource has temporarily moved' });
    expect(r.text).toContain('The resource has temporarily moved');
  });

  // HW::HttpResponseSubclassesTests.test_redirect_lazy — the nearest JS thing to a lazy string is a URL object
  it('accepts a URL object', () => {
    expect(new HttpResponseRedirect(new URL('https://example.com/a b')).url).toBe('https://example.com/a%20b');
  });

  // HW::HttpResponseSubclassesTests.test_redirect_modifiers, SC::RedirectTests.test_redirect_response_status_code
  it.each([
    [HttpResponseRedirect, false, 302],
    [HttpResponseRedirect, true, 307],
    [HttpResponsePermanentRedirect, false, 301],
    [HttpResponsePermanentRedirect, true, 308],
  ])('%p with preserveRequest %p answers %d, keeping content and url', (Cls, preserveRequest, status) => {
    const r = new Cls('/redirected/', { preserveRequest, content: 'moved' });
    expect(r.statusCode).toBe(status);
    expect(r.text).toBe('moved');
    expect(r.url).toBe('/redirected/');
    expect(r.url).toBe(r.get('Location'));
  });

  // §1.7: setting status_code = 303 afterwards works
  it('lets the status be changed afterwards', () => {
    const r = new HttpResponseRedirect('/x');
    r.statusCode = 303;
    expect(r.reasonPhrase).toBe('See Other');
  });

  // Deviation: Django's preserve_request overrides an explicit status; here the explicit status wins.
  it('keeps an explicit status over preserveRequest', () => {
    expect(new HttpResponseRedirect('/x', { status: 303, preserveRequest: true }).statusCode).toBe(303);
  });

  it('passes the other init options to the response', () => {
    const r = new HttpResponseRedirect('/x', {
      headers: { 'X-A': '1' },
      contentType: 'text/plain',
      reason: 'Over there',
    });
    expect(r.get('X-A')).toBe('1');
    expect(r.get('Content-Type')).toBe('text/plain');
    expect(r.reasonPhrase).toBe('Over there');
  });

  // HW::HttpResponseSubclassesTests.test_redirect_repr
  it('shows the url in toString()', () => {
    expect(new HttpResponseRedirect('/redirected/').toString()).toBe(
      '<HttpResponseRedirect status_code=302, "text/html; charset=utf-8", url="/redirected/">',
    );
    expect(new HttpResponsePermanentRedirect('/p/', { preserveRequest: true }).toString()).toBe(
      '<HttpResponsePermanentRedirect status_code=308, "text/html; charset=utf-8", url="/p/">',
    );
  });

  it('refuses a URL that is not a string or a URL object', () => {
    expect(() => new HttpResponseRedirect(123 as never)).toThrow(TypeError);
    expect(() => new HttpResponseRedirect(123 as never)).toThrow(
      /^Invalid redirect URL: it must be a string or a URL \(got 123\)\.$/,
    );
    expect(() => new HttpResponseRedirect(undefined as never)).toThrow(/Invalid redirect URL: .*\(got undefined\)/);
  });
});

describe('Location encoding (iri_to_uri)', () => {
  // §1.7 step 2
  it.each([
    ['/redirected/', '/redirected/'],
    ['/a b', '/a%20b'],
    ['/é', '/%C3%A9'],
    ['/祝', '/%E7%A5%9D'],
    ['/already%20encoded', '/already%20encoded'],
    ['/a\nb', '/a%0Ab'], // a newline is encoded, not a BadHeaderError [run]
    ['/a\tb\rc', '/a%09b%0Dc'],
    ["/keep/#%[]=:;$&()+,!?*@'~_.-", "/keep/#%[]=:;$&()+,!?*@'~_.-"],
    ['/a"b<c>d\\e^f`g{h}i|j', '/a%22b%3Cc%3Ed%5Ce%5Ef%60g%7Bh%7Di%7Cj'],
    ['https://example.com/?q=ü&x=1#frag', 'https://example.com/?q=%C3%BC&x=1#frag'],
  ])('puts %j in Location as %j', (url, location) => {
    expect(new HttpResponseRedirect(url).url).toBe(location);
    expect(iriToUri(url)).toBe(location);
  });

  it('is idempotent', () => {
    const once = iriToUri('/ä ö/%/x');
    expect(iriToUri(once)).toBe(once);
  });
});

describe('unsafe redirects', () => {
  // HW::HttpResponseTests.test_unsafe_redirect
  describe.each(redirectClasses)('%s', (_name, Cls) => {
    it.each([
      ['data:text/html,<script>window.alert("xss")</script>', 'data'],
      ['mailto:test@example.com', 'mailto'],
      ['file:///etc/passwd', 'file'],
      ['javascript:alert(1)', 'javascript'],
      ['ssh://foo', 'ssh'],
    ])('refuses %j (protocol %s)', (url, scheme) => {
      expect(() => new Cls(url)).toThrow(DisallowedRedirect);
      expect(() => new Cls(url)).toThrow(new RegExp(`^Unsafe redirect to URL with protocol '${scheme}'$`));
    });

    it('refuses an over-long URL', () => {
      expect(() => new Cls('é'.repeat(16385))).toThrow(DisallowedRedirect);
    });
  });

  // HW::HttpResponseSubclassesTests.test_invalid_redirect_repr — in JS the half-built object is
  // unreachable, so only the error is checked.
  it('names the protocol of ssh://foo', () => {
    expect(() => new HttpResponseRedirect('ssh://foo')).toThrow(/^Unsafe redirect to URL with protocol 'ssh'$/);
  });

  // §1.7 [run] scheme table: Python urlsplit's reading of the scheme
  it.each([
    ['localhost:8000', 'localhost'],
    ['example.com:443/x', 'example.com'],
    ['a+b:x', 'a+b'],
    ['JavaScript:alert(1)', 'javascript'],
    ['java\tscript:alert(1)', 'javascript'],
    [' javascript:alert(1)', 'javascript'],
    ['\x01javascript:alert(1)', 'javascript'],
    ['java\nscript:alert(1)', 'javascript'],
    ['java\rscript:alert(1)', 'javascript'],
  ])('refuses %j as protocol %j', (url, scheme) => {
    expect(urlScheme(url)).toBe(scheme);
    expect(() => new HttpResponseRedirect(url)).toThrow(
      new RegExp(`^Unsafe redirect to URL with protocol '${scheme.replace('+', '\\+')}'$`),
    );
  });

  it.each([
    ['HTTPS://x.com', 'https'],
    ['http://x.com', 'http'],
    ['ftp://x.com/f', 'ftp'],
    ['//evil.com', ''],
    ['/path:with:colons', ''],
    ['?next=javascript:x', ''],
    ['1http://x', ''],
    ['', ''],
    ['relative/path', ''],
    ['../up', ''],
    [':no-scheme', ''],
  ])('allows %j (scheme %j)', (url, scheme) => {
    expect(urlScheme(url)).toBe(scheme);
    expect(() => new HttpResponseRedirect(url)).not.toThrow();
  });

  it('is a SuspiciousOperation answering 400', () => {
    try {
      new HttpResponseRedirect('javascript:alert(1)');
      throw new Error('unreachable');
    } catch (err) {
      expect(err).toBeInstanceOf(SuspiciousOperation);
      expect((err as DisallowedRedirect).status).toBe(400);
    }
  });
});

describe('maximum URL length', () => {
  it('is Django’s 16384', () => {
    expect(MAX_URL_REDIRECT_LENGTH).toBe(16384);
  });

  // HW::HttpResponseTests.test_redirect_url_max_length
  it.each([[16383], [16384]])('accepts a URL of %d characters', (length) => {
    const base = 'https://example.com/';
    const url = base + 'x'.repeat(length - base.length);
    expect(url).toHaveLength(length);
    expect(new HttpResponseRedirect(url).url).toBe(url);
    expect(new HttpResponsePermanentRedirect(url).url).toBe(url);
  });

  // SC::RedirectTests.test_redirect_max_length_default_raises
  it('refuses a URL longer than 16384 characters', () => {
    const url = 'https://example.com/' + 'x'.repeat(16384);
    expect(() => new HttpResponseRedirect(url)).toThrow(DisallowedRedirect);
    expect(() => new HttpResponseRedirect(url)).toThrow(/^Unsafe redirect exceeding 16384 characters$/);
  });

  // HW::HttpResponseTests.test_redirect_url_max_length_checks_encoded_location
  it('measures the encoded Location', () => {
    const url = '/' + 'é'.repeat(16383);
    expect(url).toHaveLength(16384);
    expect(() => new HttpResponseRedirect(url)).toThrow(/^Unsafe redirect exceeding 16384 characters$/);
  });

  // HW::HttpResponseTests.test_redirect_url_max_length_override_via_param, SC::…_override_passes
  it('takes maxLength: null for no limit', () => {
    const url = 'https://example.com/' + 'x'.repeat(16365);
    expect(url).toHaveLength(16385);
    expect(new HttpResponseRedirect(url, { maxLength: null }).url).toBe(url);
  });

  it.each([[99], [100]])('accepts %d characters under maxLength 100', (length) => {
    const base = 'https://example.com/';
    const url = base + 'x'.repeat(length - base.length);
    expect(new HttpResponseRedirect(url, { maxLength: 100 }).url).toBe(url);
  });

  // HW::HttpResponseTests.test_unsafe_redirect_via_max_length, SC::…test_redirect_custom_strict_limit_raises
  it('refuses a URL one character over maxLength', () => {
    const url = 'https://example.com/';
    expect(() => new HttpResponseRedirect(url, { maxLength: url.length - 1 })).toThrow(DisallowedRedirect);
    expect(() => new HttpResponsePermanentRedirect(url, { maxLength: 5 })).toThrow(
      /^Unsafe redirect exceeding 5 characters$/,
    );
  });
});
