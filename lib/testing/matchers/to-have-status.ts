/** `toHaveStatus(code)`. */
import type { MatcherContext, MatcherResult } from '../matcher-types.js';
import { statusOf } from '../response-access.js';
import { bodyLine, hint, testedResponse } from './received.js';

/**
 * `expect(response).toHaveStatus(code)`: the response's status code is `code`.
 *
 * @example
 * ```ts
 * expect(await request(app).get('/missing')).toHaveStatus(404);
 * ```
 */
export function toHaveStatus(this: MatcherContext, received: unknown, code: number): MatcherResult {
  const response = testedResponse(this, received, 'toHaveStatus', 'code');
  const actual = statusOf(response);
  const pass = actual === code;
  const { printExpected, printReceived } = this.utils;
  return {
    pass,
    message: () =>
      `${hint(this, 'toHaveStatus', 'code')}\n\n` +
      (pass
        ? `Expected status: not ${printExpected(code)}`
        : `Expected status: ${printExpected(code)}\nReceived status: ${printReceived(actual)}`) +
      bodyLine(this, response),
  };
}
