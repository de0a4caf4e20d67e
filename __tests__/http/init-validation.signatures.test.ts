/**
 * Every response constructor, `redirect()` and the cookie methods: a value in the wrong place
 * throws a TypeError naming the right call, and every "the options are …" list is the options
 * each one really takes (each listed option is accepted; the list is written out here by hand).
 * Called through untyped aliases, as a JavaScript port calls them.
 */
import type express from 'express';
import request from 'supertest';
import {
  EventStreamResponse,
  FileResponse,
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseNotAllowed,
  HttpResponseNotModified,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  httpErrorHandler,
  JsonResponse,
  ProblemDetailsResponse,
  redirect,
  SimpleTemplateResponse,
  StreamingHttpResponse,
  view,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

/** A value passed as untyped JavaScript passes it: typed `never`, which any parameter takes. */
const js = (value: unknown): never => value as never;

const RESPONSE = ['contentType', 'status', 'reason', 'charset', 'headers'];

/** A value each option accepts, to prove a listed option is taken. */
const SAMPLE: Record<string, unknown> = {
  contentType: 'text/plain',
  status: 200,
  reason: 'Fine',
  charset: 'utf-8',
  headers: { 'X-A': '1' },
  preserveRequest: true,
  maxLength: null,
  content: 'moved',
  safe: false,
  replacer: null,
  space: 2,
  escape: true,
  asAttachment: true,
  filename: 'a.txt',
  heartbeatMs: 0,
  heartbeat: 0,
  permanent: true,
  args: [],
  kwargs: {},
  maxAge: 60,
  maxAgeMs: 60_000,
  expires: new Date(Date.now() + 60_000),
  path: '/',
  domain: 'example.com',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
  partitioned: true,
  format: 'express',
  secret: 'shh',
  salt: '',
};

const withCookie = (call: (r: HttpResponse, opts: unknown) => unknown) => (opts: unknown) =>
  call(new HttpResponse('x'), opts);

/** [who, what the message calls it, make one with these options, the options it takes]. */
const CALLS: Array<[string, string, (opts: unknown) => unknown, string[]]> = [
  ['HttpResponse', 'HttpResponse', (o) => new HttpResponse('x', js(o)), RESPONSE],
  ['a status response', 'HttpResponseBadRequest', (o) => new HttpResponseBadRequest('x', js(o)), RESPONSE],
  [
    'HttpResponseNotAllowed',
    'HttpResponseNotAllowed',
    (o) => new HttpResponseNotAllowed(['GET'], 'x', js(o)),
    RESPONSE,
  ],
  ['HttpResponseNotModified', 'HttpResponseNotModified', (o) => new HttpResponseNotModified(js(o)), RESPONSE],
  ['StreamingHttpResponse', 'StreamingHttpResponse', (o) => new StreamingHttpResponse(['x'], js(o)), RESPONSE],
  ['SimpleTemplateResponse', 'SimpleTemplateResponse', (o) => new SimpleTemplateResponse('t', {}, js(o)), RESPONSE],
  [
    'JsonResponse',
    'JsonResponse',
    (o) => new JsonResponse({ a: 1 }, js(o)),
    [...RESPONSE, 'safe', 'replacer', 'space', 'escape'],
  ],
  [
    'ProblemDetailsResponse',
    'ProblemDetailsResponse',
    (o) => new ProblemDetailsResponse({ status: 400 }, js(o)),
    ['contentType', 'reason', 'charset', 'headers', 'replacer', 'space', 'escape'],
  ],
  [
    'FileResponse',
    'FileResponse',
    (o) => new FileResponse(Buffer.from('x'), js(o)),
    [...RESPONSE, 'asAttachment', 'filename', 'root', 'dotfiles'],
  ],
  [
    'EventStreamResponse',
    'EventStreamResponse',
    (o) => new EventStreamResponse([], js(o)),
    ['status', 'reason', 'charset', 'headers', 'heartbeatMs', 'heartbeat'],
  ],
  [
    'HttpResponseRedirect',
    'HttpResponseRedirect',
    (o) => new HttpResponseRedirect('/x', js(o)),
    [...RESPONSE, 'preserveRequest', 'maxLength', 'content'],
  ],
  [
    'HttpResponsePermanentRedirect',
    'HttpResponsePermanentRedirect',
    (o) => new HttpResponsePermanentRedirect('/x', js(o)),
    [...RESPONSE, 'preserveRequest', 'maxLength', 'content'],
  ],
  [
    'redirect()',
    'redirect()',
    (o) => redirect('/x', js(o)),
    [...RESPONSE, 'preserveRequest', 'maxLength', 'content', 'permanent', 'args', 'kwargs'],
  ],
  [
    'setCookie()',
    'setCookie()',
    withCookie((r, o) => r.setCookie('c', 'v', js(o))),
    ['maxAge', 'maxAgeMs', 'expires', 'path', 'domain', 'secure', 'httpOnly', 'sameSite', 'partitioned'],
  ],
  [
    'setSignedCookie()',
    'setSignedCookie()',
    withCookie((r, o) => r.setSignedCookie('c', 'v', js(o))),
    [
      'maxAge',
      'maxAgeMs',
      'expires',
      'path',
      'domain',
      'secure',
      'httpOnly',
      'sameSite',
      'partitioned',
      'format',
      'secret',
      'salt',
    ],
  ],
  [
    'deleteCookie()',
    'deleteCookie()',
    withCookie((r, o) => r.deleteCookie('c', js(o))),
    ['path', 'domain', 'sameSite'],
  ],
];

/** The options a message lists: "the options are a, b and c." → [a, b, c]. */
function listed(message: string): string[] {
  const match = /the options are (.*)\.$/.exec(message);
  if (match === null) throw new Error(`no list of options in: ${message}`);
  return (match[1] as string).split(/, | and /);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('did not throw');
}

describe('every list of valid options is the real one', () => {
  it.each(CALLS)('%s lists exactly the options it takes', (_who, what, make, options) => {
    const err = thrown(() => make({ colour: 'red' }));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message.startsWith(`${what} has no option "colour": the options are `)).toBe(true);
    expect(listed(err.message)).toEqual(options);
  });

  it.each(CALLS)('%s accepts each option it lists', (_who, _what, make, options) => {
    for (const option of options) {
      let message = '';
      try {
        make({ [option]: SAMPLE[option] });
      } catch (err) {
        message = (err as Error).message;
      }
      // Some options need others (salt needs format: 'django'): never "has no option", though.
      expect(message).not.toMatch(/has no option/);
    }
  });

  it.each(CALLS)('%s suggests the camelCase of a Django spelling it takes', (_who, what, make, options) => {
    const [first] = options;
    const snake = (first as string).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snake === first) return;
    expect(() => make({ [snake]: SAMPLE[first as string] })).toThrow(
      new TypeError(`${what} has no option ${JSON.stringify(snake)}: did you mean ${first as string}?`),
    );
  });
});

describe('a redirect status in the wrong place throws, naming the call', () => {
  it.each<[string, () => unknown, string]>([
    [
      "new HttpResponseRedirect('/x', 301)",
      () => new HttpResponseRedirect('/x', js(301)),
      'HttpResponseRedirect takes (url, options): for a 301, write new HttpResponsePermanentRedirect("/x") (got 301).',
    ],
    [
      "new HttpResponseRedirect('/x', 307)",
      () => new HttpResponseRedirect('/x', js(307)),
      'HttpResponseRedirect takes (url, options): for a 307, write new HttpResponseRedirect("/x", { preserveRequest: true }) (got 307).',
    ],
    [
      "new HttpResponsePermanentRedirect('/x', 308)",
      () => new HttpResponsePermanentRedirect('/x', js(308)),
      'HttpResponsePermanentRedirect takes (url, options): for a 308, write new HttpResponsePermanentRedirect("/x", { preserveRequest: true }) (got 308).',
    ],
    [
      "new HttpResponseRedirect('/x', 303)",
      () => new HttpResponseRedirect('/x', js(303)),
      'HttpResponseRedirect takes (url, options): for a 303, write new HttpResponseRedirect("/x", { status: 303 }) (got 303).',
    ],
    [
      "Express's order, new HttpResponseRedirect(301, '/x')",
      () => new HttpResponseRedirect(js(301), js('/x')),
      'HttpResponseRedirect takes the URL first, then the options (Express\'s res.redirect(status, url) order is not taken): write new HttpResponsePermanentRedirect("/x") (got 301, "/x").',
    ],
    [
      "Django's positional preserve_request, new HttpResponseRedirect('/x', true)",
      () => new HttpResponseRedirect('/x', js(true)),
      'HttpResponseRedirect takes (url, options): Django\'s positional preserve_request is an option here, new HttpResponseRedirect("/x", { preserveRequest: true }) (got true).',
    ],
    [
      "a body in the options' place, new HttpResponseRedirect('/x', 'Moved')",
      () => new HttpResponseRedirect('/x', js('Moved')),
      'HttpResponseRedirect takes (url, options): a body is the content option and a content type the contentType option, new HttpResponseRedirect("/x", { content: "Moved" }) (got "Moved").',
    ],
    [
      "redirect('/x', 301)",
      () => redirect('/x', js(301)),
      'redirect() takes (to, options): for a 301, write redirect("/x", { permanent: true }) (got 301).',
    ],
    [
      "redirect('/x', 308)",
      () => redirect('/x', js(308)),
      'redirect() takes (to, options): for a 308, write redirect("/x", { permanent: true, preserveRequest: true }) (got 308).',
    ],
    [
      "redirect('/x', 303)",
      () => redirect('/x', js(303)),
      'redirect() takes (to, options): for a 303, write redirect("/x", { status: 303 }) (got 303).',
    ],
    [
      "Django's positional permanent, redirect('/x', true)",
      () => redirect('/x', js(true)),
      'redirect() takes (to, options): Django\'s positional permanent is an option here, redirect("/x", { permanent: true }) (got true).',
    ],
    [
      "Express's order, redirect(301, '/x')",
      () => redirect(js(301), js('/x')),
      'redirect() takes (to, options): the URL goes first (Express\'s res.redirect(status, url) order is not taken): redirect("/x", { permanent: true }) (got "/x").',
    ],
  ])('%s', (_call, make, message) => {
    expect(make).toThrow(new TypeError(message));
  });
});

describe('a status or body in the wrong place of the other constructors throws, naming the call', () => {
  it.each<[string, () => unknown, RegExp]>([
    [
      "Express's order, new HttpResponse(404, 'Not found')",
      () => new HttpResponse(404, 'Not found'),
      /^HttpResponse's string option is the content type \(Django's content_type\), and "Not found" is not one: pass the body first and the status as an option, new HttpResponse\("Not found", \{ status: 404 \}\)/,
    ],
    [
      "new HttpResponse('x', 'Not found')",
      () => new HttpResponse('x', 'Not found'),
      /new HttpResponse\("Not found", \{ status: … \}\)/,
    ],
    ["new HttpResponse('x', 404)", () => new HttpResponse('x', js(404)), /new HttpResponse\(…, \{ status: 404 \}\)/],
    [
      'new JsonResponse(data, 201)',
      () => new JsonResponse({ a: 1 }, js(201)),
      /^JsonResponse takes \(data, options\): pass the status as an option, new JsonResponse\(data, \{ status: 201 \}\) \(got 201\)\.$/,
    ],
    [
      'new FileResponse(bytes, 200)',
      () => new FileResponse(Buffer.from('x'), js(200)),
      /new FileResponse\(…, \{ status: 200 \}\)/,
    ],
    [
      "new StreamingHttpResponse(chunks, 'Not found')",
      () => new StreamingHttpResponse(['x'], 'Not found'),
      /and "Not found" is not one/,
    ],
    [
      'new HttpResponseNotModified(304)',
      () => new HttpResponseNotModified(js(304)),
      /new HttpResponseNotModified\(…, \{ status: 304 \}\)/,
    ],
    ["setCookie('c', 'v', 3600)", () => new HttpResponse().setCookie('c', 'v', js(3600)), /\{ maxAge: 3600 \}/],
  ])('%s', (_call, make, message) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  it('still takes a real content type as the string option', () => {
    expect(new HttpResponse('a,b', 'text/csv').get('Content-Type')).toBe('text/csv');
    expect(new HttpResponse('a,b', 'text/csv', 201).statusCode).toBe(201);
  });
});

describe.each(expressVersions)('over HTTP on %s', (_label, createApp) => {
  function app(make: () => unknown): express.Express {
    const a = createApp();
    a.set('env', 'test');
    a.get(
      '/',
      view(() => make() as HttpResponse),
    );
    a.use(httpErrorHandler({ debug: true, log: () => {} }));
    return a;
  }

  it('a redirect with a positional status is a 500 naming the fix, never a silent 302', async () => {
    const res = await request(app(() => new HttpResponseRedirect('/x', js(301))))
      .get('/')
      .set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.headers['location']).toBeUndefined();
    expect(res.body.detail).toContain('new HttpResponsePermanentRedirect(\\"/x\\")'.replace(/\\/g, ''));
  });

  it("redirect('/x', true) is a 500 naming redirect('/x', { permanent: true })", async () => {
    const res = await request(app(() => redirect('/x', js(true))))
      .get('/')
      .set('Accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body.detail).toContain('redirect("/x", { permanent: true })');
  });

  it.each<[string, () => unknown, number]>([
    ['redirect(url, { permanent: true })', () => redirect('/x', { permanent: true }), 301],
    ['redirect(url, { status: 303 })', () => redirect('/x', { status: 303 }), 303],
    [
      'new HttpResponsePermanentRedirect(url, { preserveRequest: true })',
      () => new HttpResponsePermanentRedirect('/x', { preserveRequest: true }),
      308,
    ],
  ])('the call the message names answers as meant: %s', async (_call, make, status) => {
    const res = await request(app(make)).get('/');
    expect(res.status).toBe(status);
    expect(res.headers['location']).toBe('/x');
  });
});
