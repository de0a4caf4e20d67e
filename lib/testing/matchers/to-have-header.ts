/** `toHaveHeader(name, value?)`. */
import type { MatcherContext, MatcherResult } from '../matcher-types.js';
import { headerOf } from '../response-access.js';
import { bodyLine, hint, testedResponse } from './received.js';

/**
 * `expect(response).toHaveHeader(name, value?)`: header `name` (any casing) is set and, when
 * `value` is given, equals it (a string) or matches it (a RegExp). A header sent several
 * times reads as its values joined with `, `.
 *
 * @example
 * ```ts
 * expect(response).toHaveHeader('Cache-Control', 'no-store');
 * expect(response).not.toHaveHeader('Set-Cookie');
 * ```
 */
export function toHaveHeader(
  this: MatcherContext,
  received: unknown,
  name: string,
  value?: string | RegExp,
): MatcherResult {
  const expectedLabel = value === undefined ? 'name' : 'name, value';
  const response = testedResponse(this, received, 'toHaveHeader', expectedLabel);
  if (typeof name !== 'string') {
    throw new TypeError(`toHaveHeader() needs a header name as a string, not ${this.utils.printReceived(name)}.`);
  }
  const actual = headerOf(response, name);
  const pass =
    actual !== undefined &&
    (value === undefined || (value instanceof RegExp ? value.test(actual) : actual === String(value)));
  const { printExpected, printReceived } = this.utils;
  const shown = actual === undefined ? `no ${name} header` : printReceived(actual);
  return {
    pass,
    message: () =>
      `${hint(this, 'toHaveHeader', expectedLabel)}\n\n` +
      (value === undefined
        ? pass
          ? `Expected: no ${name} header\nReceived ${name}: ${shown}`
          : `Expected header: ${name}\nReceived: ${shown}`
        : pass
          ? `Expected ${name}: not ${printExpected(value)}\nReceived ${name}: ${shown}`
          : `Expected ${name}: ${printExpected(value)}\nReceived ${name}: ${shown}`) +
      bodyLine(this, response),
  };
}
