/**
 * Django 5.2's `reverse()` and `resolve()` (`django/urls/base.py`, and
 * `URLResolver._reverse_with_prefix`): names and namespaces to URLs, with Django's quoting and
 * its `NoReverseMatch` messages.
 */
import { describe } from '../http/describe.js';
import { isNoMatchError } from './converters.js';
import { NoReverseMatch } from './errors.js';
import { pyDict, pyRepr, pyTuple } from './python-repr.js';
import { pyReEscape, pyToJsRegExp } from './python-regex.js';
import { RFC3986_SUBDELIMS, escapeLeadingSlashes, pyQuote, pyUrlencode, type QueryInput } from './quote.js';
import {
  URLResolver,
  rootResolver,
  viewPath,
  type ResolverMatch,
  type ReversePossibility,
  type ViewFunction,
} from './resolver.js';
import { RegexPattern } from './route-pattern.js';
import { resolverFor, type UrlConfInput } from './urlconf.js';
import { decodePath } from './decode-path.js';

/** Options of {@link reverse}. */
export interface ReverseOptions {
  /** Positional arguments, in the pattern's order. Not with `kwargs`. */
  args?: readonly unknown[];
  /** Arguments by parameter name. Not with `args`. */
  kwargs?: Record<string, unknown>;
  /** A query string to add (Django 5.2): an object (a list value repeats the key), `URLSearchParams` or pairs. */
  query?: QueryInput;
  /** A fragment to add after `#`, as it is (not encoded). */
  fragment?: string;
  /** The namespace path of the current application instance (`'polls:author-polls'`). */
  currentApp?: string;
  /** The URLconf to reverse in: what `urlpatterns()` returns, or a list of patterns. @defaultValue every URLconf mounted on an app */
  urlconf?: UrlConfInput;
}

// Django's `safe` for reversed URLs: RFC 3986's pchar without the unreserved set.
const SAFE = `${RFC3986_SUBDELIMS}/~:@`;
// Django's script prefix, always '/' here (a mount path is a route of the root resolver's).
const PREFIX = '/';
const nsResolvers = new WeakMap<URLResolver, Map<string, URLResolver>>();

/**
 * Django's `reverse(viewname, urlconf, args, kwargs, current_app, *, query, fragment)`: the URL
 * of the pattern named `viewName` (`'detail'`, `'polls:detail'`; or the view function itself),
 * under the prefix its URLconf is mounted at. Arguments are turned into text by the pattern's
 * converter (`toUrl`) or `String()`, must match the pattern, and are quoted as Django quotes
 * them (RFC 3986: `/`, `~`, `:`, `@` and `!$&'()*+,;=` stay; spaces, `%`, `?`, `#` and non-ASCII
 * become `%XX` of their UTF-8); a URL that would start with `//` starts `/%2F`.
 *
 * @throws NoReverseMatch with Django's message when no pattern fits (or `viewName` is `null` or
 * `undefined`); TypeError when both `args` and `kwargs` are given, or for a `query` or `fragment`
 * of the wrong type.
 *
 * @example
 * ```ts
 * reverse('polls:results', { args: [question.id] }); // '/polls/5/results/'
 * reverse('search', { query: { q: 'café au lait', page: 2 }, fragment: 'results' }); // '/search/?q=caf%C3%A9+au+lait&page=2#results'
 * ```
 */
export function reverse(viewName: string | ViewFunction, options: ReverseOptions = {}): string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `reverse()'s second argument is an object of options, { args, kwargs, ... } (got ${describe(options)}).`,
    );
  }
  let resolver = resolverFor(options.urlconf, 'reverse()');
  const args = options.args ?? [];
  const kwargs = options.kwargs ?? {};
  if (!Array.isArray(args)) throw new TypeError(`reverse()'s args is an array (got ${describe(args)}).`);
  if (typeof kwargs !== 'object' || kwargs === null)
    throw new TypeError(`reverse()'s kwargs is an object (got ${describe(kwargs)}).`);

  let view: string | ViewFunction = viewName;
  if (typeof viewName === 'string') {
    const path = viewName.split(':');
    view = path.pop() as string;
    let currentPath = options.currentApp ? options.currentApp.split(':').reverse() : undefined;
    const resolvedPath: string[] = [];
    let nsPattern = '';
    const nsConverters = {};
    for (let ns of path) {
      const currentNs = currentPath && currentPath.length > 0 ? currentPath.pop() : undefined;
      // Is it an application namespace? Then pick an instance of it.
      const appList = resolver.appDict.get(ns);
      if (appList !== undefined) {
        if (currentNs && appList.includes(currentNs)) ns = currentNs;
        else if (!appList.includes(ns)) ns = appList[0] as string;
      }
      if (ns !== currentNs) currentPath = undefined;
      const found = resolver.namespaceDict.get(ns);
      if (found === undefined) {
        throw new NoReverseMatch(
          resolvedPath.length > 0
            ? `${pyRepr(ns)} is not a registered namespace inside '${resolvedPath.join(':')}'`
            : `${pyRepr(ns)} is not a registered namespace`,
        );
      }
      const [extra, subResolver] = found;
      resolver = subResolver;
      resolvedPath.push(ns);
      nsPattern += extra;
      Object.assign(nsConverters, resolver.pattern.converters);
    }
    if (nsPattern) resolver = nsResolver(nsPattern, resolver, nsConverters);
  } else if (viewName === null || viewName === undefined) {
    // Django's reverse(None): no view has no name, so nothing reverses (not the last unnamed view).
    throw new NoReverseMatch(
      `Reverse for '${String(viewName)}' not found. '${String(viewName)}' is not a valid view function or pattern name.`,
    );
  } else if (typeof viewName !== 'function') {
    throw new TypeError(`reverse() needs a URL pattern name or a view (got ${describe(viewName)}).`);
  }

  let url = reverseWithPrefix(resolver, view, args, kwargs);
  if (options.query !== undefined && options.query !== null) {
    const queryString = pyUrlencode(options.query);
    if (queryString) url += `?${queryString}`;
  }
  if (options.fragment !== undefined && options.fragment !== null) {
    if (typeof options.fragment !== 'string') {
      throw new TypeError(`reverse()'s fragment is a string (got ${describe(options.fragment)}).`);
    }
    url += `#${options.fragment}`;
  }
  return url;
}

/** Django's `get_ns_resolver`: a resolver for `resolver`'s patterns under the namespace route `nsPattern`. */
function nsResolver(
  nsPattern: string,
  resolver: URLResolver,
  converters: URLResolver['pattern']['converters'],
): URLResolver {
  let byPattern = nsResolvers.get(resolver);
  if (byPattern === undefined) nsResolvers.set(resolver, (byPattern = new Map<string, URLResolver>()));
  const key = `${nsPattern}\n${Object.keys(converters).join(',')}`;
  let cached = byPattern.get(key);
  if (cached === undefined) {
    const pattern = new RegexPattern(nsPattern, undefined, false);
    pattern.converters = { ...converters };
    cached = rootResolver([new URLResolver(pattern, resolver.urlPatterns)]);
    byPattern.set(key, cached);
  }
  return cached;
}

/** Python's `'%(name)s' % subs`, and `%%` as `%`. */
function substitute(template: string, subs: Record<string, string>): string {
  return template.replace(/%(?:\(([^)]*)\)s|%)/g, (whole: string, name: string | undefined) => {
    if (name === undefined) return '%';
    const value = subs[name];
    if (value === undefined)
      throw new NoReverseMatch(`Reverse is missing the argument ${pyRepr(name)} (got ${whole}).`);
    return value;
  });
}

const rematchByPossibility = new WeakMap<ReversePossibility, RegExp>();

/** The regex a candidate URL must match for `possibility` (under {@link PREFIX}), compiled once per possibility. */
function rematchFor(possibility: ReversePossibility): RegExp {
  let regex = rematchByPossibility.get(possibility);
  if (regex === undefined) {
    regex = pyToJsRegExp(`^${pyReEscape(PREFIX)}${possibility.pattern}`);
    rematchByPossibility.set(possibility, regex);
  }
  return regex;
}

/** Django's `URLResolver._reverse_with_prefix`, with its prefix {@link PREFIX}. */
function reverseWithPrefix(
  resolver: URLResolver,
  lookupView: string | ViewFunction,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
): string {
  const kwargNames = Object.keys(kwargs);
  if (args.length > 0 && kwargNames.length > 0) {
    throw new TypeError("Don't mix *args and **kwargs in call to reverse()!");
  }
  const possibilities = resolver.reverseDict.get(lookupView) ?? [];
  for (const possibility of possibilities) {
    const { forms, defaults, converters } = possibility;
    for (const [result, params] of forms) {
      let candidateSubs: Record<string, unknown>;
      if (args.length > 0) {
        if (args.length !== params.length) continue;
        candidateSubs = {};
        params.forEach((param, i) => (candidateSubs[param] = args[i]));
      } else {
        // Every parameter given, nothing more, but for defaults.
        const given = new Set(kwargNames);
        const wanted = new Set(params);
        const extra = [...given].filter((k) => !wanted.has(k)).concat(params.filter((p) => !given.has(p)));
        if (extra.some((k) => !(k in defaults))) continue;
        let matches = true;
        for (const [k, v] of Object.entries(defaults)) {
          if (wanted.has(k)) continue;
          if ((k in kwargs ? kwargs[k] : v) !== v) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        candidateSubs = kwargs;
      }
      // Text for each value, through the converter's toUrl.
      const textSubs: Record<string, string> = {};
      let converted = true;
      for (const [k, v] of Object.entries(candidateSubs)) {
        const converter = converters[k];
        if (converter !== undefined) {
          try {
            textSubs[k] = String(converter.toUrl(v));
          } catch (err) {
            if (!isNoMatchError(err)) throw err;
            converted = false;
            break;
          }
        } else textSubs[k] = String(v);
      }
      if (!converted) continue;
      // The unquoted URL must match the pattern; then it is quoted.
      const candidate = substitute(PREFIX.replace(/%/g, '%%') + result, textSubs);
      if (rematchFor(possibility).test(candidate)) {
        return escapeLeadingSlashes(pyQuote(candidate, SAFE));
      }
    }
  }
  const lookupViewS = typeof lookupView === 'function' ? viewPath(lookupView) : lookupView;
  const patterns = possibilities.map((p) => p.pattern);
  if (patterns.length > 0) {
    const argMsg =
      args.length > 0
        ? `arguments '${pyTuple(args)}'`
        : kwargNames.length > 0
          ? `keyword arguments '${pyDict(kwargs)}'`
          : 'no arguments';
    throw new NoReverseMatch(
      `Reverse for '${lookupViewS}' with ${argMsg} not found. ${patterns.length} pattern(s) tried: ${pyRepr(patterns)}`,
    );
  }
  throw new NoReverseMatch(
    `Reverse for '${lookupViewS}' not found. '${lookupViewS}' is not a valid view function or pattern name.`,
  );
}

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** The URLconf to resolve in. @defaultValue every URLconf mounted on an app */
  urlconf?: UrlConfInput;
}

/**
 * Django's `resolve(path)`: the view and arguments the path leads to. `path` is as the browser
 * sends it, mount point included (what `reverse()` returns), percent-encoded or not.
 *
 * @throws Resolver404 when no pattern matches.
 *
 * @example
 * ```ts
 * const match = resolve('/polls/5/');
 * match.viewName; // 'polls:detail'
 * match.kwargs;   // { pk: 5 }
 * ```
 */
export function resolve(path: string, options: ResolveOptions = {}): ResolverMatch {
  if (typeof path !== 'string') throw new TypeError(`resolve() needs a path string (got ${describe(path)}).`);
  const resolver = resolverFor(options.urlconf, 'resolve()');
  return resolver.resolve(decodePath(path));
}
