/**
 * Python's `int(value)` for what a page number arrives as (a query string, a route param, a
 * number): Django's paginator and `ListView` accept exactly what `int()` accepts, so this
 * follows CPython's rules rather than `parseInt` (which reads `'4.5'` and `'4px'` as 4).
 */

// Python's str.isspace() beyond JavaScript's \s: the four information separators and NEL;
// JavaScript's \s has U+FEFF, which Python does not count as whitespace.
const SPACE = /[\s\x1c-\x1f\x85]/u;
// int(str) grammar (Python 3.6+): sign, digits, single underscores between digits; \p{Nd} is
// any Unicode decimal digit, which Python reads as its value ('٣' is 3).
const INTEGER = /^[+-]?\p{Nd}+(?:_\p{Nd}+)*$/u;
const DIGIT = /^\p{Nd}$/u;

/** The value of a Unicode decimal digit: its distance from the first digit of its run, mod 10. */
function digitValue(char: string): number {
  const code = char.codePointAt(0) as number;
  let start = code;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (code - start) % 10;
}

function stripSpace(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && SPACE.test(chars[start] as string) && chars[start] !== '\ufeff') start += 1;
  while (end > start && SPACE.test(chars[end - 1] as string) && chars[end - 1] !== '\ufeff') end -= 1;
  return chars.slice(start, end).join('');
}

/**
 * `int(value)` as Python computes it, or `undefined` where Python raises `ValueError` or
 * `TypeError`. A non-integral number is refused (Django's `validate_number` refuses floats
 * that are not whole before calling `int()`).
 */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return undefined;
  const text = stripSpace(value);
  if (!INTEGER.test(text)) return undefined;
  let result = 0;
  for (const char of text) {
    if (char === '+' || char === '-' || char === '_') continue;
    result = result * 10 + digitValue(char);
  }
  return text.startsWith('-') ? -result : result;
}
