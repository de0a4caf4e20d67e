/** `toEqualJSON(value)`: Django's `assertJSONEqual`. */
import type { MatcherContext, MatcherResult } from '../matcher-types.js';
import { textOf } from '../response-access.js';
import { hint, printBody, testedResponse } from './received.js';

/**
 * `await expect(response).toEqualJSON(value)`: the body, parsed as JSON, equals `value`
 * recursively (as `toEqual`, so asymmetric matchers such as `expect.any(String)` work).
 * A body that is not JSON fails with and without `.not`. Async: reads the body.
 *
 * @example
 * ```ts
 * await expect(new JsonResponse({ ok: true })).toEqualJSON({ ok: true });
 * ```
 */
export async function toEqualJSON(this: MatcherContext, received: unknown, value: unknown): Promise<MatcherResult> {
  const response = testedResponse(this, received, 'toEqualJSON', 'value');
  const body = await textOf(response);
  const head = `${hint(this, 'toEqualJSON', 'value')}\n\n`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    return {
      pass: this.isNot === true,
      message: () =>
        `${head}Received body is not valid JSON (${(err as Error).message})\n\nReceived body: ${printBody(this, body)}`,
    };
  }
  const pass = this.equals(parsed, value);
  const { printExpected, printReceived, printDiffOrStringify } = this.utils;
  return {
    pass,
    message: () =>
      head +
      (pass
        ? `Expected JSON: not ${printExpected(value)}\n` +
          (JSON.stringify(parsed) === JSON.stringify(value) ? '' : `Received JSON:     ${printReceived(parsed)}`)
        : printDiffOrStringify(value, parsed, 'Expected JSON', 'Received JSON', this.expand === true)) +
      `\n\nReceived body: ${printBody(this, body)}`,
  };
}
