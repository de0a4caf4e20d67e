/** Django's django/utils/cache.py helpers, ported from tests/cache/tests.py (CacheUtils). */
import {
  HttpResponse,
  addNeverCacheHeaders,
  getConditionalResponse,
  getMaxAge,
  hasVaryHeader,
  patchCacheControl,
  patchVaryHeaders,
  type CacheControlOptions,
} from '../../lib/index.js';
import { httpDate, parseEtags, parseHttpDate, quoteEtag } from '../../lib/utils/cache.js';

const LIST = /\s*,\s*/;

describe('patchCacheControl (test_patch_cache_control)', () => {
  it.each<[string | null, CacheControlOptions, string[]]>([
    [null, { private: true }, ['private']],
    ['', { private: true }, ['private']],
    ['', { noCache: 'Set-Cookie' }, ['no-cache=Set-Cookie']],
    ['', { 'no-cache': 'Set-Cookie' }, ['no-cache=Set-Cookie']],
    ['no-cache=Set-Cookie', { noCache: true }, ['no-cache']],
    ['no-cache=Set-Cookie,no-cache=Link', { noCache: true }, ['no-cache']],
    ['no-cache=Set-Cookie', { noCache: 'Link' }, ['no-cache=Set-Cookie', 'no-cache=Link']],
    [
      'no-cache=Set-Cookie,no-cache=Link',
      { noCache: 'Custom' },
      ['no-cache=Set-Cookie', 'no-cache=Link', 'no-cache=Custom'],
    ],
    ['private', { private: true }, ['private']],
    ['private', { public: true }, ['public']],
    ['public', { public: true }, ['public']],
    ['public', { private: true }, ['private']],
    ['must-revalidate,max-age=60,private', { public: true }, ['must-revalidate', 'max-age=60', 'public']],
    ['must-revalidate,max-age=60,public', { private: true }, ['must-revalidate', 'max-age=60', 'private']],
    ['must-revalidate,max-age=60', { public: true }, ['must-revalidate', 'max-age=60', 'public']],
  ])('%j patched with %j gives %j', (initial, options, expected) => {
    const response = new HttpResponse();
    if (initial !== null) response.set('Cache-Control', initial);
    patchCacheControl(response, options);
    expect(new Set(response.get('Cache-Control')!.split(LIST))).toEqual(new Set(expected));
  });

  it('keeps the smaller max-age (a decorator and a middleware on one view)', () => {
    const response = new HttpResponse('', { headers: { 'Cache-Control': 'max-age=60' } });
    expect(patchCacheControl(response, { maxAge: 3600 }).get('Cache-Control')).toBe('max-age=60');
    expect(patchCacheControl(response, { maxAge: 10 }).get('Cache-Control')).toBe('max-age=10');
  });

  it('writes true as the bare directive, skips false, and refuses other types', () => {
    const response = patchCacheControl(new HttpResponse(), { noStore: true, public: false, sMaxage: 5 });
    expect(response.get('Cache-Control')).toBe('no-store, s-maxage=5');
    expect(() => patchCacheControl(new HttpResponse(), { maxAge: {} as never })).toThrow(
      'cacheControl option maxAge must be true, a string or a number (got an Object).',
    );
  });

  it('patches a web Response', () => {
    const web = patchCacheControl(new Response('x'), { maxAge: 1 });
    expect(web.headers.get('cache-control')).toBe('max-age=1');
  });
});

describe('getMaxAge (test_get_max_age)', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['max-age=3600', 3600],
    ['max-age=3600, public', 3600],
    ['public, max-age=0', 0],
    ['max-age=bogus', undefined],
  ])('%j gives %p', (header, expected) => {
    const response = new HttpResponse();
    if (header !== null) response.set('Cache-Control', header);
    expect(getMaxAge(response)).toBe(expected);
  });
});

describe('patchVaryHeaders (test_patch_vary_headers)', () => {
  it.each<[string | null, string[], string]>([
    [null, ['Accept-Encoding'], 'Accept-Encoding'],
    ['Accept-Encoding', ['accept-encoding'], 'Accept-Encoding'],
    ['Accept-Encoding', ['ACCEPT-ENCODING'], 'Accept-Encoding'],
    ['Cookie', ['Accept-Encoding'], 'Cookie, Accept-Encoding'],
    ['Cookie, Accept-Encoding', ['Accept-Encoding'], 'Cookie, Accept-Encoding'],
    ['Cookie, Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    [null, ['Accept-Encoding', 'COOKIE'], 'Accept-Encoding, COOKIE'],
    ['Cookie,     Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    ['Cookie    ,     Accept-Encoding', ['Accept-Encoding', 'cookie'], 'Cookie, Accept-Encoding'],
    ['*', ['Accept-Language', 'Cookie'], '*'],
    ['Accept-Language, Cookie', ['*'], '*'],
  ])('%j patched with %j gives %j', (initial, names, expected) => {
    const response = new HttpResponse();
    if (initial !== null) response.set('Vary', initial);
    expect(patchVaryHeaders(response, names).get('Vary')).toBe(expected);
  });

  it('hasVaryHeader reads it case-insensitively', () => {
    const response = new HttpResponse('', { headers: { Vary: 'Cookie, Accept-Language' } });
    expect(hasVaryHeader(response, 'accept-language')).toBe(true);
    expect(hasVaryHeader(response, 'Accept-Encoding')).toBe(false);
  });
});

describe('addNeverCacheHeaders', () => {
  it("gives Django's exact header and keeps a view's Expires", () => {
    const response = addNeverCacheHeaders(new HttpResponse('', { headers: { Expires: 'tomorrow' } }));
    expect(response.get('Cache-Control')).toBe('max-age=0, no-cache, no-store, must-revalidate, private');
    expect(response.get('Expires')).toBe('tomorrow');
  });
});

describe('HTTP dates and entity tags (django.utils.http)', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', 784111777],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 784111777],
    ['Sun Nov  6 08:49:37 1994', 784111777],
    ['Mon, 32 Oct 2010 16:56:23 GMT', undefined],
    ['2010-10-18', undefined],
    ['', undefined],
  ])('parseHttpDate(%j) is %p', (value, expected) => {
    expect(parseHttpDate(value)).toBe(expected);
  });

  it('httpDate writes an IMF-fixdate at one-second precision', () => {
    expect(httpDate(784111777.9)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
    expect(httpDate(new Date(784111777999))).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });

  it('parseEtags keeps valid quoted tags, or *; quoteEtag quotes a bare one', () => {
    expect(parseEtags('"a", W/"b", c, """')).toEqual(['"a"', 'W/"b"']);
    expect(parseEtags(' * ')).toEqual(['*']);
    expect(quoteEtag('abc')).toBe('"abc"');
    expect(quoteEtag('W/"abc"')).toBe('W/"abc"');
  });
});

describe('getConditionalResponse', () => {
  const req = (method: string, headers: Record<string, string>) => ({ method, headers });

  it('returns a non-2xx response as it is', () => {
    const notFound = new HttpResponse('', { status: 404 });
    expect(getConditionalResponse(req('GET', { 'if-none-match': '*' }), { etag: '"x"' }, notFound)).toBe(notFound);
  });

  it('keeps the validators, caching headers and cookies of the response on a 304', () => {
    const response = new HttpResponse('body', { headers: { ETag: '"x"', Vary: 'Cookie', 'X-Other': '1' } });
    response.setCookie('c', 'v');
    const result = getConditionalResponse(req('GET', { 'if-none-match': '"x"' }), { etag: '"x"' }, response)!;
    expect(result.statusCode).toBe(304);
    expect(result.get('ETag')).toBe('"x"');
    expect(result.get('Vary')).toBe('Cookie');
    expect(result.has('X-Other')).toBe(false);
    expect(result.cookies.get('c')?.value).toBe('v');
  });

  it('Django keeps a resource without an ETag for If-None-Match: *', () => {
    expect(getConditionalResponse(req('GET', { 'if-none-match': '*' }), {})).toBeUndefined();
  });

  it('takes lastModified in seconds, as Django and parseHttpDate, or as a Date', () => {
    const since = req('GET', { 'if-modified-since': 'Sun, 06 Nov 1994 08:49:37 GMT' });
    expect(getConditionalResponse(since, { lastModified: 784111777 })?.statusCode).toBe(304);
    expect(getConditionalResponse(since, { lastModified: new Date(784111777999) })?.statusCode).toBe(304);
    expect(getConditionalResponse(since, { lastModified: 784111778 })).toBeUndefined();
  });

  it('refuses a lastModified in milliseconds, naming the fix', () => {
    const since = req('GET', { 'if-modified-since': 'Sun, 06 Nov 1994 08:49:37 GMT' });
    expect(() => getConditionalResponse(since, { lastModified: 784111777000 })).toThrow(
      new RangeError(
        'getConditionalResponse() lastModified takes seconds since the epoch, and 784111777000 seconds is after the year 9999: it looks like milliseconds (Date.now()). Pass a Date (new Date(784111777000)) or seconds (Math.floor(784111777000 / 1000)).',
      ),
    );
  });
});
