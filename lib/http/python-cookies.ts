/**
 * Python's `http.cookies` quoting, which Django uses for the cookie values it writes and
 * reads: a Django site reads the values this package quotes, and the reverse.
 */
const PY_LEGAL = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]*$/;
const PY_QUOTE_SAFE = /[A-Za-z0-9!#$%&'*+\-.^_`|~: ()/<=>?@[\]{}]/;

/** Python's `http.cookies._quote`, as Django serialises cookie values. */
export function pythonCookieQuote(value: string): string {
  if (value !== '' && PY_LEGAL.test(value)) return value;
  let quoted = '"';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (char === '"' || char === '\\') quoted += `\\${char}`;
    else if (code > 0xff || PY_QUOTE_SAFE.test(char)) quoted += char;
    else quoted += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `${quoted}"`;
}

/** Python's `http.cookies._unquote`, as Django reads cookie values. */
export function pythonCookieUnquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\([0-3][0-7][0-7])|\\(.)/g, (_, octal: string | undefined, char: string) =>
      octal ? String.fromCharCode(parseInt(octal, 8)) : char,
    );
}
