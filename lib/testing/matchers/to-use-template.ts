/** `toUseTemplate(name, { count? })`: Django's `assertTemplateUsed` / `assertTemplateNotUsed`. */
import type { MatcherContext, MatcherResult, UseTemplateOptions } from '../matcher-types.js';
import { TestResponse } from '../test-response.js';
import { bodyLine, hint } from './received.js';

/** A template name without its extension: `'books/list.njk'` → `'books/list'`. */
function stem(name: string): string {
  return name.replace(/\.[^./\\]+$/, '');
}

/**
 * `expect(response).toUseTemplate(name, options?)`: rendering the response used template
 * `name` (at least once, or exactly `options.count` times), on a response of the test
 * {@link Client}. A name matches with or without its extension (`'hello'` and `'hello.njk'`),
 * as `res.render()` takes either. With `.not`, the template was not used (Django's
 * `assertTemplateNotUsed`).
 *
 * @example
 * ```ts
 * const response = await client.get('/books/');
 * expect(response).toUseTemplate('books/list');
 * expect(response).toUseTemplate('books/row', { count: 3 });
 * expect(response).not.toUseTemplate('errors/500');
 * ```
 */
export function toUseTemplate(
  this: MatcherContext,
  received: unknown,
  name: string,
  options?: UseTemplateOptions,
): MatcherResult {
  const secondArgument = options === undefined ? undefined : 'options';
  const { printExpected, printReceived } = this.utils;
  const head = `${hint(this, 'toUseTemplate', 'name', secondArgument)}\n\n`;
  if (!(received instanceof TestResponse)) {
    throw new TypeError(
      `${head}received value must be a response of the test Client (new Client(app).get(...)), which records the templates rendered.\nReceived: ${printReceived(received)}`,
    );
  }
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`toUseTemplate() needs a template name as a non-empty string, not ${printReceived(name)}.`);
  }
  const count = options?.count;
  if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`toUseTemplate() option count must be an integer >= 0, not ${printReceived(count)}.`);
  }
  const names = received.templates.map((template) => template.name);
  const used = names.filter((used) => used === name || stem(used) === stem(name)).length;
  const pass = count === undefined ? used > 0 : used === count;
  const actual =
    names.length === 0
      ? 'No templates used to render the response'
      : `Actual template(s) used: ${printReceived(names)}`;
  return {
    pass,
    message: () => {
      let summary: string;
      if (count !== undefined) {
        summary = `Template ${printExpected(name)} was expected to be rendered ${pass ? 'not ' : ''}${printExpected(count)} time(s) but was actually rendered ${printReceived(used)} time(s)`;
      } else if (pass) {
        summary = `Template ${printExpected(name)} was used unexpectedly in rendering the response`;
      } else {
        summary = `Template ${printExpected(name)} was not a template used to render the response`;
      }
      return `${head}${summary}\n${actual}${bodyLine(this, received)}`;
    },
  };
}
