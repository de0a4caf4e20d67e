/**
 * `describe()`: any value rendered short and safe for an error message.
 *
 * Every message about a value passed in follows one template: what was wrong and how to fix
 * it, then the value as `(got X)`. One error type per kind of mistake: `TypeError` for a value
 * of the wrong type or shape and for something missing (a secret, a view); `RangeError` for a
 * charset this package cannot use (malformed, unknown to Node, or unable to hold the text).
 */

/** A short, safe rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || typeof value !== 'object') return String(value);
  const name = value.constructor?.name;
  return name ? `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}` : 'an object';
}
