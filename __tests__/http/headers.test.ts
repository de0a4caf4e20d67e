/**
 * Django's header tests (tests/httpwrappers/tests.py, tests/responses/tests.py) and the
 * inventory's §1.2 / §2 rules, ported to ResponseHeaders and the response's item access.
 *
 * HW = tests/httpwrappers/tests.py, RS = tests/responses/tests.py.
 */
import { BadHeaderError, HttpResponse, ResponseHeaders } from '../../lib/index.js';
import { toHeaderName, toHeaderValue } from '../../lib/http/headers.js';

describe('ResponseHeaders', () => {
  describe('case-insensitive single-valued map', () => {
    // HW::HttpResponseTests.test_instantiate_with_headers
    it('reads a header under any casing', () => {
      const r = new HttpResponse('hello', { headers: { 'X-Foo': 'foo' } });
      expect(r.headers.get('X-Foo')).toBe('foo');
      expect(r.headers.get('x-foo')).toBe('foo');
      expect(r.get('X-FOO')).toBe('foo');
    });

    // §1.2 [run]: x-foo=1 then X-FOO=2 → [('Content-Type', …), ('X-FOO', '2')] order kept
    it('keeps the first position but the last casing when a header is set again', () => {
      const h = new ResponseHeaders();
      h.set('x-foo', '1');
      h.set('Content-Type', 'text/plain');
      h.set('X-FOO', '2');
      expect([...h]).toEqual([
        ['X-FOO', '2'],
        ['Content-Type', 'text/plain'],
      ]);
      expect(h.size).toBe(2);
    });

    it('iterates entries, keys, values and forEach in first-set order', () => {
      const h = new ResponseHeaders([
        ['A', '1'],
        ['b', '2'],
      ]);
      expect(Array.from(h.entries())).toEqual([
        ['A', '1'],
        ['b', '2'],
      ]);
      expect(Array.from(h.keys())).toEqual(['A', 'b']);
      expect(Array.from(h.values())).toEqual(['1', '2']);
      const seen: string[] = [];
      h.forEach((value, name, self) => {
        expect(self).toBe(h);
        seen.push(`${name}=${value}`);
      });
      expect(seen).toEqual(['A=1', 'b=2']);
      expect(h.toJSON()).toEqual({ A: '1', b: '2' });
    });

    it('set() is chainable', () => {
      const h = new ResponseHeaders();
      expect(h.set('A', '1').set('B', '2')).toBe(h);
      expect(h.size).toBe(2);
    });

    // HW::HttpResponseTests.test_header_deletion, HW::HttpResponseHeadersTestCase.test_headers
    it('deletes under any casing, and deleting a missing header is not an error', () => {
      const r = new HttpResponse();
      r.headers.set('X-Foo', 'bar');
      expect(r.headers.delete('x-foo')).toBe(true);
      expect(r.headers.has('X-Foo')).toBe(false);
      expect(r.headers.delete('X-Foo')).toBe(false);
    });

    // RS::HttpResponseBaseTests.test_setdefault
    it('setDefault() sets only an absent header, case-insensitively', () => {
      const r = new HttpResponse();
      r.headers.set('Header', 'Value');
      expect(r.headers.setDefault('header', 'changed')).toBe('Value');
      expect(r.headers.get('header')).toBe('Value');
      expect(r.headers.setDefault('x-header', 'DefaultValue')).toBe('DefaultValue');
      expect(r.headers.get('X-Header')).toBe('DefaultValue');
    });

    // HW::HttpResponseTests.test_dict_behavior
    it('get() of a missing header is undefined', () => {
      expect(new HttpResponse().headers.get('test')).toBeUndefined();
    });
  });

  describe('constructor', () => {
    // HW::HttpResponseHeadersTestCase.test_headers_as_iterable_of_tuple_pairs
    it('accepts an iterable of [name, value] pairs', () => {
      const r = new HttpResponse('', { headers: [['X-Foo', 'bar']] });
      expect(r.get('X-Foo')).toBe('bar');
    });

    it('accepts a Map and a web Headers object', () => {
      expect(new ResponseHeaders(new Map([['X-A', '1']])).get('x-a')).toBe('1');
      // tsconfig has no DOM.Iterable, so TypeScript does not know Headers is iterable.
      const web = new Headers({ 'X-B': '2' }) as unknown as Iterable<[string, string]>;
      expect(new ResponseHeaders(web).get('x-b')).toBe('2');
    });

    // §1.2: a non-pair element raises "dictionary update sequence element #0 has length 1; 2 is required."
    it.each([
      ['a one-element array', [['X-A']]],
      ['a three-element array', [['X-A', '1', '2']]],
      ['a string', ['ab']],
    ])('refuses %s as an element', (_label, init) => {
      expect(() => new ResponseHeaders(init as never)).toThrow(TypeError);
      expect(() => new ResponseHeaders(init as never)).toThrow(
        /each element must be a \[name, value\] pair \(got .* at #0\)/,
      );
    });

    it('refuses a value that is neither a record nor an iterable', () => {
      expect(() => new ResponseHeaders(5 as never)).toThrow(
        /Invalid headers: pass a record or an iterable of \[name, value\] pairs \(got 5\)/,
      );
    });

    // §2 rule 5 [run]: HttpResponse(headers={"x-a":1,"X-B":b"b"}) → x-a, X-B, then Content-Type
    it('puts the default Content-Type after the headers given, and numbers become strings', () => {
      const r = new HttpResponse('', { headers: { 'x-a': 1, 'X-B': 'b' } });
      expect([...r.headers]).toEqual([
        ['x-a', '1'],
        ['X-B', 'b'],
        ['Content-Type', 'text/html; charset=utf-8'],
      ]);
    });

    it('validates every name and value it is given', () => {
      expect(() => new ResponseHeaders({ 'X-A': 'a\nb' })).toThrow(BadHeaderError);
      expect(() => new ResponseHeaders([['bad name', 'v']])).toThrow(BadHeaderError);
    });
  });

  describe('values', () => {
    // HW::HttpResponseTests.test_headers_type (str)
    it('keeps a string value as given', () => {
      const r = new HttpResponse();
      r.headers.set('key', 'test');
      expect(r.headers.get('key')).toBe('test');
    });

    // HW::HttpResponseTests.test_headers_type: 'café' is latin-1, kept (serialised as \xe9)
    it('keeps Latin-1 text unencoded', () => {
      expect(new ResponseHeaders().set('key', 'café').get('key')).toBe('café');
    });

    // HW::HttpResponseTests.test_headers_type ('†'), §2 rule 3 [run] values
    it.each([
      ['†', '=?utf-8?b?4oCg?='],
      ['café †', '=?utf-8?b?Y2Fmw6kg4oCg?='],
      ['😀', '=?utf-8?b?8J+YgA==?='],
    ])('MIME-encodes %j, which is not Latin-1, as one RFC 2047 word', (value, encoded) => {
      expect(new ResponseHeaders().set('key', value).get('key')).toBe(encoded);
    });

    // HW::HttpResponseTests.test_long_line: no folding, even for a long value
    it('does not fold a long MIME-encoded value', () => {
      const r = new HttpResponse();
      const value = 'attachment; filename="EdelRot_Blu\u0308te (3)-0.JPG"';
      r.headers.set('X-Disposition', value);
      const stored = r.headers.get('X-Disposition') as string;
      expect(stored).toMatch(/^=\?utf-8\?b\?[A-Za-z0-9+/=]+\?=$/);
      expect(Buffer.from(stored.slice(10, -2), 'base64').toString('utf8')).toBe(value);
      // Content-Disposition itself is the exception: RFC 6266, still one line.
      r.headers.set('Content-Disposition', value);
      expect(r.headers.get('Content-Disposition')).toBe(
        'attachment; filename="EdelRot_Blu?te (3)-0.JPG"; filename*=UTF-8\'\'EdelRot_Blu%CC%88te%20%283%29-0.JPG',
      );
      const long = '†'.repeat(300);
      expect(new ResponseHeaders().set('X-Long', long).get('X-Long')).not.toMatch(/\s/);
    });

    // §2 rule 3: ints are stored as strings
    it.each([
      [42, '42'],
      [1.5, '1.5'],
      [0, '0'],
    ])('stores the number %p as %j', (value, text) => {
      expect(new ResponseHeaders().set('X-Number', value).get('x-number')).toBe(text);
      if (Number.isInteger(value)) {
        expect(new ResponseHeaders().set('Content-Length', value).get('content-length')).toBe(text);
      }
    });

    it('refuses a Content-Length that is not a whole number of bytes (a client could not frame the body)', () => {
      expect(() => new ResponseHeaders().set('Content-Length', 1.5)).toThrow(
        'Invalid Content-Length: it must be a whole number of bytes (got "1.5").',
      );
      expect(() => new ResponseHeaders().set('Content-Length', 'abc')).toThrow(BadHeaderError);
    });

    // Deviation: Django str()s anything (True → 'True', None → 'None'); the API allows strings and numbers.
    it.each([[true], [null], [undefined], [['a', 'b']], [{}]])('refuses %p as a value with a TypeError', (value) => {
      expect(() => new ResponseHeaders().set('X-A', value as never)).toThrow(TypeError);
      expect(() => new ResponseHeaders().set('X-A', value as never)).toThrow(
        /header values must be strings or numbers/,
      );
    });

    // §2 rule 4: other control characters — Django accepts \t and \x00
    it('accepts a tab inside a value', () => {
      expect(new ResponseHeaders().set('X-A', 'a\tb').get('X-A')).toBe('a\tb');
    });

    // Deviation: Django accepts \x00 and DEL; Node's setHeader would refuse them at write time.
    it.each([['a\x00b'], ['a\x7fb'], ['\x01']])('refuses the control character in %j with BadHeaderError', (value) => {
      expect(() => new ResponseHeaders().set('X-A', value)).toThrow(BadHeaderError);
      expect(() => new ResponseHeaders().set('X-A', value)).toThrow(/Header values can't contain control characters/);
    });
  });

  describe('newlines (header injection)', () => {
    // HW::HttpResponseTests.test_encoded_with_newlines_in_headers (values)
    it.each([['test\nstr'], ['test\rstr'], ['†\nother'], ['a\r\nSet-Cookie: x=y']])(
      'refuses the value %j with BadHeaderError',
      (value) => {
        const r = new HttpResponse();
        expect(() => r.set('test', value)).toThrow(BadHeaderError);
        expect(() => r.set('test', value)).toThrow(/Header values can't contain newlines/);
      },
    );

    // HW::HttpResponseTests.test_newlines_in_headers, HW::HttpResponseHeadersTestCase.test_newlines_in_headers,
    // HW::…test_encoded_with_newlines_in_headers (names)
    it.each([['test\rstr'], ['test\nstr'], ['†\nother']])('refuses the name %j with BadHeaderError', (name) => {
      const r = new HttpResponse();
      expect(() => r.set(name, 'test')).toThrow(BadHeaderError);
      expect(() => r.set(name, 'test')).toThrow(/Header names can't contain newlines/);
    });

    it('is a BadHeaderError, which is an Error', () => {
      try {
        toHeaderValue('a\nb');
        throw new Error('unreachable');
      } catch (err) {
        expect(err).toBeInstanceOf(BadHeaderError);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).name).toBe('BadHeaderError');
        expect((err as Error).message).toBe('Header values can\'t contain newlines (got "a\\nb")');
      }
    });
  });

  describe('names', () => {
    // HW::HttpResponseTests.test_headers_type: 'føø' → UnicodeError
    it('refuses a non-ASCII name with BadHeaderError', () => {
      expect(() => new ResponseHeaders().set('føø', 'bar')).toThrow(BadHeaderError);
      expect(() => new ResponseHeaders().set('føø', 'bar')).toThrow(
        /Invalid header name: header names must be HTTP tokens .* \(got "føø"\)/,
      );
    });

    // Deviation: Django accepts "X N" and "X:N" [run]; the API requires HTTP tokens.
    it.each([['X N'], ['X:N'], [''], ['X(1)'], ['X/Y']])('refuses %j, which is not an HTTP token', (name) => {
      expect(() => toHeaderName(name)).toThrow(BadHeaderError);
      expect(() => toHeaderName(name)).toThrow(/header names must be HTTP tokens/);
    });

    it.each([['X-Custom_1'], ["!#$%&'*+-.^_`|~"], ['content-type']])('accepts the token %j', (name) => {
      expect(toHeaderName(name)).toBe(name);
    });

    // Deviation: Django str()s a non-str name (r[5] = 'v' stores '5').
    it('refuses a name that is not a string with a TypeError', () => {
      expect(() => toHeaderName(5)).toThrow(TypeError);
      expect(() => toHeaderName(5)).toThrow(/Invalid header name: header names must be strings \(got 5\)/);
    });
  });
});

describe('HttpResponseBase item access', () => {
  // HW::HttpResponseHeadersTestCase.test_headers
  it('get/set/has/delete go through the header map, case-insensitively', () => {
    const r = new HttpResponse();
    expect(r.set('X-Foo', 'bar')).toBe(r);
    expect(r.get('X-Foo')).toBe('bar');
    expect(r.headers.get('X-Foo')).toBe('bar');
    expect(r.has('x-foo')).toBe(true);
    expect(r.delete('X-FOO')).toBe(true);
    expect(r.has('X-Foo')).toBe(false);
    expect(r.headers.has('X-Foo')).toBe(false);
    expect(r.delete('X-Foo')).toBe(false);
  });

  // HW::HttpResponseHeadersTestCase.test_headers_bytestring — deviation: bytes are not a header
  // value here (Django decodes them as Latin-1); pass a string.
  it('refuses bytes as a header value', () => {
    expect(() => new HttpResponse().set('X-Foo', Buffer.from('bar') as never)).toThrow(
      /header values must be strings or numbers/,
    );
  });

  // HW::HttpResponseTests.test_dict_behavior (get with an alternate)
  it('get() returns the alternate for a missing header', () => {
    const r = new HttpResponse();
    expect(r.get('X-Missing')).toBeUndefined();
    expect(r.get('X-Missing', 'alt')).toBe('alt');
    expect(r.get('content-type', 'alt')).toBe('text/html; charset=utf-8');
  });

  // RS::HttpResponseBaseTests.test_setdefault
  it('setDefault() keeps an existing value', () => {
    const r = new HttpResponse();
    r.set('Header', 'Value');
    expect(r.setDefault('header', 'changed')).toBe('Value');
    expect(r.setDefault('x-header', 'DefaultValue')).toBe('DefaultValue');
    expect(r.get('X-Header')).toBe('DefaultValue');
  });

  // HW::HttpResponseTests.test_headers_type: removing Content-Type leaves only what is set
  it('lets Content-Type be removed like any header', () => {
    const r = new HttpResponse();
    r.delete('Content-Type');
    r.set('foo', 'bar');
    expect([...r.headers]).toEqual([['foo', 'bar']]);
  });
});
