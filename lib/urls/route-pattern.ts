/**
 * The two kinds of pattern (Django's `RoutePattern` for `path()` and `RegexPattern` for
 * `rePath()`): each keeps Django's regular expression (Python's syntax, for `reverse` and the
 * messages), a compiled JavaScript `RegExp` that matches the same paths, and its converters.
 */
import { getConverter, isNoMatchError, onConvertersChange, type PathConverter } from './converters.js';
import { ImproperlyConfigured } from './errors.js';
import { jsToPySource, pyReEscape, pyToJsRegExp } from './python-regex.js';

/** What a pattern matched: the rest of the path, the positional and the keyword arguments. */
export type PatternMatch = [rest: string, args: unknown[], kwargs: Record<string, unknown>];

/** A `path()` or `rePath()` pattern. */
export interface UrlPatternMatcher {
  /** Django's regular expression for the pattern (Python's syntax, anchored with `^`). */
  readonly regexSource: string;
  /** The converters of its parameters, by parameter name. */
  converters: Record<string, PathConverter>;
  /** The name of the pattern it belongs to, if any (for messages). */
  readonly name: string | undefined;
  /** The part of the path it matched, the rest, and the arguments; `null` when it does not match. */
  match(path: string): PatternMatch | null;
  /** The route as written (`str(pattern)` in Django). */
  toString(): string;
}

// Django's _PATH_PARAMETER_COMPONENT_RE.
const PARAMETER = /<(?:([^>:]+):)?([^>]+)>/g;
// Python's str.isidentifier(), for the characters a route would use.
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const WHITESPACE = /\s/u;

/** Django's `_route_to_regex(route, is_endpoint)`: the regex source and the converters. */
export function routeToRegex(
  route: string,
  isEndpoint: boolean,
): [source: string, converters: Record<string, PathConverter>] {
  const parts = ['^'];
  const converters: Record<string, PathConverter> = {};
  let previousEnd = 0;
  for (const match of route.matchAll(PARAMETER)) {
    if (WHITESPACE.test(match[0])) {
      throw new ImproperlyConfigured(`URL route ${pyStr(route)} cannot contain whitespace in angle brackets <…>.`);
    }
    const rawConverter = match[1] ?? 'str';
    const parameter = match[2] as string;
    if (!IDENTIFIER.test(parameter)) {
      throw new ImproperlyConfigured(
        `URL route ${pyStr(route)} uses parameter name ${pyStr(parameter)} which isn't a valid Python identifier.`,
      );
    }
    const converter = getConverter(rawConverter);
    if (converter === undefined) {
      throw new ImproperlyConfigured(`URL route ${pyStr(route)} uses invalid converter ${pyStr(rawConverter)}.`);
    }
    converters[parameter] = converter;
    parts.push(pyReEscape(route.slice(previousEnd, match.index)));
    previousEnd = match.index + match[0].length;
    parts.push(`(?P<${parameter}>${converter.regex})`);
  }
  parts.push(pyReEscape(route.slice(previousEnd)));
  if (isEndpoint) parts.push('\\Z');
  return [parts.join(''), converters];
}

/** Python's `repr()` of a string, as Django's messages show routes: quotes and escapes. */
export function pyStr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (!isPrintable(ch)) {
      out +=
        code <= 0xff
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : code <= 0xffff
            ? `\\u${code.toString(16).padStart(4, '0')}`
            : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

// Python's str.isprintable(): not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (but space).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function isPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}

const compiledRoutes = new Set<RoutePattern>();
// A converter registered later changes what a route means, as Django clears its cache.
onConvertersChange(() => {
  for (const pattern of compiledRoutes) pattern.recompile();
});

/** Django's `RoutePattern`: a `path()` route such as `'articles/<int:year>/'`. */
export class RoutePattern implements UrlPatternMatcher {
  regexSource!: string;
  converters!: Record<string, PathConverter>;
  private regex!: RegExp;
  private readonly names: string[] = [];
  // The route's text before its first parameter: a path that does not start with it cannot
  // match, which a string comparison says faster than the regex (a URLconf has many routes).
  private literalPrefix = '';

  constructor(
    readonly route: string,
    readonly name: string | undefined,
    readonly isEndpoint: boolean,
  ) {
    this.recompile();
  }

  /** @internal Compile again with the converters registered now. */
  recompile(): void {
    [this.regexSource, this.converters] = routeToRegex(this.route, this.isEndpoint);
    this.regex = pyToJsRegExp(this.regexSource);
    this.names.length = 0;
    this.names.push(...Object.keys(this.converters));
    if (this.names.length > 0) compiledRoutes.add(this);
    const firstParameter = this.route.search(/<[^>]+>/);
    this.literalPrefix = firstParameter === -1 ? this.route : this.route.slice(0, firstParameter);
  }

  match(path: string): PatternMatch | null {
    if (!path.startsWith(this.literalPrefix)) return null;
    if (this.names.length === 0) {
      // No parameters: the route is literal text, as its regex says.
      if (this.isEndpoint) return path.length === this.route.length ? ['', [], {}] : null;
      return [path.slice(this.route.length), [], {}];
    }
    const match = this.regex.exec(path);
    if (match === null) return null;
    const kwargs: Record<string, unknown> = {};
    const groups = match.groups;
    for (const key of this.names) {
      const value = groups?.[key] as string;
      try {
        kwargs[key] = (this.converters[key] as PathConverter).toPython(value);
      } catch (err) {
        if (isNoMatchError(err)) return null;
        throw err;
      }
    }
    return [path.slice(match.index + match[0].length), [], kwargs];
  }

  toString(): string {
    return this.route;
  }
}

/** Django's `RegexPattern`: an `rePath()` regular expression, in Django's syntax or a `RegExp`. */
export class RegexPattern implements UrlPatternMatcher {
  readonly regexSource: string;
  converters: Record<string, PathConverter> = {};
  private readonly regex: RegExp;
  private readonly fullRegex: RegExp | undefined;
  private readonly hasNamedGroups: boolean;

  constructor(
    regex: string | RegExp,
    readonly name: string | undefined,
    readonly isEndpoint: boolean,
  ) {
    if (regex instanceof RegExp) {
      if (regex.global || regex.sticky) {
        throw new ImproperlyConfigured(
          `rePath() needs a RegExp without the g or y flag (got /${regex.source}/${regex.flags}).`,
        );
      }
      this.regexSource = jsToPySource(regex);
      this.regex = regex;
    } else {
      this.regexSource = regex;
      this.regex = pyToJsRegExp(regex);
    }
    // Django: an endpoint ending with '$' must match the whole path.
    this.fullRegex =
      isEndpoint && this.regexSource.endsWith('$')
        ? new RegExp(`^(?:${this.regex.source})$`, this.regex.flags)
        : undefined;
    this.hasNamedGroups = /\(\?P?<(?![=!])/.test(this.regex.source) || /\(\?P<|\(\?<(?![=!])/.test(this.regexSource);
  }

  match(path: string): PatternMatch | null {
    const match = (this.fullRegex ?? this.regex).exec(path);
    if (match === null) return null;
    // Named groups are the keyword arguments; without any, every group is a positional one.
    if (this.hasNamedGroups) {
      const kwargs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(match.groups ?? {})) if (value !== undefined) kwargs[key] = value;
      return [path.slice(match.index + match[0].length), [], kwargs];
    }
    return [path.slice(match.index + match[0].length), match.slice(1), {}];
  }

  toString(): string {
    return this.regexSource;
  }
}
