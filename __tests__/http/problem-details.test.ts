/**
 * ProblemDetailsResponse: RFC 9457 problem details (`application/problem+json`). The cases
 * follow RFC 9457 §3 (members, their defaults, extensions) and its §3 example
 * (out-of-credit); over HTTP on Express 4 and 5.
 */
import request from 'supertest';
import { JsonResponse, ProblemDetailsResponse, view } from '../../lib/index.js';
import { expressVersions } from '../helpers/apps.js';

describe('ProblemDetailsResponse', () => {
  it('is a JsonResponse with Content-Type application/problem+json and the problem status', () => {
    const r = new ProblemDetailsResponse({ status: 404 });
    expect(r).toBeInstanceOf(JsonResponse);
    expect(r.statusCode).toBe(404);
    expect(r.get('Content-Type')).toBe('application/problem+json');
  });

  // RFC 9457 §3.1.1 / §4.2.1: type defaults to about:blank, whose title is the reason phrase.
  it.each([
    [400, 'Bad Request'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [500, 'Internal Server Error'],
  ])('defaults type to about:blank and title to the reason phrase of %i', (status, title) => {
    expect(JSON.parse(new ProblemDetailsResponse({ status }).text)).toEqual({ type: 'about:blank', title, status });
  });

  // RFC 9457 §3: the out-of-credit example, with its extension members after the standard ones.
  it('writes the standard members first, then the extensions, in order', () => {
    const r = new ProblemDetailsResponse({
      balance: 30,
      accounts: ['/account/12345', '/account/67890'],
      status: 403,
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      detail: 'Your current balance is 30, but that costs 50.',
      instance: '/account/12345/msgs/abc',
    });
    expect(r.text).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,' +
        '"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc",' +
        '"balance":30,"accounts":["/account/12345","/account/67890"]}',
    );
    expect(r.problem.balance).toBe(30);
    expect(Object.isFrozen(r.problem)).toBe(true);
  });

  it('leaves out detail and instance when they are not given', () => {
    expect(
      Object.keys(JSON.parse(new ProblemDetailsResponse({ status: 409, title: 'Conflict' }).text) as object),
    ).toEqual(['type', 'title', 'status']);
  });

  it('encodes extensions as JsonResponse does (BigInt, Map, Set)', () => {
    const r = new ProblemDetailsResponse({ status: 422, errors: new Set(['name']), limit: 10n });
    expect(JSON.parse(r.text)).toMatchObject({ errors: ['name'], limit: '10' });
  });

  it('accepts headers and cookies as any response does', () => {
    const r = new ProblemDetailsResponse({ status: 429 }, { headers: { 'Retry-After': '120' } });
    expect(r.get('Retry-After')).toBe('120');
    expect(r.get('Content-Type')).toBe('application/problem+json');
  });

  it('keeps a Content-Type given in the options or the headers', () => {
    expect(new ProblemDetailsResponse({ status: 400 }, { contentType: 'application/json' }).get('Content-Type')).toBe(
      'application/json',
    );
    expect(
      new ProblemDetailsResponse(
        { status: 400 },
        { headers: { 'Content-Type': 'application/problem+json; charset=utf-8' } },
      ).get('Content-Type'),
    ).toBe('application/problem+json; charset=utf-8');
  });

  it.each([
    [undefined, /needs an object/],
    [null, /needs an object/],
    [[404], /needs an object/],
    [{}, /needs a status/],
    [{ status: 'teapot' }, /Invalid status code: .*\(got "teapot"\)/],
    [{ status: 999 }, /from 100 to 599/],
    [{ status: 400, title: 42 }, /member title must be a string \(got 42\)/],
    [{ status: 400, detail: {} }, /member detail must be a string \(got an Object\)/],
    [{ status: 400, type: null }, /member type must be a string \(got null\)/],
  ])('refuses %p, naming what was wrong', (problem, message) => {
    expect(() => new ProblemDetailsResponse(problem as never)).toThrow(message);
  });

  it('refuses a status in the options, naming where it goes', () => {
    expect(() => new ProblemDetailsResponse({ status: 400 }, { status: 404 } as never)).toThrow(
      /takes its status from the problem: write \{ status: 404, \.\.\. \}/,
    );
  });
});

describe.each(expressVersions)('ProblemDetailsResponse over HTTP on %s', (_label, createApp) => {
  it('is written with its status, type and JSON body', async () => {
    const app = createApp();
    app.get(
      '/',
      view(() => new ProblemDetailsResponse({ status: 403, detail: 'No credit.', balance: 30 })),
    );
    const res = await request(app).get('/');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'No credit.',
      balance: 30,
    });
  });
});
