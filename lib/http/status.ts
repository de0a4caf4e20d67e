import statuses from 'statuses';
import { describe } from './describe.js';

/** The reason phrase Django uses for a status it does not know. */
export const UNKNOWN_REASON = 'Unknown Status Code';

/**
 * Check a status code as Django and Express do and return it as a number.
 * Integer strings such as `"404"` are accepted, as Django's `int(status)` does.
 *
 * @throws TypeError when the value is not a number or an integer string.
 * @throws RangeError when it is not an integer from 100 to 599.
 */
export function toStatusCode(value: unknown): number {
  let code: number;
  if (typeof value === 'number') {
    code = value;
  } else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    code = Number(value);
  } else {
    throw new TypeError(`Invalid status code: HTTP status code must be an integer (got ${describe(value)}).`);
  }
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    throw new RangeError(
      `Invalid status code: HTTP status code must be an integer from 100 to 599 (got ${describe(value)}).`,
    );
  }
  return code;
}

/** The standard reason phrase for `code`, or Django's `'Unknown Status Code'`. */
export function defaultReasonPhrase(code: number): string {
  return statuses.message[code] ?? UNKNOWN_REASON;
}

/**
 * Check a reason phrase: Node refuses control characters in the status line, so refuse
 * them here, where the caller set it, rather than when the response is written.
 */
export function toReasonPhrase(value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`Invalid reason phrase: it must be a string (got ${describe(value)}).`);
  }
  // RFC 9110 §15: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
    throw new TypeError(
      `Invalid reason phrase: it may not contain newlines, control characters or characters above U+00FF (got ${JSON.stringify(value)}).`,
    );
  }
  return value;
}
