/** What every matcher does first: check it was given a response, and start its message. */
import type { MatcherContext } from '../matcher-types.js';
import { isTestedResponse, isUnrendered, type TestedResponse } from '../response-access.js';
import { decodeText } from '../../http/charset.js';
import type { HttpResponse } from '../../http/response.js';
import { checkNoBracketHeaders } from '../../http/django-spellings.js';
import { isHttpResponse } from '../../http/response-base.js';

/**
 * `received` as a response the matchers can read.
 *
 * @throws TypeError, formatted as Jest's own matcher errors, when it is not one; and, as
 *   sending it would, for a response given Django's `response['X-Foo'] = v`.
 */
export function testedResponse(
  context: MatcherContext,
  received: unknown,
  matcher: string,
  expected: string,
): TestedResponse {
  if (isTestedResponse(received)) {
    if (isHttpResponse(received)) checkNoBracketHeaders(received);
    return received;
  }
  throw new TypeError(
    `${hint(context, matcher, expected)}\n\n` +
      `received value must be an HttpResponse, a supertest response or a web Response.\n` +
      `Received: ${context.utils.printReceived(received)}`,
  );
}

/** The grey `expect(received).matcher(expected)` line. */
export function hint(context: MatcherContext, matcher: string, expected: string, secondArgument?: string): string {
  return context.utils.matcherHint(matcher, undefined, expected, {
    isNot: context.isNot === true,
    promise: context.promise ?? '',
    ...(secondArgument === undefined ? {} : { secondArgument }),
  });
}

const BODY_SHOWN = 2000;

/** A body for a failure message: printed as received, cut after 2,000 characters. */
export function printBody(context: MatcherContext, body: string): string {
  if (body.length <= BODY_SHOWN) return context.utils.printReceived(body);
  return `${context.utils.printReceived(body.slice(0, BODY_SHOWN))} … (${body.length - BODY_SHOWN} more characters)`;
}

/**
 * The body of `response` when it can be read without waiting (not a streaming response, not
 * a web `Response`), for the synchronous matchers' messages.
 */
function bodyNow(response: TestedResponse): string | undefined {
  if (isUnrendered(response)) return undefined;
  if (isHttpResponse(response)) {
    return response.streaming ? undefined : decodeText((response as HttpResponse).content, response.charset);
  }
  if (typeof globalThis.Response === 'function' && response instanceof globalThis.Response) return undefined;
  const { text, body } = response as { text?: unknown; body?: unknown };
  if (typeof text === 'string') return text;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return undefined;
}

/** `\n\nReceived body: …` for a failure message of a synchronous matcher (or a note that the body is a stream). */
export function bodyLine(context: MatcherContext, response: TestedResponse): string {
  const body = bodyNow(response);
  if (body !== undefined) return `\n\nReceived body: ${printBody(context, body)}`;
  return isUnrendered(response)
    ? '\n\nReceived body: (a template response not rendered yet, which this synchronous matcher does not render)'
    : '\n\nReceived body: (a stream, not read by this synchronous matcher)';
}
