/**
 * Django's URL patterns are Python regular expressions: this turns one into a JavaScript
 * `RegExp` that matches the same strings, and a JavaScript `RegExp` into Python's syntax (which
 * Django's reverse machinery reads). Written by hand: no library translates between the two.
 */
import { ImproperlyConfigured } from './errors.js';

// Python 3.7+'s re.escape: these characters, and nothing else, get a backslash.
const PY_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

/** Python's `re.escape(text)`. */
export function pyReEscape(text: string): string {
  let out = '';
  for (const ch of text) out += PY_SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}

// Characters JavaScript's `u` mode lets a backslash escape outside a class.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
// Python's \d, \w (and negations) are Unicode-aware for text patterns; JavaScript's are ASCII.
const PY_CLASS_ESCAPES: Record<string, { outside: string; inside: string }> = {
  d: { outside: '\\p{Nd}', inside: '\\p{Nd}' },
  D: { outside: '\\P{Nd}', inside: '\\P{Nd}' },
  w: { outside: '[\\p{L}\\p{N}_]', inside: '\\p{L}\\p{N}_' },
  W: { outside: '[^\\p{L}\\p{N}_]', inside: '\\W' },
};
const SIMPLE_ESCAPES = new Set('sSbBnrtfv0123456789');

/**
 * A JavaScript `RegExp` (`u` mode) for the Python pattern `source`: `(?P<name>…)` and
 * `(?P=name)` become named groups and backreferences, `\Z` and `\A` the input's ends, `$` "at
 * the end or before a final newline" as in Python, `\d` and `\w` Unicode-aware, and Python's
 * identity escapes (`\-`, `\ `, `\#` … from `re.escape`) plain characters.
 *
 * @throws ImproperlyConfigured when the pattern is not a valid regular expression.
 */
export function pyToJsRegExp(source: string, { fullMatch = false }: { fullMatch?: boolean } = {}): RegExp {
  let flags = 'u';
  let rest = source;
  // Python's global inline flags, (?i) and friends, come first in the pattern.
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(rest); m; m = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    for (const flag of m[1] as string) {
      if ((flag === 'i' || flag === 'm' || flag === 's') && !flags.includes(flag)) flags += flag;
    }
    rest = rest.slice(m[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i] as string;
    if (ch === '\\') {
      const next = rest[i + 1];
      i++;
      if (next === undefined) break;
      const classEscape = PY_CLASS_ESCAPES[next];
      if (classEscape) out += inClass ? classEscape.inside : classEscape.outside;
      else if (next === 'Z') out += '$';
      else if (next === 'A') out += '^';
      else if (next === 'x' || next === 'u' || next === 'U' || next === 'N') {
        // \xhh, \uhhhh, \Uhhhhhhhh: a code point.
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = rest.slice(i + 1, i + 1 + width);
        if (next === 'N' || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
          throw new ImproperlyConfigured(`"${source}" is not a valid regular expression: bad escape \\${next}`);
        }
        out += `\\u{${hex}}`;
        i += width;
      } else if (SIMPLE_ESCAPES.has(next)) out += `\\${next}`;
      else if (/[A-Za-z]/.test(next)) {
        throw new ImproperlyConfigured(`"${source}" is not a valid regular expression: bad escape \\${next}`);
      } else if (inClass ? next === ']' || next === '\\' || next === '^' || next === '-' : JS_SYNTAX.has(next)) {
        out += `\\${next}`;
      } else out += next;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A ']' right after '[' or '[^' is a literal in Python.
      if (rest[i + 1] === '^') out += rest[++i] as string;
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (ch === '(' && rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (ch === '(' && rest.startsWith('(?P=', i)) {
      const end = rest.indexOf(')', i);
      out += `\\k<${rest.slice(i + 4, end)}>`;
      i = end;
    } else if (ch === '$') out += '(?=\\n?$)';
    else out += ch;
  }
  try {
    return new RegExp(fullMatch ? `^(?:${out})$` : out, flags);
  } catch (err) {
    throw new ImproperlyConfigured(`"${source}" is not a valid regular expression: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * A JavaScript `RegExp`'s source in Python's syntax, as Django's reverse machinery reads
 * patterns: named groups `(?<name>…)` become `(?P<name>…)`, backreferences `\k<name>` become
 * `(?P=name)`. The `i` flag becomes a leading `(?i)`.
 */
export function jsToPySource(regex: RegExp): string {
  let out = '';
  const source = regex.source;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      if (!inClass && source.startsWith('\\k<', i)) {
        const end = source.indexOf('>', i);
        out += `(?P=${source.slice(i + 3, end)})`;
        i = end;
      } else {
        // '\/' is only a JavaScript literal's way to write '/'.
        out += source[i + 1] === '/' ? '/' : source.slice(i, i + 2);
        i++;
      }
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '(' && source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') {
      out += '(?P<';
      i += 2;
    } else out += ch;
  }
  return (regex.flags.includes('i') ? '(?i)' : '') + out;
}
