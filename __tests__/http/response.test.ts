/**
 * Django's tests of HttpResponseBase, HttpResponse and the status responses
 * (tests/httpwrappers/tests.py = HW, tests/responses/tests.py = RS), with the inventory's
 * §1.3, §1.4, §1.8–§1.10 rules and [run] values, ported to the objects themselves.
 */
import {
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseBase,
  HttpResponseForbidden,
  HttpResponseGone,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseNotModified,
  HttpResponseServerError,
  JsonResponse,
  isHttpResponse,
} from '../../lib/index.js';
import { RESPONSE_BRAND } from '../../lib/http/response-base.js';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';

describe('HttpResponseBase', () => {
  // RS::HttpResponseBaseTests.test_closed
  it('is not closed until close() runs', () => {
    const r = new HttpResponseBase();
    expect(r.closed).toBe(false);
    r.close();
    expect(r.closed).toBe(true);
  });

  it('runs each resource closer once, swallowing errors, and closes late closers at once', () => {
    const calls: string[] = [];
    class Holder extends HttpResponseBase {
      hold(name: string, fail = false): void {
        this.addResourceCloser(() => {
          calls.push(name);
          if (fail) throw new Error(name);
        });
      }
    }
    const r = new Holder();
    r.hold('a', true);
    r.hold('b');
    r.close();
    r.close();
    expect(calls).toEqual(['a', 'b']);
    r.hold('late');
    expect(calls).toEqual(['a', 'b', 'late']);
  });

  // RS::HttpResponseBaseTests.test_write, test_tell
  describe('file-like stubs', () => {
    it('is not writable: write() and writelines() throw', () => {
      const r = new HttpResponseBase();
      expect(r.writable()).toBe(false);
      expect(() => r.write('asdf')).toThrow(new Error('This HttpResponseBase instance is not writable'));
      expect(() => r.writelines(['asdf\n', 'asdf\n'])).toThrow(/^This HttpResponseBase instance is not writable$/);
    });

    it('cannot tell its position', () => {
      expect(() => new HttpResponseBase().tell()).toThrow(/^This HttpResponseBase instance cannot tell its position$/);
    });

    it('names the subclass in the message', () => {
      class Custom extends HttpResponseBase {}
      expect(() => new Custom().write('x')).toThrow(/^This Custom instance is not writable$/);
    });

    it('flush() does nothing; readable() and seekable() are false', () => {
      const r = new HttpResponseBase();
      expect(r.flush()).toBeUndefined();
      expect(r.readable()).toBe(false);
      expect(r.seekable()).toBe(false);
    });
  });

  it('is not streaming', () => {
    expect(new HttpResponseBase().streaming).toBe(false);
    expect(new HttpResponse().streaming).toBe(false);
  });

  // RS::HttpResponseBaseTests.test_charset_setter, test_reason_phrase_setter
  it('has settable charset and reasonPhrase', () => {
    const r = new HttpResponseBase();
    r.charset = 'utf-8';
    expect(r.charset).toBe('utf-8');
    r.reasonPhrase = 'test';
    expect(r.reasonPhrase).toBe('test');
  });

  it.each([[''], ['utf 8'], ['a;b'], [5]])('refuses the charset %p', (charset) => {
    const r = new HttpResponseBase();
    expect(() => {
      r.charset = charset as string;
    }).toThrow(RangeError);
    expect(() => new HttpResponseBase({ charset: charset as string })).toThrow(
      /^Invalid charset: it must be a charset name such as "utf-8" \(got .+\)\.$/,
    );
  });

  // Deviation: Django accepts any reason phrase; Node refuses control characters in the status line.
  it.each([['a\nb'], ['a\rb'], ['\x00'], ['†']])('refuses the reason phrase %j', (reason) => {
    expect(() => new HttpResponse('', { reason })).toThrow(TypeError);
    expect(() => new HttpResponse('', { reason })).toThrow(
      /Invalid reason phrase: .*may not contain newlines, control characters/,
    );
  });

  it('refuses a reason phrase that is not a string', () => {
    const r = new HttpResponse();
    expect(() => {
      r.reasonPhrase = 5 as never;
    }).toThrow(/Invalid reason phrase: it must be a string \(got 5\)\./);
  });

  it('refuses options that are neither an object nor a content type', () => {
    expect(() => new HttpResponseBase(5 as never)).toThrow(
      new TypeError(
        'HttpResponseBase options must be an object; pass the status as an option: new HttpResponseBase(…, { status: 5 }) (got 5).',
      ),
    );
  });
});

describe('status', () => {
  // RS::HttpResponseTests.test_status_code, test_change_status_code
  it('takes the reason phrase of the status, looked up lazily', () => {
    const r = new HttpResponse('', { status: 503 });
    expect(r.statusCode).toBe(503);
    expect(r.reasonPhrase).toBe('Service Unavailable');
    const changed = new HttpResponse();
    changed.statusCode = 503;
    expect(changed.reasonPhrase).toBe('Service Unavailable');
  });

  // RS::HttpResponseTests.test_reason_phrase
  it('keeps an explicit reason phrase for an unknown status', () => {
    const reason = "I'm an anarchist coffee pot on crack.";
    const r = new HttpResponse('', { status: 419, reason });
    expect(r.statusCode).toBe(419);
    expect(r.reasonPhrase).toBe(reason);
  });

  it("says 'Unknown Status Code' for a status without a standard phrase", () => {
    expect(new HttpResponse('', { status: 599 }).reasonPhrase).toBe('Unknown Status Code');
  });

  it('keeps an explicit reason across a status change', () => {
    const r = new HttpResponse('', { reason: 'Fine' });
    r.statusCode = 404;
    expect(r.reasonPhrase).toBe('Fine');
  });

  // RS::HttpResponseTests.test_valid_status_code_string
  it.each([
    ['100', 100],
    ['404', 404],
    ['599', 599],
    [' 201 ', 201],
  ])('accepts the integer string %j as %d', (status, code) => {
    expect(new HttpResponse('', { status: status as never }).statusCode).toBe(code);
  });

  it.each([[100], [200], [599]])('accepts %d', (status) => {
    expect(new HttpResponse('', { status }).statusCode).toBe(status);
  });

  // RS::HttpResponseTests.test_invalid_status_code: TypeError for a non-integer
  it.each([[{}], ["J'attendrai"], [null], [true], ['2O0']])('refuses %p with a TypeError', (status) => {
    expect(() => new HttpResponse('', { status: status as never })).toThrow(TypeError);
    expect(() => new HttpResponse('', { status: status as never })).toThrow(
      /HTTP status code must be an integer \(got .*\)\.$/,
    );
  });

  // RS::HttpResponseTests.test_invalid_status_code: ValueError (RangeError here) outside 100..599.
  // Deviation: Django's int() truncates 201.9 to 201; a fraction is refused here.
  it.each([[99], [600], [0], [-200], [201.9], [NaN], [Infinity], ['99']])('refuses %p with a RangeError', (status) => {
    expect(() => new HttpResponse('', { status: status as never })).toThrow(RangeError);
    expect(() => new HttpResponse('', { status: status as never })).toThrow(
      /^Invalid status code: HTTP status code must be an integer from 100 to 599 \(got .*\)\.$/,
    );
  });

  it('validates the statusCode setter the same way and keeps the old status on error', () => {
    const r = new HttpResponse();
    expect(() => {
      r.statusCode = 600;
    }).toThrow(RangeError);
    expect(() => {
      r.statusCode = 'x' as never;
    }).toThrow(TypeError);
    expect(r.statusCode).toBe(200);
  });
});

describe('charset and Content-Type', () => {
  // RS::HttpResponseTests.test_charset_detection
  it('defaults to text/html; charset=utf-8', () => {
    const r = new HttpResponse();
    expect(r.charset).toBe('utf-8');
    expect(r.get('Content-Type')).toBe('text/html; charset=utf-8');
  });

  it('puts an explicit charset in the default Content-Type', () => {
    const r = new HttpResponse('', { charset: 'iso-8859-1' });
    expect(r.charset).toBe('iso-8859-1');
    expect(r.get('Content-Type')).toBe('text/html; charset=iso-8859-1');
  });

  it.each([
    ['text/plain; charset=utf-8', 'iso-8859-1', 'iso-8859-1'], // explicit wins
    ['text/plain; charset="iso-8859-1"', undefined, 'iso-8859-1'], // quotes stripped
    ['text/plain; CHARSET=latin-1', undefined, 'latin-1'], // case-insensitive
    ['text/plain;charset=ascii; format=flowed', undefined, 'ascii'],
    ['text/plain; charset=', undefined, 'utf-8'],
    ['text/plain', undefined, 'utf-8'],
  ])('reads the charset of %j (explicit %p) as %j', (contentType, charset, expected) => {
    const init = charset === undefined ? { contentType } : { contentType, charset };
    expect(new HttpResponse('', init).charset).toBe(expected);
  });

  // HW::HttpResponseTests.test_content_type
  it('stores an explicit content type verbatim, with no charset added', () => {
    expect(new HttpResponse('', { contentType: 'application/json' }).get('Content-Type')).toBe('application/json');
  });

  it("takes a string second argument as the content type (Django's positional content_type)", () => {
    const r = new HttpResponse('a,b', 'text/csv');
    expect(r.get('Content-Type')).toBe('text/csv');
    expect(r.statusCode).toBe(200);
  });

  // HW::HttpResponseTests.test_content_type_headers
  it('takes the Content-Type from the headers', () => {
    expect(new HttpResponse('', { headers: { 'Content-Type': 'application/json' } }).get('content-type')).toBe(
      'application/json',
    );
  });

  // HW::HttpResponseTests.test_content_type_mutually_exclusive
  it('refuses contentType together with a Content-Type header', () => {
    const init = { contentType: 'text/plain', headers: { 'content-type': 'application/json' } };
    expect(() => new HttpResponse('', init)).toThrow(TypeError);
    expect(() => new HttpResponse('', init)).toThrow(
      /^'headers' must not contain 'Content-Type' when the 'contentType' option is provided\.$/,
    );
  });

  // §1.3 step 3: a falsy content_type such as "" is ignored
  it('ignores an empty contentType', () => {
    expect(new HttpResponse('', { contentType: '', headers: { 'Content-Type': 'x/y' } }).get('Content-Type')).toBe(
      'x/y',
    );
    expect(new HttpResponse('', { contentType: '' }).get('Content-Type')).toBe('text/html; charset=utf-8');
  });

  // §5: re-setting charset does not re-encode content or change Content-Type
  it('does not re-encode content or rewrite Content-Type when the charset changes later', () => {
    const r = new HttpResponse('é');
    r.charset = 'latin-1';
    expect(r.content).toEqual(Buffer.from('é', 'utf8'));
    expect(r.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(r.text).toBe('Ã©'); // mojibake, as in Django
  });
});

describe('HttpResponse content', () => {
  it('is empty by default', () => {
    expect(new HttpResponse().content).toEqual(Buffer.alloc(0));
    expect(new HttpResponse().text).toBe('');
  });

  it('returns a Buffer', () => {
    expect(Buffer.isBuffer(new HttpResponse('x').content)).toBe(true);
  });

  // HW::HttpResponseTests.test_non_string_content
  it('writes a number as text', () => {
    const r = new HttpResponse(12345);
    expect(r.content).toEqual(Buffer.from('12345'));
    r.content = 12345 as never;
    expect(r.content).toEqual(Buffer.from('12345'));
  });

  // HW::HttpResponseTests.test_memoryview_content, RS::HttpResponseTests.test_response_content_charset
  it.each([
    ['a Buffer', Buffer.from('bytes')],
    ['a Uint8Array', new Uint8Array([0x62, 0x79, 0x74, 0x65, 0x73])],
    ['a Uint8Array view', new Uint8Array([0, 0x62, 0x79, 0x74, 0x65, 0x73, 0]).subarray(1, 6)],
  ])('passes %s through unchanged', (_label, bytes) => {
    expect(new HttpResponse(bytes).content).toEqual(Buffer.from('bytes'));
  });

  // RS::HttpResponseTests.test_response_content_charset: bytes are never re-encoded
  it('never re-encodes bytes, whatever the charset', () => {
    const latin = Buffer.from('Café', 'latin1');
    expect(new HttpResponse(latin, 'text/plain').content).toEqual(latin);
    const utf8 = Buffer.from('Café', 'utf8');
    expect(new HttpResponse(utf8, { charset: 'iso-8859-1' }).content).toEqual(utf8);
  });

  it('encodes text with the charset', () => {
    expect(new HttpResponse('Café', { charset: 'iso-8859-1' }).content).toEqual(Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    expect(new HttpResponse('Café').content).toEqual(Buffer.from('Café', 'utf8'));
  });

  // §5 [run]: HttpResponse("€", charset="latin-1") raises UnicodeEncodeError at construction
  it('refuses text its charset cannot hold, at construction', () => {
    expect(() => new HttpResponse('€', { charset: 'latin-1' })).toThrow(RangeError);
    expect(() => new HttpResponse('€', { charset: 'latin-1' })).toThrow(/Cannot encode "€" \(position 0\) as latin-1/);
  });

  it('refuses text in a charset Node cannot encode, pointing at bytes', () => {
    expect(() => new HttpResponse('x', { charset: 'koi8-r' })).toThrow(
      /only utf-8, iso-8859-1, us-ascii and utf-16le are supported/,
    );
    expect(new HttpResponse(Buffer.from([0xc1]), { charset: 'koi8-r' }).content).toEqual(Buffer.from([0xc1]));
  });

  // HW::HttpResponseTests.test_iter_content
  it.each([
    [['abc', 'def', 'ghi'], 'abcdefghi'],
    [['idan', 'alex', 'jacob'], 'idanalexjacob'],
    [[1, 2, 3], '123'],
    [['1', '2', 3, '\u079e'], '123\u079e'],
    [[Buffer.from('a'), 'b', new Uint8Array([0x63])], 'abc'],
    [new Set(['x', 'y']), 'xy'],
  ])('joins the iterable %p at once', (content, expected) => {
    const r = new HttpResponse(content as never);
    expect(r.content).toEqual(Buffer.from(expected, 'utf8'));
    const assigned = new HttpResponse();
    assigned.content = content as never;
    expect(assigned.text).toBe(expected);
  });

  // HW::HttpResponseTests.test_iter_content (iterator), RS::HttpResponseTests.test_generator_cache
  it('consumes an iterator once, at construction, and can be read again', () => {
    function* words(): Generator<string> {
      yield 'hello';
      yield 'world';
    }
    const gen = words();
    const r = new HttpResponse(gen);
    expect(gen.next()).toEqual({ done: true, value: undefined });
    expect(r.content.toString()).toBe('helloworld');
    expect(r.content.toString()).toBe('helloworld');
    r.write('!');
    expect(r.content.toString()).toBe('helloworld!');
  });

  it('consumes a generator of numbers (RS::test_generator_cache)', () => {
    const r = new HttpResponse(
      (function* () {
        for (let i = 0; i < 10; i++) yield String(i);
      })(),
    );
    expect(r.text).toBe('0123456789');
  });

  // Deviation: Django writes str(None) → b"None" and str(True) → b"True"; null/undefined are
  // an empty body and booleans are written as JS text.
  it.each([
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    [10n, '10'],
  ])('writes %p as %j', (content, expected) => {
    expect(new HttpResponse(content as never).text).toBe(expected);
  });

  // Deviation: Django iterates a dict's keys; an object is refused here, pointing at JsonResponse.
  it('refuses a plain object, pointing at JsonResponse', () => {
    expect(() => new HttpResponse({ a: 1 } as never)).toThrow(TypeError);
    expect(() => new HttpResponse({ a: 1 } as never)).toThrow(
      /HttpResponse content must be a string, bytes or an iterable of them; use JsonResponse .* \(got an Object\)/,
    );
  });

  it('refuses a chunk that is neither text nor bytes', () => {
    expect(() => new HttpResponse([{}] as never)).toThrow(
      /HttpResponse content chunks must be strings or bytes \(got an Object\)/,
    );
  });

  it.each([
    [
      'an async generator',
      (async function* () {
        // yields nothing
      })(),
    ],
    ['a web ReadableStream', new ReadableStream()],
  ])('refuses %s, pointing at StreamingHttpResponse', (_label, content) => {
    expect(() => new HttpResponse(content as never)).toThrow(TypeError);
    expect(() => new HttpResponse(content as never)).toThrow(
      /can't be a stream or an async iterable; use StreamingHttpResponse/,
    );
  });
});

describe('HttpResponse text', () => {
  // HW::HttpResponseTests.test_text_updates_when_content_updates
  it('follows content', () => {
    const r = new HttpResponse('Hello, world!');
    expect(r.text).toBe('Hello, world!');
    r.content = 'Updated content';
    expect(r.text).toBe('Updated content');
  });

  // Deviation: Django's cached text goes stale after write() [run]; here it never does.
  it('follows write()', () => {
    const r = new HttpResponse('a');
    expect(r.text).toBe('a');
    r.write('b');
    expect(r.text).toBe('ab');
  });

  // HW::HttpResponseTests.test_text_charset
  it.each([
    [undefined, Buffer.from('Olá Mundo', 'utf8')],
    ['text/plain; charset=utf-8', Buffer.from('Olá Mundo', 'utf8')],
    ['text/plain; charset=iso-8859-1', Buffer.from('Olá Mundo', 'latin1')],
  ])('decodes with the charset of %p', (contentType, bytes) => {
    const r = contentType === undefined ? new HttpResponse(bytes) : new HttpResponse(bytes, { contentType });
    expect(r.text).toBe('Olá Mundo');
  });

  it('decodes ISO-8859-1 as Latin-1, not windows-1252', () => {
    expect(new HttpResponse(Buffer.from([0x80]), 'text/plain; charset=iso-8859-1').text).toBe('\u0080');
  });

  // Django raises UnicodeDecodeError for invalid bytes
  it('throws for bytes invalid in the charset', () => {
    expect(() => new HttpResponse(Buffer.from([0xff, 0xfe, 0xfd])).text).toThrow(TypeError);
    expect(() => new HttpResponse(Buffer.from([0xff])).text).toThrow(
      /^The content is not valid utf-8; read the bytes instead\.$/,
    );
  });

  it('throws a RangeError for a charset Node does not know', () => {
    expect(() => new HttpResponse(Buffer.from('x'), { charset: 'x-no-such-charset' }).text).toThrow(RangeError);
    expect(() => new HttpResponse(Buffer.from('x'), { charset: 'x-no-such-charset' }).text).toThrow(
      /Cannot decode text as charset "x-no-such-charset"/,
    );
  });

  it('decodes a charset TextDecoder knows beyond the encodable ones', () => {
    expect(new HttpResponse(Buffer.from([0xc1]), { charset: 'koi8-r' }).text).toBe('а');
  });
});

describe('HttpResponse file-like API', () => {
  // HW::HttpResponseTests.test_file_interface
  it('tell() counts bytes written', () => {
    const r = new HttpResponse();
    r.write(Buffer.from('hello'));
    expect(r.tell()).toBe(5);
    r.write('привет');
    expect(r.tell()).toBe(17);
  });

  it('write() appends to the content given at construction', () => {
    const r = new HttpResponse(['abc']);
    r.write('def');
    expect(r.tell()).toBe(6);
    expect(r.content).toEqual(Buffer.from('abcdef'));
  });

  it('write() appends raw bytes whatever the headers say (Content-Encoding)', () => {
    const r = new HttpResponse();
    r.set('Content-Encoding', 'winning');
    r.write(Buffer.from('abc'));
    r.write(Buffer.from('def'));
    expect(r.content).toEqual(Buffer.from('abcdef'));
  });

  // HW::HttpResponseTests.test_stream_interface
  it('getvalue(), writable() and writelines()', () => {
    expect(new HttpResponse('asdf').getvalue()).toEqual(Buffer.from('asdf'));
    const r = new HttpResponse();
    expect(r.writable()).toBe(true);
    expect(r.readable()).toBe(false);
    expect(r.seekable()).toBe(false);
    r.writelines(['foo\n', 'bar\n', 'baz\n']);
    expect(r.content).toEqual(Buffer.from('foo\nbar\nbaz\n'));
  });

  // RS::HttpResponseTests.test_wrap_textiowrapper — the nearest Node equivalent: a Writable
  // that forwards to write()
  it('can back a Node Writable', async () => {
    const r = new HttpResponse();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        r.write(chunk);
        callback();
      },
    });
    await new Promise<void>((resolve) => sink.end('Café :)', resolve));
    expect(r.content).toEqual(Buffer.from('Café :)', 'utf8'));
  });

  it('setting content resets what was written', () => {
    const r = new HttpResponse('abc');
    r.write('def');
    r.content = 'x';
    expect(r.tell()).toBe(1);
    expect(r.text).toBe('x');
  });

  it('refuses a written chunk that is neither text nor bytes', () => {
    expect(() => new HttpResponse().write({} as never)).toThrow(/HttpResponse content chunks must be strings or bytes/);
  });
});

describe('toString() (Django repr)', () => {
  // RS::HttpResponseTests.test_repr
  it('shows the class, status and Content-Type', () => {
    const r = new HttpResponse(Buffer.from('Café :)'), { status: 201 });
    expect(r.toString()).toBe('<HttpResponse status_code=201, "text/html; charset=utf-8">');
    expect(String(r)).toBe(r.toString());
    expect(inspect(r)).toBe(r.toString());
  });

  // RS::HttpResponseTests.test_repr_no_content_type
  it('leaves out a missing Content-Type', () => {
    const r = new HttpResponse('', { status: 204 });
    r.delete('Content-Type');
    expect(r.toString()).toBe('<HttpResponse status_code=204>');
  });

  it('names a subclass', () => {
    expect(new HttpResponseNotFound().toString()).toBe(
      '<HttpResponseNotFound status_code=404, "text/html; charset=utf-8">',
    );
    expect(new JsonResponse({}).toString()).toBe('<JsonResponse status_code=200, "application/json">');
  });
});

describe('status responses', () => {
  // §1.10
  it.each([
    [HttpResponseBadRequest, 400, 'Bad Request'],
    [HttpResponseForbidden, 403, 'Forbidden'],
    [HttpResponseNotFound, 404, 'Not Found'],
    [HttpResponseGone, 410, 'Gone'],
    [HttpResponseServerError, 500, 'Internal Server Error'],
  ])('%p answers %d %s, takes content and init, and status can still be overridden', (Cls, status, reason) => {
    const r = new Cls('body', { headers: { 'X-A': '1' } });
    expect(r).toBeInstanceOf(HttpResponse);
    expect(r.statusCode).toBe(status);
    expect(r.reasonPhrase).toBe(reason);
    expect(r.text).toBe('body');
    expect(r.get('x-a')).toBe('1');
    expect(new Cls('', 'text/plain').get('Content-Type')).toBe('text/plain');
    expect(new Cls('', { status: 418 }).statusCode).toBe(418);
  });

  it('keeps HttpResponse at 200 after a subclass was built', () => {
    new HttpResponseNotFound();
    expect(new HttpResponse().statusCode).toBe(200);
    expect(HttpResponse.status).toBe(200);
  });

  describe('HttpResponseNotAllowed', () => {
    // HW::HttpResponseSubclassesTests.test_not_allowed
    it('answers 405 with Allow and an optional body', () => {
      const r = new HttpResponseNotAllowed(['GET']);
      expect(r.statusCode).toBe(405);
      expect(r.get('Allow')).toBe('GET');
      expect(r.content).toEqual(Buffer.alloc(0));
      const withBody = new HttpResponseNotAllowed(['GET'], 'Only the GET method is allowed');
      expect(withBody.text).toContain('Only the GET method is allowed');
    });

    it('keeps the methods as given, in order, without upper-casing', () => {
      expect(new HttpResponseNotAllowed(['post', 'GET']).get('Allow')).toBe('post, GET');
    });

    // §5 [run]: HttpResponseNotAllowed([]) gives Allow: ""
    it('sends an empty Allow for no methods', () => {
      expect(new HttpResponseNotAllowed([]).get('Allow')).toBe('');
    });

    // HW::HttpResponseSubclassesTests.test_not_allowed_repr
    it('shows the methods in toString()', () => {
      expect(new HttpResponseNotAllowed(['GET', 'OPTIONS'], undefined, 'text/plain').toString()).toBe(
        '<HttpResponseNotAllowed [GET, OPTIONS] status_code=405, "text/plain">',
      );
    });

    // HW::HttpResponseSubclassesTests.test_not_allowed_repr_no_content_type
    it('shows no Content-Type once it is removed', () => {
      const r = new HttpResponseNotAllowed(['GET', 'POST']);
      r.delete('Content-Type');
      expect(r.toString()).toBe('<HttpResponseNotAllowed [GET, POST] status_code=405>');
    });

    it.each([['GET'], [[1]], [undefined]])('refuses %p as the methods', (methods) => {
      expect(() => new HttpResponseNotAllowed(methods as never)).toThrow(TypeError);
      expect(() => new HttpResponseNotAllowed(methods as never)).toThrow(
        /HttpResponseNotAllowed needs the permitted methods as an array of strings/,
      );
    });

    it('refuses a method with a newline (header injection)', () => {
      expect(() => new HttpResponseNotAllowed(['GET\r\nX: y'])).toThrow(/Header values can't contain newlines/);
    });
  });

  describe('HttpResponseNotModified', () => {
    // HW::HttpResponseSubclassesTests.test_not_modified
    it('answers 304 without Content-Type', () => {
      const r = new HttpResponseNotModified();
      expect(r.statusCode).toBe(304);
      expect(r.reasonPhrase).toBe('Not Modified');
      expect(r.has('content-type')).toBe(false);
      expect(r.content).toEqual(Buffer.alloc(0));
    });

    // Deviation in kind: Django raises AttributeError; a TypeError here.
    it('refuses content', () => {
      const r = new HttpResponseNotModified();
      expect(() => {
        r.content = 'Hello dear';
      }).toThrow(TypeError);
      expect(() => {
        r.content = 'Hello dear';
      }).toThrow(/^You cannot set content to a 304 \(Not Modified\) response\.$/);
      expect(() => {
        r.content = [Buffer.from('x')];
      }).toThrow(/You cannot set content to a 304/);
    });

    // Django: a falsy value gives an empty body
    it.each([[''], [Buffer.alloc(0)], [[]], [null], [undefined]])('accepts the empty content %p', (content) => {
      const r = new HttpResponseNotModified();
      r.content = content as never;
      expect(r.content).toEqual(Buffer.alloc(0));
    });

    // Deviation: Django's 304 write() still appends [run]; here it throws.
    it('refuses write() of anything but nothing', () => {
      const r = new HttpResponseNotModified();
      expect(() => r.write('abc')).toThrow(/^You cannot write content to a 304 \(Not Modified\) response\.$/);
      r.write('');
      r.write(Buffer.alloc(0));
      expect(r.tell()).toBe(0);
    });

    // §5 [run]: a 304 keeps the other headers, never a Content-Type
    it('keeps other headers but drops any Content-Type it was given', () => {
      const fromOption = new HttpResponseNotModified({ contentType: 'text/plain', headers: { ETag: '"x"' } });
      expect([...fromOption.headers]).toEqual([['ETag', '"x"']]);
      const fromHeaders = new HttpResponseNotModified({ headers: { 'Content-Type': 'text/plain', Vary: 'Cookie' } });
      expect([...fromHeaders.headers]).toEqual([['Vary', 'Cookie']]);
      expect(new HttpResponseNotModified('text/plain').has('Content-Type')).toBe(false);
    });

    // HW::HttpResponseSubclassesTests.test_not_modified_repr
    it('shows no Content-Type in toString()', () => {
      expect(new HttpResponseNotModified().toString()).toBe('<HttpResponseNotModified status_code=304>');
    });
  });
});

describe('isHttpResponse', () => {
  it('recognises every response class', () => {
    expect(isHttpResponse(new HttpResponseBase())).toBe(true);
    expect(isHttpResponse(new HttpResponse())).toBe(true);
    expect(isHttpResponse(new HttpResponseNotModified())).toBe(true);
    expect(isHttpResponse(new JsonResponse({}))).toBe(true);
  });

  it('recognises a response from another copy of the package by its Symbol.for brand', () => {
    const foreign = Object.create({ [Symbol.for('express-httpresponse.HttpResponseBase')]: true }) as object;
    expect(isHttpResponse(foreign)).toBe(true);
    expect(RESPONSE_BRAND).toBe(Symbol.for('express-httpresponse.HttpResponseBase'));
  });

  it.each([[null], [undefined], ['x'], [{}], [new Response('x')], [{ statusCode: 200, headers: {} }]])(
    'rejects %p',
    (value) => {
      expect(isHttpResponse(value)).toBe(false);
    },
  );
});
