/** `toContainHTML(html, { count? })`: Django's `assertInHTML`. */
import type { ContainHTMLOptions, MatcherContext, MatcherResult } from '../matcher-types.js';
import { hint, printBody } from './received.js';
import { htmlText, parseOrMessage } from './html-input.js';

/**
 * `await expect(response).toContainHTML(html, options?)`: the body (or a string received)
 * contains the element(s) `html` at least once, or exactly `options.count` times, compared
 * as HTML (Django's `assertInHTML`: whitespace, attribute order and class order don't
 * matter; a match is a whole element, or text within one). Unlike `toContainText(..., {
 * html: true })` it checks no status. Async: reads the body.
 *
 * @example
 * ```ts
 * await expect(response).toContainHTML('<li class="book">Dune</li>', { count: 1 });
 * await expect(response).not.toContainHTML('<div class="error">');
 * ```
 */
export async function toContainHTML(
  this: MatcherContext,
  received: unknown,
  html: string,
  options?: ContainHTMLOptions,
): Promise<MatcherResult> {
  const secondArgument = options === undefined ? undefined : 'options';
  const { printExpected, printReceived } = this.utils;
  if (typeof html !== 'string') {
    throw new TypeError(`toContainHTML() needs the HTML to look for as a string, not ${printReceived(html)}.`);
  }
  const count = options?.count;
  if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`toContainHTML() option count must be an integer >= 0, not ${printReceived(count)}.`);
  }
  const body = await htmlText(this, received, 'toContainHTML', 'html');
  const head = `${hint(this, 'toContainHTML', 'html', secondArgument)}\n\n`;
  const fail = (message: string): MatcherResult => ({ pass: this.isNot === true, message: () => head + message });
  const needle = parseOrMessage(html, 'First argument');
  if (typeof needle === 'string') return fail(needle);
  const haystack = parseOrMessage(body, 'Second argument');
  if (typeof haystack === 'string') return fail(`${haystack}\n\nReceived body: ${printBody(this, body)}`);
  const found = haystack.count(needle);
  const pass = count === undefined ? found > 0 : found === count;
  return {
    pass,
    message: () => {
      let summary: string;
      if (count !== undefined) {
        summary = `Found ${printReceived(found)} instances of ${printExpected(html)} in response (expected ${pass ? 'not ' : ''}${printExpected(count)})`;
      } else if (pass) {
        summary = `Response should not contain ${printExpected(html)} (found ${found})`;
      } else {
        summary = `Couldn't find ${printExpected(html)} in response`;
      }
      return `${head}${summary}\n\nReceived body: ${printBody(this, body)}`;
    },
  };
}
