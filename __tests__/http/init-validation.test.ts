/**
 * Django spellings in plain JavaScript: what TypeScript would catch must not pass silently.
 * The constructors are called through an untyped alias, as a JavaScript file calls them.
 */
import request from 'supertest';
import {
  FileResponse,
  HttpResponse,
  HttpResponseNotFound,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  view,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

type Untyped = new (...args: unknown[]) => HttpResponse;
const JsHttpResponse = HttpResponse as unknown as Untyped;

describe('unknown options name the fix', () => {
  it.each([
    ['content_type', 'HttpResponse has no option "content_type": did you mean contentType?'],
    ['status_code', 'HttpResponse has no option "status_code": did you mean status?'],
    ['reason_phrase', 'HttpResponse has no option "reason_phrase": did you mean reason?'],
    ['contenttype', 'HttpResponse has no option "contenttype": did you mean contentType?'],
    ['content', 'HttpResponse has no option "content": pass the content as the first argument.'],
    [
      'colour',
      'HttpResponse has no option "colour": the options are contentType, status, reason, charset and headers.',
    ],
  ])('HttpResponse refuses %j', (field, message) => {
    expect(() => new JsHttpResponse('x', { [field]: 'text/plain' })).toThrow(new TypeError(message));
  });

  it("refuses the issue's example rather than answering 200 text/html", () => {
    expect(() => new JsHttpResponse('x', { content_type: 'text/plain', status_code: 404 })).toThrow(
      /did you mean contentType\?/,
    );
  });

  it.each([
    [
      'HttpResponseNotFound',
      () => new (HttpResponseNotFound as unknown as Untyped)('x', { status_code: 410 }),
      'HttpResponseNotFound has no option "status_code": did you mean status?',
    ],
    [
      'StreamingHttpResponse',
      () => new (StreamingHttpResponse as unknown as Untyped)(['x'], { content_type: 'text/csv' }),
      'StreamingHttpResponse has no option "content_type": did you mean contentType?',
    ],
    [
      'FileResponse',
      () => new (FileResponse as unknown as Untyped)(Buffer.from('x'), { as_attachment: true }),
      'FileResponse has no option "as_attachment": did you mean asAttachment?',
    ],
    [
      'JsonResponse',
      () => new (JsonResponse as unknown as Untyped)({ a: 1 }, { json_dumps_params: { indent: 2 } }),
      'JsonResponse has no option "json_dumps_params": pass JSON.stringify options as replacer and space.',
    ],
    [
      'HttpResponseRedirect',
      () => new (HttpResponseRedirect as unknown as Untyped)('/next', { status_code: 303 }),
      'HttpResponseRedirect has no option "status_code": did you mean status?',
    ],
  ])('%s refuses a Django spelling', (_name, make, message) => {
    expect(make).toThrow(new TypeError(message));
  });

  it('accepts every documented option, and undefined values', () => {
    const r = new HttpResponse('x', {
      contentType: 'text/plain',
      status: 201,
      reason: 'Made',
      charset: 'utf-8',
      headers: { 'X-A': '1' },
    });
    expect([r.statusCode, r.reasonPhrase, r.get('X-A')]).toEqual([201, 'Made', '1']);
    expect(new JsHttpResponse('x', { status: undefined }).statusCode).toBe(200);
    expect(
      new FileResponse(Buffer.from('x'), { asAttachment: true, filename: 'a.txt', status: 200 }).asAttachment,
    ).toBe(true);
  });
});

describe('wrong types name the fix', () => {
  it.each([
    [
      404,
      'HttpResponse options must be an object; pass the status as an option: new HttpResponse(…, { status: 404 }) (got 404).',
    ],
    [
      true,
      'HttpResponse options must be an object; pass { contentType, status, … } or a content type string (got true).',
    ],
    [
      ['text/plain'],
      'HttpResponse options must be an object; pass { contentType, status, … } or a content type string (got an Array).',
    ],
  ])('refuses options %p', (init, message) => {
    expect(() => new JsHttpResponse('x', init)).toThrow(new TypeError(message));
  });

  it('refuses a contentType that is not a string', () => {
    expect(() => new JsHttpResponse('x', { contentType: 5 })).toThrow(
      new TypeError('HttpResponse option contentType must be a string (got 5).'),
    );
  });

  it('refuses FileResponse options of the wrong type', () => {
    expect(() => new (FileResponse as unknown as Untyped)(Buffer.from('x'), { asAttachment: 'yes' })).toThrow(
      new TypeError('FileResponse option asAttachment must be true or false (got "yes").'),
    );
  });
});

describe("Django's positional arguments: HttpResponse(content, content_type, status, reason, charset, headers)", () => {
  it('takes status after the content type, as Django does', () => {
    const r = new HttpResponse('x', 'text/plain', 404);
    expect([r.statusCode, r.get('Content-Type')]).toEqual([404, 'text/plain']);
  });

  it('takes reason, charset and headers in order, null for a default', () => {
    const r = new HttpResponse('x', null, 418, 'Short and stout', 'iso-8859-1', { 'X-Tea': 'yes' });
    expect([r.statusCode, r.reasonPhrase, r.charset, r.get('X-Tea'), r.get('Content-Type')]).toEqual([
      418,
      'Short and stout',
      'iso-8859-1',
      'yes',
      'text/html; charset=iso-8859-1',
    ]);
  });

  it("ends with an options object for Django's keyword arguments", () => {
    // django-angular: HttpResponse(out_data, self.json_content_type, status=status)
    const r = new HttpResponse('{}', 'application/json;charset=UTF-8', { status: 400 });
    expect([r.statusCode, r.get('Content-Type')]).toEqual([400, 'application/json;charset=UTF-8']);
    expect(new HttpResponse('x', 'text/plain', 201, { reason: 'Made' }).reasonPhrase).toBe('Made');
  });

  it('works for the status subclasses too', () => {
    expect(new HttpResponseNotFound('gone', 'text/plain', 410).statusCode).toBe(410);
  });

  it('refuses an argument given both ways', () => {
    expect(() => new HttpResponse('x', 'text/plain', 404, { status: 410 })).toThrow(
      new TypeError('HttpResponse got status both as a positional argument and as an option; pass it once.'),
    );
    expect(() => new HttpResponse('x', 'text/plain', { contentType: 'text/csv' })).toThrow(/got contentType both/);
  });

  it('refuses unknown keywords after positional arguments', () => {
    expect(() => new JsHttpResponse('x', 'text/plain', { status_code: 404 })).toThrow(
      new TypeError('HttpResponse has no option "status_code": did you mean status?'),
    );
  });

  it('refuses an argument too many, or anything after the options', () => {
    expect(() => new JsHttpResponse('x', 'text/plain', 200, 'OK', 'utf-8', {}, 'more')).toThrow(
      /takes at most \(content, contentType, status, reason, charset, headers\) and then an options object; remove the extra argument \(got "more"\)\./,
    );
    expect(() => new JsHttpResponse('x', { status: 404 }, 'text/plain')).toThrow(
      new TypeError(
        'HttpResponse takes (content, options) or Django\'s (content, contentType, status, reason, charset, headers); after an options object nothing may follow (got "text/plain").',
      ),
    );
    expect(() => new JsHttpResponse('x', 'text/plain', { status: 404 }, 'Not Found')).toThrow(
      /remove the extra argument \(got "Not Found"\)/,
    );
  });

  it('checks positional values as the options are checked', () => {
    expect(() => new JsHttpResponse('x', 'text/plain', 'abc')).toThrow(TypeError);
    expect(() => new JsHttpResponse('x', 'text/plain', 'abc')).toThrow(/HTTP status code must be an integer/);
    expect(() => new JsHttpResponse('x', 'text/plain', 99)).toThrow(RangeError);
  });
});

describe("Django's positional arguments: StreamingHttpResponse(streaming_content, content_type, status, ...)", () => {
  type UntypedStreaming = new (...args: unknown[]) => StreamingHttpResponse;
  const JsStreaming = StreamingHttpResponse as unknown as UntypedStreaming;

  it('takes status, reason and charset after the content type, as Django does', () => {
    const response = new StreamingHttpResponse(['a,b\n'], 'text/csv', 404, 'Missing', 'latin-1');
    expect([response.statusCode, response.reasonPhrase, response.charset]).toEqual([404, 'Missing', 'latin-1']);
    expect(response.get('Content-Type')).toBe('text/csv');
  });

  it('refuses an argument given both ways, one too many, or anything after the options', () => {
    expect(() => new StreamingHttpResponse([], 'text/csv', 404, { status: 410 })).toThrow(
      'StreamingHttpResponse got status both as a positional argument and as an option; pass it once.',
    );
    expect(() => new JsStreaming([], { status: 404 }, 'text/csv')).toThrow(
      /StreamingHttpResponse takes \(streamingContent, options\) or Django's .*nothing may follow \(got "text\/csv"\)\./,
    );
    expect(() => new JsStreaming([], 'text/csv', 200, 'OK', 'utf-8', {}, 'more')).toThrow(
      /remove the extra argument \(got "more"\)/,
    );
  });
});

describe("JsonResponse: Django's positional encoder and safe are options", () => {
  type UntypedJson = new (...args: unknown[]) => JsonResponse;
  const JsJson = JsonResponse as unknown as UntypedJson;

  it.each([
    ['safe as the second argument', [[1, 2], false], 'false'],
    ['an encoder as the second argument', [{ a: 1 }, function DjangoJSONEncoder() {}], 'function DjangoJSONEncoder'],
    ['a content type string', [{ a: 1 }, 'application/json'], '"application/json"'],
    ['a third argument', [{ a: 1 }, {}, false], 'false'],
  ])('refuses %s, naming the option', (_what, args, got) => {
    expect(() => new JsJson(...args)).toThrow(TypeError);
    expect(() => new JsJson(...args)).toThrow(
      "JsonResponse takes (data, options): Django's positional encoder, safe and json_dumps_params are options here, e.g. new JsonResponse(data, { safe: false, replacer, space }) (got " +
        got,
    );
  });

  it('still takes (data), (data, undefined) and (data, options)', () => {
    expect(new JsonResponse({ a: 1 }).text).toBe('{"a":1}');
    expect(new JsonResponse({ a: 1 }, undefined).text).toBe('{"a":1}');
    expect(new JsonResponse([1], { safe: false, status: 201 }).statusCode).toBe(201);
  });
});

describe('setCookie, setSignedCookie and deleteCookie options', () => {
  const r = (): HttpResponse => new HttpResponse();
  const untyped = (response: HttpResponse, method: 'setCookie' | 'setSignedCookie' | 'deleteCookie') =>
    (response[method] as (...args: unknown[]) => HttpResponse).bind(response);

  it.each([
    ['max_age', 'setCookie() has no option "max_age": did you mean maxAge?'],
    ['httponly', 'setCookie() has no option "httponly": did you mean httpOnly?'],
    ['samesite', 'setCookie() has no option "samesite": did you mean sameSite?'],
    [
      'signed',
      'setCookie() has no option "signed": Express\'s signed cookie is setSignedCookie(name, value, options).',
    ],
  ])('setCookie refuses %j', (field, message) => {
    expect(() => untyped(r(), 'setCookie')('sessionid', 'abc', { [field]: 1 })).toThrow(new TypeError(message));
  });

  it("refuses Django's positional max_age and further positional arguments", () => {
    expect(() => untyped(r(), 'setCookie')('sessionid', 'abc', 3600)).toThrow(
      new TypeError(
        "setCookie() options must be an object; pass Django's positional max_age as { maxAge: 3600 } (got 3600).",
      ),
    );
    expect(() => untyped(r(), 'setCookie')('sessionid', 'abc', {}, '/')).toThrow(
      /setCookie\(\) takes \(name, value, options\); pass Django's other positional arguments as options/,
    );
    expect(() => untyped(r(), 'setSignedCookie')('k', 'v', 'pepper')).toThrow(
      new TypeError(
        'setSignedCookie() options must be an object; pass Django\'s positional salt as { salt: "pepper" } (got "pepper").',
      ),
    );
    expect(() => untyped(r(), 'deleteCookie')('k', '/admin')).toThrow(
      new TypeError(
        'deleteCookie() options must be an object; pass Django\'s positional path as { path: "/admin" } (got "/admin").',
      ),
    );
  });

  it('refuses options of the wrong type', () => {
    expect(() => untyped(r(), 'setCookie')('k', 'v', { secure: 'true' })).toThrow(
      new TypeError('setCookie() option secure must be true or false (got "true").'),
    );
    expect(() => untyped(r(), 'setCookie')('k', 'v', { path: 5 })).toThrow(
      new TypeError('setCookie() option path must be a string or null (got 5).'),
    );
    expect(() => untyped(r(), 'setCookie')('k', 'v', { domain: false })).toThrow(/option domain must be a string/);
    expect(() => untyped(r(), 'setSignedCookie')('k', 'v', { secret: 's', max_age: 5 })).toThrow(
      /setSignedCookie\(\) has no option "max_age": did you mean maxAge\?/,
    );
    expect(() => untyped(r(), 'deleteCookie')('k', { max_age: 0 })).toThrow(
      /deleteCookie\(\) has no option "max_age": the options are path, domain and sameSite\./,
    );
  });

  it('accepts the documented options', () => {
    const response = r()
      .setCookie('a', '1', {
        maxAge: 60,
        path: '/x',
        domain: 'example.com',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      })
      .setSignedCookie('b', '2', { secret: 's', salt: 'x', format: 'django' })
      .deleteCookie('c', { path: '/', sameSite: 'None' });
    expect(response.cookies.values().map((cookie) => cookie.name)).toEqual(['a', 'b', 'c']);
  });
});

describe.each(expressVersions)('over HTTP (%s)', (_label, createApp) => {
  it("answers Django's positional status and content type", async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new HttpResponse('missing', 'text/plain', 404)),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.text).toBe('missing');
  });

  it("streams with Django's positional status and content type", async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new StreamingHttpResponse(['a,', 'b\n'], 'text/csv', 404)),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.text).toBe('a,b\n');
  });

  it('sends a Django spelling to the error handler with the fix in the message', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new JsHttpResponse('x', { content_type: 'text/plain' })),
    );
    const errors: unknown[] = [];
    app.use((err: unknown, _req: unknown, res: { status(code: number): { end(): void } }, _next: unknown) => {
      errors.push(err);
      res.status(500).end();
    });
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(String(errors[0])).toBe('TypeError: HttpResponse has no option "content_type": did you mean contentType?');
  });
});
