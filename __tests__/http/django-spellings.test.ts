/**
 * Django spellings that JavaScript would silently accept as new properties: snake_case
 * attributes, read or assigned, and `response['X-Foo'] = v`, fail with what to write.
 */
import '../../lib/testing/jest-setup';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import {
  FileResponse,
  HttpResponse,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  sendResponse,
  view,
  type HttpResponseBase,
} from '../../lib/index.js';
import { RequestFactory } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';

/** A response seen as a plain JavaScript object, as a .js file would use it. */
const untyped = (response: HttpResponseBase): Record<string, unknown> => response as unknown as Record<string, unknown>;

const responses: Array<[string, () => HttpResponseBase]> = [
  ['HttpResponse', () => new HttpResponse('x')],
  ['JsonResponse', () => new JsonResponse({ a: 1 })],
  ['StreamingHttpResponse', () => new StreamingHttpResponse(['x'])],
  ['FileResponse', () => new FileResponse(Buffer.from('x'))],
  ['HttpResponseRedirect', () => new HttpResponseRedirect('/next')],
];

describe.each(responses)("%s: Django's snake_case names throw with the name to write", (className, make) => {
  it.each([
    ['status_code', 'statusCode'],
    ['reason_phrase', 'reasonPhrase'],
    ['content_type', "the contentType option, or get('Content-Type')"],
    ['streaming_content', 'streamingContent'],
    ['set_cookie', 'setCookie()'],
    ['delete_cookie', 'deleteCookie()'],
    ['set_signed_cookie', 'setSignedCookie()'],
    ['has_header', 'has()'],
    ['get_value', 'getvalue()'],
    ['setdefault', 'setDefault()'],
    ['items', 'headers (iterable: for (const [name, value] of response.headers))'],
    ['as_attachment', 'asAttachment'],
  ])('response.%s, read and assigned', (name, fix) => {
    const response = untyped(make());
    expect(() => response[name]).toThrow(
      new TypeError(`${className} has no ${name}: that is Django's spelling; write ${fix} (got response.${name}).`),
    );
    expect(() => {
      response[name] = 201;
    }).toThrow(
      new TypeError(`${className} has no ${name}: that is Django's spelling; write ${fix} (got response.${name} = …).`),
    );
  });

  it('the names Django and this package share still work', () => {
    const response = make();
    expect(response.statusCode).toBeGreaterThanOrEqual(200);
    expect(response.readable()).toBe(false);
    expect(response.get('X-None')).toBeUndefined();
    expect(Object.keys(response)).not.toContain('status_code');
  });
});

describe('the assignment a Django port writes most', () => {
  it('response.status_code = 201 no longer leaves the status at 200', () => {
    const response = untyped(new HttpResponse('created'));
    expect(() => {
      response.status_code = 201;
    }).toThrow(/write statusCode/);
  });

  it('getvalue(), tell(), write() keep their Django names', () => {
    const response = new HttpResponse();
    response.write('ab');
    expect(response.tell()).toBe(2);
    expect(response.getvalue().toString()).toBe('ab');
  });
});

describe.each(expressVersions)("response['X-Foo'] = v, Django's header assignment, on %s", (_label, createApp) => {
  /** An app whose one view sets `key` by bracket assignment, and the error it reports. */
  function appAssigning(key: string, make: () => HttpResponseBase = () => new HttpResponse('body')) {
    const errors: unknown[] = [];
    const app = createApp();
    app.get(
      '/',
      view(() => {
        const response = make();
        untyped(response)[key] = 'bar';
        return response;
      }),
    );
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      errors.push(err);
      res.status(500).send('failed');
    });
    return { app, errors };
  }

  it.each(['X-Foo', 'Content-Disposition', 'Location', 'Allow'])(
    "response['%s'] = 'bar' fails the request loudly, naming response.set()",
    async (key) => {
      const { app, errors } = appAssigning(key);
      const res = await request(app).get('/');
      expect(res.status).toBe(500);
      expect(res.headers[key.toLowerCase()]).toBeUndefined();
      expect(errors).toEqual([
        new TypeError(
          `HttpResponse was given response["${key}"] = "bar": in JavaScript that sets a property, not a header, and nothing sends it. Write response.set("${key}", "bar") (Django's response["${key}"] = …).`,
        ),
      ]);
    },
  );

  it('a streamed response is refused the same way, before anything is sent', async () => {
    const { app, errors } = appAssigning('X-Foo', () => new StreamingHttpResponse(['a', 'b']));
    expect((await request(app).get('/')).status).toBe(500);
    expect(String(errors[0])).toMatch(/Write response\.set\("X-Foo", "bar"\)/);
  });

  it("a subclass's own camelCase fields are not mistaken for headers", async () => {
    class TaggedResponse extends HttpResponse {
      tag = 'v1';
      readonly createdAt = 0;
    }
    const app = createApp();
    app.get(
      '/',
      view(() => new TaggedResponse('tagged').set('X-Foo', 'bar')),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['x-foo']).toBe('bar');
  });
});

describe("response['X-Foo'] = v outside view()", () => {
  it('sendResponse() rejects with the fix', async () => {
    const req = new RequestFactory().get('/');
    const response = new HttpResponse('x');
    untyped(response)['Cache-Control'] = 'no-cache';
    await expect(sendResponse(req.res, response)).rejects.toThrow(/Write response\.set\("Cache-Control", "no-cache"\)/);
  });

  it('the matchers, on a response object, fail with the fix instead of "no such header"', () => {
    const response = new HttpResponse('x');
    untyped(response)['X-Foo'] = 'bar';
    expect(() => expect(response).toHaveHeader('X-Foo', 'bar')).toThrow(/Write response\.set\("X-Foo", "bar"\)/);
  });
});
