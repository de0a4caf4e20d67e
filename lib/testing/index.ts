/**
 * express-httpresponse/testing: Jest matchers that read the same on a response object and
 * on a supertest response.
 *
 * @example
 * ```ts
 * import { matchers } from 'express-httpresponse/testing';
 * expect.extend(matchers);
 *
 * expect(new HttpResponse('hi')).toHaveStatus(200);
 * expect(await request(app).get('/')).toHaveHeader('Content-Type', 'text/html; charset=utf-8');
 * ```
 *
 * @packageDocumentation
 */
import { isHttpResponse, type HttpResponseBase } from '../http/response-base.js';

/** A response as a client sees it: what supertest and superagent return. */
export interface ClientResponse {
  /** The HTTP status code. */
  status: number;
  /** The response headers, names in lower case (Node's `IncomingHttpHeaders`). */
  headers: Record<string, string | string[] | number | undefined>;
}

/** What the matchers accept: one of this package's responses or a {@link ClientResponse}. */
export type TestedResponse = HttpResponseBase | ClientResponse;

/** What a Jest matcher returns. */
export interface MatcherResult {
  /** Whether the assertion holds (Jest inverts it for `.not`). */
  pass: boolean;
  /** The failure message, for either direction. */
  message: () => string;
}

function isClientResponse(value: unknown): value is ClientResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ClientResponse).status === 'number' &&
    typeof (value as ClientResponse).headers === 'object'
  );
}

function toTestedResponse(received: unknown, matcher: string): TestedResponse {
  if (isHttpResponse(received) || isClientResponse(received)) return received;
  throw new TypeError(`${matcher}() needs an HttpResponse or a supertest response, not ${String(received)}.`);
}

/** The status code of `response`, whichever kind it is. */
export function statusOf(response: TestedResponse): number {
  return isHttpResponse(response) ? response.statusCode : response.status;
}

/** The value of header `name` (any casing) of `response`, list values joined with `, `. */
export function headerOf(response: TestedResponse, name: string): string | undefined {
  if (isHttpResponse(response)) return response.get(name);
  const value = response.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** `expect(response).toHaveStatus(code)`: the response's status code is `code`. */
export function toHaveStatus(received: unknown, expected: number): MatcherResult {
  const actual = statusOf(toTestedResponse(received, 'toHaveStatus'));
  return {
    pass: actual === expected,
    message: () =>
      actual === expected
        ? `expected the response not to have status ${expected}`
        : `expected status ${expected}, got ${actual}`,
  };
}

/**
 * `expect(response).toHaveHeader(name, value?)`: header `name` is set and, when `value` is
 * given, equals it.
 */
export function toHaveHeader(received: unknown, name: string, value?: string): MatcherResult {
  const actual = headerOf(toTestedResponse(received, 'toHaveHeader'), name);
  const pass = actual !== undefined && (value === undefined || actual === value);
  const wanted = value === undefined ? `header ${name}` : `header ${name}: ${value}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected the response not to have ${wanted}`
        : `expected ${wanted}, got ${actual === undefined ? 'no such header' : `${name}: ${actual}`}`,
  };
}

/** All matchers, for `expect.extend(matchers)`. */
export const matchers: {
  /** See {@link toHaveStatus}. */
  toHaveStatus: typeof toHaveStatus;
  /** See {@link toHaveHeader}. */
  toHaveHeader: typeof toHaveHeader;
} = { toHaveStatus, toHaveHeader };
