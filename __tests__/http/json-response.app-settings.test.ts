/**
 * `JsonResponse` follows the app's `json spaces`, `json replacer` and `json escape` settings,
 * as `res.json()` does, unless the response was given its own; over HTTP on Express 4 and 5.
 */
import type express from 'express';
import request from 'supertest';
import {
  JsonResponse,
  ProblemDetailsResponse,
  djangoJsonReplacer,
  view,
  type HttpResponseBase,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe.each(expressVersions)('JsonResponse and the app JSON settings on %s', (_label, createApp) => {
  function appWith(settings: Record<string, unknown>, make: () => HttpResponseBase): express.Express {
    const app = createApp();
    for (const [name, value] of Object.entries(settings)) app.set(name, value);
    app.get(
      '/',
      view(() => make()),
    );
    return app;
  }
  const dropUnderscored = (key: string, value: unknown): unknown => (key.startsWith('_') ? undefined : value);

  it('writes compact JSON when the app sets nothing', async () => {
    const res = await request(appWith({}, () => new JsonResponse({ a: '<b>', n: 1 }))).get('/');
    expect(res.text).toBe('{"a":"<b>","n":1}');
  });

  it('honours all three settings together', async () => {
    const app = appWith(
      { 'json spaces': '\t', 'json replacer': dropUnderscored, 'json escape': true },
      () => new JsonResponse({ a: '<&>', _id: 1 }),
    );
    const res = await request(app).get('/');
    expect(res.text).toBe('{\n\t"a": "\\u003c\\u0026\\u003e"\n}');
    expect(JSON.parse(res.text)).toEqual({ a: '<&>' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
  });

  it.each<[string, () => JsonResponse, string]>([
    ['space', () => new JsonResponse({ a: 1, _b: 2 }, { space: 0 }), '{"a":1}'],
    ['replacer', () => new JsonResponse({ a: 1, _b: 2 }, { replacer: null }), '{\n  "a": 1,\n  "_b": 2\n}'],
    ['escape', () => new JsonResponse({ a: '<' }, { escape: false }), '{\n  "a": "<"\n}'],
  ])("a response's own %s wins over the app's setting, the other settings still apply", async (_own, make, body) => {
    const app = appWith({ 'json spaces': 2, 'json replacer': dropUnderscored, 'json escape': true }, make);
    expect((await request(app).get('/')).text).toBe(body);
  });

  it('keeps the Django encodings (BigInt, Map, Set) under json spaces', async () => {
    const app = appWith(
      { 'json spaces': 1 },
      () => new JsonResponse({ n: 10n, s: new Set([1]), m: new Map([['k', 'v']]) }),
    );
    expect(JSON.parse((await request(app).get('/')).text)).toEqual({ n: '10', s: [1], m: { k: 'v' } });
  });

  it("uses the app's json replacer instead of the Django one, as res.json does", async () => {
    const app = appWith(
      { 'json replacer': (_k: string, v: unknown) => (typeof v === 'number' ? v * 2 : v) },
      () => new JsonResponse({ n: 2 }),
    );
    expect((await request(app).get('/')).text).toBe('{"n":4}');
    const own = appWith(
      { 'json replacer': dropUnderscored },
      () => new JsonResponse({ n: 1n }, { replacer: djangoJsonReplacer }),
    );
    expect((await request(own).get('/')).text).toBe('{"n":"1"}');
  });

  it('leaves a body the view rewrote as it is', async () => {
    const app = appWith({ 'json spaces': 2 }, () => {
      const response = new JsonResponse({ a: 1 });
      response.content = '{"rewritten":true}';
      return response;
    });
    expect((await request(app).get('/')).text).toBe('{"rewritten":true}');
  });

  it('re-encodes a body that was only read (not changed) since', async () => {
    const app = appWith({ 'json spaces': 2 }, () => {
      const response = new JsonResponse({ a: 1 });
      expect(response.text).toBe('{"a":1}');
      return response;
    });
    expect((await request(app).get('/')).text).toBe('{\n  "a": 1\n}');
  });

  it('applies to ProblemDetailsResponse, a JsonResponse', async () => {
    const app = appWith({ 'json spaces': 2 }, () => new ProblemDetailsResponse({ status: 409, detail: 'x' }));
    const res = await request(app).get('/');
    expect(res.status).toBe(409);
    expect(res.text).toContain('\n  "status": 409');
  });

  it("follows a mounted app's settings, inherited from its parent as Express inherits them", async () => {
    const parent = createApp();
    parent.set('json spaces', 2);
    const child = createApp();
    child.get(
      '/',
      view(() => new JsonResponse({ a: 1 })),
    );
    parent.use('/child', child);
    expect((await request(parent).get('/child/')).text).toBe('{\n  "a": 1\n}');
  });

  it('gives an ETag of the bytes sent', async () => {
    const app = appWith({ 'json spaces': 2 }, () => new JsonResponse({ a: 1 }));
    const first = await request(app).get('/');
    const again = await request(app)
      .get('/')
      .set('If-None-Match', first.headers['etag'] as string);
    expect(again.status).toBe(304);
    const compact = await request(appWith({}, () => new JsonResponse({ a: 1 }))).get('/');
    expect(compact.headers['etag']).not.toBe(first.headers['etag']);
  });

  it('refuses an escape option that is not a boolean', () => {
    expect(() => new JsonResponse({}, { escape: 'yes' as never })).toThrow(
      new TypeError('JsonResponse option escape must be true or false (got "yes").'),
    );
  });
});
