/** What the HTML matchers compare: a response's body (read to its end) or a string, parsed. */
import { HtmlParseError, parseHtml, type HtmlElement } from '../html.js';
import { parse5Ready } from '../load-parse5.js';
import type { MatcherContext } from '../matcher-types.js';
import { textOf } from '../response-access.js';
import { testedResponse } from './received.js';

/** The HTML text `received` holds: the string itself, or the response's body; the HTML parser is loaded once it resolves. */
export async function htmlText(
  context: MatcherContext,
  received: unknown,
  matcher: string,
  expected: string,
): Promise<string> {
  await parse5Ready();
  if (typeof received === 'string') return received;
  return textOf(testedResponse(context, received, matcher, expected));
}

/** `html` parsed, or the message saying why it could not be (Django's "… is not valid HTML"). */
export function parseOrMessage(html: string, what: string): HtmlElement | string {
  try {
    return parseHtml(html);
  } catch (err) {
    if (err instanceof HtmlParseError) return `${what} is not valid HTML:\n${err.message}`;
    throw err;
  }
}
