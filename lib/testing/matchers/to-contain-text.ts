/** `toContainText(text, { count?, status?, html? })`: Django's `assertContains` / `assertNotContains`. */
import { countSubstring, HtmlParseError, parseHtml, type HtmlElement } from '../html.js';
import { parse5Ready } from '../load-parse5.js';
import type { ContainTextOptions, MatcherContext, MatcherResult } from '../matcher-types.js';
import { statusOf, textOf } from '../response-access.js';
import { hint, printBody, testedResponse } from './received.js';

function parseOrFail(html: string, what: string): HtmlElement | string {
  try {
    return parseHtml(html);
  } catch (err) {
    if (err instanceof HtmlParseError) return `${what} is not valid HTML:\n${err.message}`;
    throw err;
  }
}

/**
 * `await expect(response).toContainText(text, options?)`: the response has status
 * `options.status` (200) and its body contains `text` at least once, or exactly
 * `options.count` times. With `.not`, the status must still match and `text` must not
 * occur (Django's `assertNotContains`). `html: true` compares as HTML (as Django's
 * `html=True`). Async: a streaming response is read to its end (and closed) first, so a
 * failing assertion has consumed it, as in Django.
 *
 * @example
 * ```ts
 * await expect(response).toContainText('<li>Tea</li>', { count: 1, html: true });
 * await expect(await request(app).get('/')).not.toContainText('Error');
 * ```
 */
export async function toContainText(
  this: MatcherContext,
  received: unknown,
  text: string,
  options?: ContainTextOptions,
): Promise<MatcherResult> {
  const secondArgument = options === undefined ? undefined : 'options';
  const response = testedResponse(this, received, 'toContainText', 'text');
  const { printExpected, printReceived } = this.utils;
  if (typeof text !== 'string') {
    throw new TypeError(`toContainText() needs the text to look for as a string, not ${printReceived(text)}.`);
  }
  const { count, status = 200, html = false } = options ?? {};
  if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`toContainText() option count must be an integer >= 0, not ${printReceived(count)}.`);
  }
  const head = (): string => `${hint(this, 'toContainText', 'text', secondArgument)}\n\n`;
  // The whole body is read before anything is checked, so that a streaming response is
  // consumed and closed whether the assertion passes or not.
  const body = await textOf(response);
  const actualStatus = statusOf(response);
  // A wrong status or unparsable HTML fails with and without `.not`: pass is what Jest inverts.
  const fail = (message: string): MatcherResult => ({ pass: this.isNot === true, message: () => head() + message });
  if (actualStatus !== status) {
    return fail(
      `Couldn't retrieve content: Response code was ${printReceived(actualStatus)} (expected ${printExpected(status)})` +
        `\n\nReceived body: ${printBody(this, body)}`,
    );
  }

  let found: number;
  if (html) {
    await parse5Ready();
    const haystack = parseOrFail(body, "Response's content");
    if (typeof haystack === 'string') return fail(`${haystack}\n\nReceived body: ${printBody(this, body)}`);
    const needle = parseOrFail(text, 'The expected text');
    if (typeof needle === 'string') return fail(needle);
    found = haystack.count(needle);
  } else {
    found = countSubstring(body, text);
  }
  const pass = count === undefined ? found > 0 : found === count;
  const instances = (n: number): string => `${n} ${n === 1 ? 'instance' : 'instances'}`;
  const what = html ? 'Expected HTML' : 'Expected text';
  return {
    pass,
    message: () => {
      let summary: string;
      if (count !== undefined) {
        summary = `Found ${printReceived(found)} ${found === 1 ? 'instance' : 'instances'} of ${printExpected(text)} in response (expected ${pass ? 'not ' : ''}${printExpected(count)})`;
      } else if (pass) {
        summary = `Response should not contain ${printExpected(text)} (found ${instances(found)})`;
      } else {
        summary = `Couldn't find ${printExpected(text)} in response`;
      }
      return `${head()}${summary}\n\n${what}: ${printExpected(text)}\nReceived body: ${printBody(this, body)}`;
    },
  };
}
