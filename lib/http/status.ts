import statuses from 'statuses';

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
    throw new TypeError(`Invalid status code: ${describe(value)}. HTTP status code must be an integer.`);
  }
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    throw new RangeError(
      `Invalid status code: ${describe(value)}. HTTP status code must be an integer from 100 to 599.`,
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
    throw new TypeError(`Invalid reason phrase: ${describe(value)}. It must be a string.`);
  }
  // RFC 9110 §15: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
    throw new TypeError(
      `Invalid reason phrase: ${JSON.stringify(value)}. It may not contain newlines, control characters or characters above U+00FF.`,
    );
  }
  return value;
}

/** A short, safe rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || typeof value !== 'object') return String(value);
  const name = value.constructor?.name;
  return name ? `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}` : 'an object';
}
