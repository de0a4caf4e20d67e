/** `toEqualHTML(html)`: Django's `assertHTMLEqual` / `assertHTMLNotEqual`. */
import type { MatcherContext, MatcherResult } from '../matcher-types.js';
import { hint, printBody } from './received.js';
import { htmlText, parseOrMessage } from './html-input.js';

/**
 * `await expect(response).toEqualHTML(html)`: the body (or a string received) is the same
 * HTML as `html`, compared as Django's `assertHTMLEqual` does: whitespace between and around
 * elements, attribute order and quoting, and the order of class names don't matter.
 * Unparsable HTML on either side fails with and without `.not`. Async: reads the body.
 *
 * @example
 * ```ts
 * await expect(await client.get('/badge/')).toEqualHTML('<span class="b a" id="x">New</span>');
 * await expect('<p  class="b a">Hi</p>').toEqualHTML('<p class="a b">Hi</p>');
 * ```
 */
export async function toEqualHTML(this: MatcherContext, received: unknown, html: string): Promise<MatcherResult> {
  const { printExpected, printReceived, printDiffOrStringify } = this.utils;
  if (typeof html !== 'string') {
    throw new TypeError(`toEqualHTML() needs the expected HTML as a string, not ${printReceived(html)}.`);
  }
  const body = await htmlText(this, received, 'toEqualHTML', 'html');
  const head = `${hint(this, 'toEqualHTML', 'html')}\n\n`;
  const fail = (message: string): MatcherResult => ({ pass: this.isNot === true, message: () => head + message });
  const actual = parseOrMessage(body, 'First argument');
  if (typeof actual === 'string') return fail(`${actual}\n\nReceived body: ${printBody(this, body)}`);
  const expected = parseOrMessage(html, 'Second argument');
  if (typeof expected === 'string') return fail(expected);
  const pass = actual.equals(expected);
  return {
    pass,
    message: () =>
      head +
      (pass
        ? `Expected HTML: not ${printExpected(String(expected))}\n`
        : `${printDiffOrStringify(String(expected), String(actual), 'Expected HTML (normalized)', 'Received HTML (normalized)', this.expand === true)}\n`) +
      `\nReceived body: ${printBody(this, body)}`,
  };
}
