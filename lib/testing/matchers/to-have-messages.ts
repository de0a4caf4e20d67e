/** `toHaveMessages(expected, { ordered? })`: Django 5.0's `assertMessages`. */
import type { MatcherContext, MatcherResult } from '../matcher-types.js';
import { messagesOf } from '../messages-recorder.js';
import { hint } from './received.js';

/** A message as `toHaveMessages` compares it: level and text, as Django's `Message.__eq__`. */
export interface ExpectedMessage {
  /** The level (`messages.SUCCESS` …). */
  level: number;
  /** The text. */
  message: string;
}

/** Options of {@link toHaveMessages}. */
export interface HaveMessagesOptions {
  /** Compare in order (Django's `ordered=True`); `false` compares as multisets. @defaultValue true */
  ordered?: boolean;
}

function isMessageLike(value: unknown): value is ExpectedMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ExpectedMessage).level === 'number' &&
    typeof (value as ExpectedMessage).message === 'string'
  );
}

/** The `{ level, message }` items `received` holds: a test Client response's request's, or an iterable of messages. */
function receivedMessages(received: unknown): ExpectedMessage[] | undefined {
  if (typeof received !== 'object' || received === null) return undefined;
  const recorded = messagesOf(received);
  const items = recorded ?? (Symbol.iterator in received ? [...(received as Iterable<unknown>)] : undefined);
  if (!items?.every(isMessageLike)) return undefined;
  return items.map(({ level, message }) => ({ level, message }));
}

const key = (item: ExpectedMessage): string => JSON.stringify([item.level, item.message]);

/**
 * `expect(response).toHaveMessages(expected, { ordered? })`: the messages of the request a
 * test {@link Client} response answered (those it read and those it added; or any iterable of
 * messages, such as `messages.getMessages(req)`) are `expected`, compared by `level` and
 * `message` as Django's `Message.__eq__`, in order unless `ordered: false` (Django 5.0's
 * `assertMessages`).
 *
 * @example
 * ```ts
 * const response = await client.post('/vote/', { choice: 1 }, { follow: true });
 * expect(response).toHaveMessages([{ level: messages.constants.SUCCESS, message: 'Your vote was counted.' }]);
 * ```
 */
export function toHaveMessages(
  this: MatcherContext,
  received: unknown,
  expected: readonly ExpectedMessage[],
  options: HaveMessagesOptions = {},
): MatcherResult {
  const { printExpected, printReceived } = this.utils;
  const head = `${hint(this, 'toHaveMessages', 'expected', options.ordered === undefined ? undefined : 'options')}\n\n`;
  if (!Array.isArray(expected) || !expected.every(isMessageLike)) {
    throw new TypeError(
      `${head}expected must be an array of { level, message } (level a number such as messages.constants.INFO).\nExpected: ${printExpected(expected)}`,
    );
  }
  const actual = receivedMessages(received);
  if (actual === undefined) {
    throw new TypeError(
      `${head}received value must be a response of the test Client on an app with messagesMiddleware(), or an iterable of messages.\nReceived: ${printReceived(received)}`,
    );
  }
  const want = expected.map(({ level, message }) => ({ level, message }));
  const ordered = options.ordered ?? true;
  const pass = ordered
    ? actual.length === want.length && actual.every((item, i) => key(item) === key(want[i] as ExpectedMessage))
    : actual.length === want.length && [...actual.map(key)].sort().join('\n') === [...want.map(key)].sort().join('\n');
  return {
    pass,
    message: () =>
      `${head}${pass ? 'Expected other messages than' : `Expected messages${ordered ? '' : ' (in any order)'}`}: ${printExpected(want)}\nReceived messages: ${printReceived(actual)}`,
  };
}
