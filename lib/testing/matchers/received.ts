/** What every matcher does first: check it was given a response, and start its message. */
import type { MatcherContext } from '../matcher-types.js';
import { isTestedResponse, type TestedResponse } from '../response-access.js';
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
