/**
 * The matchers themselves: passing and failing, with and without `.not`, on a response
 * object and on a supertest response (Express 4 and 5), each failure message asserted.
 */
import '../../lib/testing/jest-setup';
import request from 'supertest';
import {
  HttpResponse,
  HttpResponseNotFound,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  view,
} from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

// Jest colours its messages when the terminal does; the text is what is asserted.
// eslint-disable-next-line no-control-regex -- ANSI colour codes
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The message of the assertion `run` makes, which must fail. */
async function failure(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    return plain((err as Error).message);
  }
  throw new Error('the assertion passed');
}

/** The message without the start of the body every failure ends with (asserted on its own below). */
async function failureHead(run: () => unknown): Promise<string> {
  return (await failure(run)).replace(
    /\n\nReceived body: (?:"[^]*|\(a stream, not read by this synchronous matcher\))$/,
    '',
  );
}

describe('toHaveStatus(code)', () => {
  it('passes and fails on a response object', async () => {
    expect(new HttpResponseNotFound()).toHaveStatus(404);
    expect(new HttpResponse()).not.toHaveStatus(404);
    expect(await failureHead(() => expect(new HttpResponse()).toHaveStatus(404))).toBe(
      'expect(received).toHaveStatus(code)\n\nExpected status: 404\nReceived status: 200',
    );
    expect(await failureHead(() => expect(new HttpResponse()).not.toHaveStatus(200))).toBe(
      'expect(received).not.toHaveStatus(code)\n\nExpected status: not 200',
    );
  });

  it('refuses what is not a response, saying what it needs', async () => {
    const message = await failure(() => expect({ statusCode: 200 }).toHaveStatus(200));
    expect(message).toContain('received value must be an HttpResponse, a supertest response or a web Response.');
    expect(message).toContain('Received: {"statusCode": 200}');
  });

  it('reads a web Response', () => {
    expect(new Response('x', { status: 201 })).toHaveStatus(201);
  });
});

describe('toHaveHeader(name, value?)', () => {
  const response = new HttpResponse('x', { headers: { 'Cache-Control': 'no-store' } });

  it('passes and fails on a response object, any casing', async () => {
    expect(response).toHaveHeader('cache-control');
    expect(response).toHaveHeader('Cache-Control', 'no-store');
    expect(response).toHaveHeader('Cache-Control', /no-/);
    expect(response).not.toHaveHeader('Set-Cookie');
    expect(response).not.toHaveHeader('Cache-Control', 'public');
    expect(await failureHead(() => expect(response).toHaveHeader('Cache-Control', 'public'))).toBe(
      'expect(received).toHaveHeader(name, value)\n\nExpected Cache-Control: "public"\nReceived Cache-Control: "no-store"',
    );
    expect(await failureHead(() => expect(response).toHaveHeader('ETag'))).toBe(
      'expect(received).toHaveHeader(name)\n\nExpected header: ETag\nReceived: no ETag header',
    );
    expect(await failureHead(() => expect(response).not.toHaveHeader('Cache-Control'))).toBe(
      'expect(received).not.toHaveHeader(name)\n\nExpected: no Cache-Control header\nReceived Cache-Control: "no-store"',
    );
    expect(await failureHead(() => expect(response).not.toHaveHeader('Cache-Control', 'no-store'))).toBe(
      'expect(received).not.toHaveHeader(name, value)\n\nExpected Cache-Control: not "no-store"\nReceived Cache-Control: "no-store"',
    );
  });
});

describe('toContainText(text, { count, status, html })', () => {
  const page = new HttpResponse('<ul><li class="b a">Tea</li>\n  <li>Tea</li><li id="x" class="c">Coffee</li></ul>');

  it('finds text, counts it, and says what it found', async () => {
    await expect(page).toContainText('Tea');
    await expect(page).toContainText('Tea', { count: 2 });
    await expect(page).not.toContainText('Milk');
    await expect(page).not.toContainText('Tea', { count: 1 });
    expect(await failure(() => expect(page).toContainText('Milk'))).toMatch(
      /^expect\(received\)\.toContainText\(text\)\n\nCouldn't find "Milk" in response\n\nExpected text: "Milk"\nReceived body: "<ul>/,
    );
    expect(await failure(() => expect(page).toContainText('Tea', { count: 3 }))).toMatch(
      /^expect\(received\)\.toContainText\(text, options\)\n\nFound 2 instances of "Tea" in response \(expected 3\)/,
    );
    expect(await failure(() => expect(page).not.toContainText('Tea'))).toMatch(
      /^expect\(received\)\.not\.toContainText\(text\)\n\nResponse should not contain "Tea" \(found 2 instances\)/,
    );
  });

  it('checks the status first, with and without .not (Django: "Couldn\'t retrieve content")', async () => {
    const missing = new HttpResponseNotFound('Tea');
    await expect(missing).toContainText('Tea', { status: 404 });
    expect(await failureHead(() => expect(missing).toContainText('Tea'))).toBe(
      "expect(received).toContainText(text)\n\nCouldn't retrieve content: Response code was 404 (expected 200)",
    );
    expect(await failureHead(() => expect(missing).not.toContainText('Milk'))).toBe(
      "expect(received).not.toContainText(text)\n\nCouldn't retrieve content: Response code was 404 (expected 200)",
    );
  });

  it('compares HTML as Django does with html=True', async () => {
    await expect(page).toContainText('<li class="a  b">Tea</li>', { html: true, count: 1 });
    await expect(page).toContainText("<li class='c' id='x'>  Coffee </li>", { html: true });
    await expect(page).not.toContainText('<li>Coffee</li>', { html: true });
    await expect(new HttpResponse('<input type="checkbox" checked>')).toContainText(
      '<input checked="checked" type="checkbox">',
      { html: true },
    );
    expect(await failure(() => expect(page).toContainText('<li>Coffee</li>', { html: true }))).toMatch(
      /Couldn't find "<li>Coffee<\/li>" in response\n\nExpected HTML: "<li>Coffee<\/li>"/,
    );
    expect(await failure(() => expect(page).toContainText('<p>x</b>', { html: true }))).toContain(
      'The expected text is not valid HTML:\nUnexpected end tag `b` (Line 1, Column 4)',
    );
  });

  it('reads a streaming response to its end, then fails, and closes it', async () => {
    let closed = false;
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield 'Tea ';
        yield 'for two';
      } finally {
        closed = true;
      }
    }
    const streamed = new StreamingHttpResponse(chunks());
    expect(await failure(() => expect(streamed).toContainText('Coffee'))).toMatch(
      /Couldn't find "Coffee" in response\n\nExpected text: "Coffee"\nReceived body: "Tea for two"/,
    );
    expect(closed).toBe(true);
    expect(streamed.closed).toBe(true);
    // What it held is remembered for the next matcher.
    await expect(streamed).toContainText('for two');
  });

  it('refuses a count that is not a whole number', async () => {
    expect(await failure(() => expect(page).toContainText('Tea', { count: 1.5 }))).toBe(
      'toContainText() option count must be an integer >= 0, not 1.5.',
    );
  });
});

describe('toRedirectTo(url, { status, targetStatus, fetchRedirectResponse, app })', () => {
  it('passes and fails on a response object', async () => {
    await expect(new HttpResponseRedirect('/next?b=2&a=1')).toRedirectTo('/next?a=1&b=2');
    await expect(new HttpResponseRedirect('/next')).toRedirectTo('http://testserver/next');
    await expect(new HttpResponsePermanentRedirect('/new')).toRedirectTo('/new', { status: 301 });
    await expect(new HttpResponseRedirect('/next')).not.toRedirectTo('/elsewhere');
    await expect(new HttpResponse('not a redirect')).not.toRedirectTo('/next');
    expect(await failureHead(() => expect(new HttpResponseRedirect('/next')).toRedirectTo('/elsewhere'))).toBe(
      'expect(received).toRedirectTo(url)\n\nResponse redirected to "/next", expected "/elsewhere"\n\n' +
        'Expected URL: "http://testserver/elsewhere"\nReceived URL: "http://testserver/next"',
    );
    expect(await failureHead(() => expect(new HttpResponsePermanentRedirect('/new')).toRedirectTo('/new'))).toBe(
      'expect(received).toRedirectTo(url)\n\nResponse didn\'t redirect as expected: Response code was 301 (expected 302)\nLocation: "/new"',
    );
    expect(await failureHead(() => expect(new HttpResponseRedirect('/next')).not.toRedirectTo('/next'))).toBe(
      'expect(received).not.toRedirectTo(url)\n\nExpected: not a redirect to "/next"\nReceived: a 302 redirect to "/next"',
    );
  });

  it('fetching the target needs an app for a response object', async () => {
    expect(
      await failure(() =>
        expect(new HttpResponseRedirect('/next')).toRedirectTo('/next', { fetchRedirectResponse: true }),
      ),
    ).toBe(
      'toRedirectTo() can\'t fetch "/next": it needs the app, so pass { app } (an Express app or http.Server), or { fetchRedirectResponse: false }.',
    );
  });
});

describe('toEqualJSON(value)', () => {
  it('passes and fails with a diff', async () => {
    const response = new JsonResponse({ id: 7, tags: ['a'] });
    await expect(response).toEqualJSON({ id: 7, tags: ['a'] });
    await expect(response).toEqualJSON({ id: expect.any(Number), tags: ['a'] });
    await expect(response).not.toEqualJSON({ id: 8, tags: ['a'] });
    const message = await failure(() => expect(response).toEqualJSON({ id: 8, tags: ['a'] }));
    expect(message).toMatch(
      /^expect\(received\)\.toEqualJSON\(value\)\n\n- Expected JSON {2}- 1\n\+ Received JSON {2}\+ 1\n/,
    );
    expect(message).toContain('-   "id": 8,\n+   "id": 7,');
    expect(await failureHead(() => expect(response).not.toEqualJSON({ id: 7, tags: ['a'] }))).toBe(
      'expect(received).not.toEqualJSON(value)\n\nExpected JSON: not {"id": 7, "tags": ["a"]}\n',
    );
  });

  it('fails on a body that is not JSON, with and without .not', async () => {
    const html = new HttpResponse('<p>hi</p>');
    expect(await failure(() => expect(html).toEqualJSON({}))).toMatch(
      /^expect\(received\)\.toEqualJSON\(value\)\n\nReceived body is not valid JSON \(Unexpected token .*\)\n\nReceived body: "<p>hi<\/p>"$/,
    );
    expect(await failure(() => expect(html).not.toEqualJSON({}))).toContain('Received body is not valid JSON');
  });
});

describe.each(expressVersions)('on a supertest response (%s)', (_label, createApp) => {
  const app = createApp();
  app.get(
    '/',
    view(() => new HttpResponse('<h1>Books</h1>', { headers: { 'X-Shelf': 'top' } })),
  );
  app.get(
    '/api',
    view(() => new JsonResponse({ books: 2 })),
  );
  app.get(
    '/old',
    view(() => new HttpResponsePermanentRedirect('/')),
  );
  app.get(
    '/to-missing',
    view(() => new HttpResponseRedirect('/missing?x=1')),
  );
  app.get(
    '/stream',
    view(() => new StreamingHttpResponse(['one ', 'two'], 'text/plain')),
  );

  it('toHaveStatus and toHaveHeader', async () => {
    const res = await request(app).get('/');
    expect(res).toHaveStatus(200);
    expect(res).toHaveHeader('X-Shelf', 'top');
    expect(res).not.toHaveHeader('Location');
    expect(await failureHead(() => expect(res).toHaveStatus(201))).toBe(
      'expect(received).toHaveStatus(code)\n\nExpected status: 201\nReceived status: 200',
    );
  });

  it('toContainText, also on a streamed body', async () => {
    const res = await request(app).get('/');
    await expect(res).toContainText('<h1>Books</h1>', { html: true });
    await expect(res).not.toContainText('Films');
    await expect(await request(app).get('/stream')).toContainText('one two');
    expect(await failure(() => expect(res).toContainText('Films'))).toMatch(
      /Couldn't find "Films" in response\n\nExpected text: "Films"\nReceived body: "<h1>Books<\/h1>"/,
    );
  });

  it('toEqualJSON', async () => {
    const res = await request(app).get('/api');
    await expect(res).toEqualJSON({ books: 2 });
    expect(await failure(() => expect(res).toEqualJSON({ books: 3 }))).toContain('-   "books": 3,\n+   "books": 2,');
  });

  it('toRedirectTo, relative to the request, fetching the target through the same app', async () => {
    const res = await request(app).get('/old');
    await expect(res).toRedirectTo('/', { status: 301 });
    await expect(res).toRedirectTo('/', { status: 301, fetchRedirectResponse: true });
    const toMissing = await request(app).get('/to-missing');
    await expect(toMissing).toRedirectTo('/missing?x=1');
    expect(
      await failureHead(() => expect(toMissing).toRedirectTo('/missing?x=1', { fetchRedirectResponse: true })),
    ).toBe(
      'expect(received).toRedirectTo(url, options)\n\nCouldn\'t retrieve redirection page "/missing?x=1": response code was 404 (expected 200)',
    );
    await expect(toMissing).toRedirectTo('/missing?x=1', { fetchRedirectResponse: true, targetStatus: 404 });
  });

  it('toRedirectTo on a followed redirect checks the final status and the last URL', async () => {
    const res = await request(app).get('/old').redirects(1);
    await expect(res).toRedirectTo('/');
    await expect(res).not.toRedirectTo('/old');
  });

  it('toRedirectTo with { app } on a response object', async () => {
    await expect(new HttpResponseRedirect('/')).toRedirectTo('/', { app });
    expect(
      await failureHead(() => expect(new HttpResponseRedirect('/nowhere')).toRedirectTo('/nowhere', { app })),
    ).toBe(
      'expect(received).toRedirectTo(url, options)\n\nCouldn\'t retrieve redirection page "/nowhere": response code was 404 (expected 200)',
    );
  });
});

describe('the set-up module', () => {
  it("says what to do when Jest's global expect is missing", () => {
    const global = globalThis as { expect?: unknown };
    const saved = global.expect;
    let thrown: unknown;
    delete global.expect;
    try {
      jest.isolateModules(() => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module, inside isolateModules
          require('../../lib/testing/jest-setup');
        } catch (err) {
          thrown = err;
        }
      });
    } finally {
      global.expect = saved;
    }
    expect((thrown as Error).message).toBe(
      "express-httpresponse/testing/jest-setup needs Jest's global expect: load it from setupFilesAfterEnv (not setupFiles), or use express-httpresponse/testing/jest-globals when injectGlobals is false.",
    );
  });
});
