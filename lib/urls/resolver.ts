/**
 * Django's `URLPattern`, `URLResolver` and `ResolverMatch` (`django/urls/resolvers.py`):
 * matching a path to a view, and the lookup tables `reverse` reads (names, namespaces and
 * application namespaces), built the first time they are needed.
 */
import type { RequestHandler } from 'express';
import type { PathConverter } from './converters.js';
import { Resolver404 } from './errors.js';
import { pyDict, pyRepr, pyTuple } from './python-repr.js';
import { normalize, type NormalizedForm } from './regex-normalize.js';
import { RegexPattern, type UrlPatternMatcher } from './route-pattern.js';

/** The view a pattern names: what `resolve()` gives back as `func` and `reverse()` accepts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any view, of any signature
export type ViewFunction = Function;

/** One way to reverse a name: Django's `(bits, p_pattern, default_args, converters)`. */
export interface ReversePossibility {
  readonly forms: NormalizedForm[];
  readonly pattern: string;
  readonly defaults: Record<string, unknown>;
  readonly converters: Record<string, PathConverter>;
}

/** A name or a view, and the ways to reverse it, most recent pattern first (Django's `MultiValueDict`). */
export type ReverseDict = Map<string | ViewFunction, ReversePossibility[]>;

/**
 * One pattern in the lists of patterns tried ({@link ResolverMatch.tried},
 * `Resolver404`'s `detail.tried`): a {@link URLPattern} or a {@link URLResolver}, told apart
 * with `instanceof`. Typed by what both show rather than as the classes, so that `req.resolverMatch`
 * has one type when a project loads both this package's CommonJS and ESM declarations.
 */
export interface TriedPattern {
  /** The route, or the prefix of an include: its `String()` is the route as written. */
  readonly pattern: {
    /** The route as written (`'polls/<int:pk>/'`, `'^archive/(?P<year>[0-9]{4})/$'`). */
    toString(): string;
  };
  /** A `URLPattern`'s name, if it has one (a `URLResolver` has none). */
  readonly name?: string | undefined;
  /** Django's `repr()`: `<URLPattern 'route' [name='x']>`, `<URLResolver … 'prefix/'>`. */
  toString(): string;
}

/** What `resolve()` found (Django's `ResolverMatch`). */
export class ResolverMatch {
  /** The view the pattern names. */
  readonly func: ViewFunction;
  /** The positional arguments (unnamed groups of an `rePath()` without named groups). */
  readonly args: unknown[];
  /** The keyword arguments: converted parameters, then the pattern's own `kwargs`. */
  readonly kwargs: Record<string, unknown>;
  /** The pattern's name, if any. */
  readonly urlName: string | undefined;
  /** The route the path matched, includes joined (`'polls/<int:pk>/'`). */
  readonly route: string;
  /** The patterns tried before this one, each as the chain of patterns from the URLconf down to it. */
  readonly tried: TriedPattern[][] | undefined;
  /** The parameters captured from the path, converted. */
  readonly capturedKwargs: Record<string, unknown>;
  /** The `kwargs` given to `path()` / `include()`. */
  readonly extraKwargs: Record<string, unknown>;
  /** The application namespaces, outermost first. */
  readonly appNames: string[];
  /** `appNames` joined with `:`. */
  readonly appName: string;
  /** The instance namespaces, outermost first. */
  readonly namespaces: string[];
  /** `namespaces` joined with `:`. */
  readonly namespace: string;
  /** The name `reverse()` takes for it: `'polls:detail'`, or the view's name when the pattern has none. */
  readonly viewName: string;
  /** @internal The Express handler that answers the match. */
  readonly handler: RequestHandler;

  constructor(init: {
    func: ViewFunction;
    handler: RequestHandler;
    args: unknown[];
    kwargs: Record<string, unknown>;
    urlName: string | undefined;
    appNames?: Array<string | undefined>;
    namespaces?: Array<string | undefined>;
    route: string;
    tried?: TriedPattern[][] | undefined;
    capturedKwargs: Record<string, unknown>;
    extraKwargs: Record<string, unknown>;
  }) {
    this.func = init.func;
    this.handler = init.handler;
    this.args = init.args;
    this.kwargs = init.kwargs;
    this.urlName = init.urlName;
    this.route = init.route;
    this.tried = init.tried;
    this.capturedKwargs = init.capturedKwargs;
    this.extraKwargs = init.extraKwargs;
    this.appNames = (init.appNames ?? []).filter((x): x is string => !!x);
    this.appName = this.appNames.join(':');
    this.namespaces = (init.namespaces ?? []).filter((x): x is string => !!x);
    this.namespace = this.namespaces.join(':');
    this.viewName = [...this.namespaces, init.urlName ?? viewPath(init.func)].join(':');
  }

  /**
   * Django's `repr()`: `ResolverMatch(func=detail, args=(), kwargs={'pk': 5}, url_name='detail',
   * app_names=['polls'], namespaces=['polls'], route='polls/<int:pk>/')`, then the captured and
   * the extra keyword arguments when there are extra ones.
   */
  toString(): string {
    const extra = Object.keys(this.extraKwargs).length > 0;
    return (
      `ResolverMatch(func=${viewPath(this.func)}, args=${pyTuple(this.args)}, kwargs=${pyDict(this.kwargs)}, ` +
      `url_name=${pyRepr(this.urlName)}, app_names=${pyRepr(this.appNames)}, namespaces=${pyRepr(this.namespaces)}, ` +
      `route=${pyRepr(this.route)}` +
      (Object.keys(this.capturedKwargs).length > 0 ? `, captured_kwargs=${pyDict(this.capturedKwargs)}` : '') +
      (extra ? `, extra_kwargs=${pyDict(this.extraKwargs)}` : '') +
      ')'
    );
  }
}

/** A view's name for messages and `viewName`: a class-based view's class, else the function's name. */
export function viewPath(func: ViewFunction): string {
  const viewClass = (func as { viewClass?: { name?: string } }).viewClass;
  return viewClass?.name || func.name || 'anonymous';
}

/** Django's `URLPattern`: a route and its view. */
export class URLPattern {
  constructor(
    /** The route (`path()`'s or `rePath()`'s pattern). */
    readonly pattern: UrlPatternMatcher,
    /** The view, as given to `path()`. */
    readonly callback: ViewFunction,
    /** @internal */ readonly handler: RequestHandler,
    /** The extra arguments given to `path()` (Django's `default_args`), in `req.params` beside the captured ones. */
    readonly defaultArgs: Record<string, unknown>,
    /** The name `reverse()` finds it by, if it has one. */
    readonly name: string | undefined,
  ) {}

  /** The match for `path`, or `undefined`. */
  resolve(path: string): ResolverMatch | undefined {
    const match = this.pattern.match(path);
    if (match === null) return undefined;
    const [, args, captured] = match;
    return new ResolverMatch({
      func: this.callback,
      handler: this.handler,
      args,
      kwargs: { ...captured, ...this.defaultArgs },
      urlName: this.name,
      route: String(this.pattern),
      capturedKwargs: captured,
      extraKwargs: this.defaultArgs,
    });
  }

  /** @internal Django's `lookup_str`. */
  get lookupStr(): string {
    return viewPath(this.callback);
  }

  /** Django's `repr()`: `<URLPattern 'route' [name='name']>`. */
  toString(): string {
    return `<URLPattern ${describePattern(this.pattern)}>`;
  }
}

/** Django's `Pattern.describe()`: the route in quotes, and its name if it has one. */
function describePattern(pattern: UrlPatternMatcher): string {
  return pattern.name === undefined ? `'${String(pattern)}'` : `'${String(pattern)}' [name='${pattern.name}']`;
}

/** A pattern in a URLconf: a route to a view, or an included URLconf. */
export type UrlPatternEntry = URLPattern | URLResolver;

/** The result of one attempt in {@link URLResolver.resolveOrMiss}: a match or the patterns tried. */
type Attempt = ResolverMatch | { miss: Resolver404 };

/** Django's `URLResolver`: a route prefix and the URLconf (list of patterns) under it. */
export class URLResolver {
  /** The route prefix the included URLconf is mounted under. */
  readonly pattern: UrlPatternMatcher;
  /** The included URLconf's patterns. */
  readonly urlPatterns: readonly UrlPatternEntry[];
  /** Extra arguments for every view under it (Django's `include()` kwargs). */
  readonly defaultKwargs: Record<string, unknown>;
  /** Its application namespace (Django's `app_name`), if any. */
  readonly appName: string | undefined;
  /** Its instance namespace, if any. */
  readonly namespace: string | undefined;
  private populated = false;
  private populating = false;
  private reverseLookups: ReverseDict = new Map();
  private namespaces = new Map<string, [prefix: string, resolver: URLResolver]>();
  private apps = new Map<string, string[]>();
  private readonly callbackStrs = new Set<string>();

  constructor(
    pattern: UrlPatternMatcher,
    urlPatterns: readonly UrlPatternEntry[],
    options: {
      defaultKwargs?: Record<string, unknown>;
      appName?: string | undefined;
      namespace?: string | undefined;
    } = {},
  ) {
    this.pattern = pattern;
    this.urlPatterns = urlPatterns;
    this.defaultKwargs = options.defaultKwargs ?? {};
    this.appName = options.appName;
    this.namespace = options.namespace;
  }

  /** The names (and views) this URLconf reverses, with every way to reverse each. */
  get reverseDict(): ReverseDict {
    if (!this.populated) this.populate();
    return this.reverseLookups;
  }

  /** Instance namespaces: each one's route prefix and resolver. */
  get namespaceDict(): Map<string, [prefix: string, resolver: URLResolver]> {
    if (!this.populated) this.populate();
    return this.namespaces;
  }

  /** Application namespaces: the instance namespaces of each, default instance first. */
  get appDict(): Map<string, string[]> {
    if (!this.populated) this.populate();
    return this.apps;
  }

  /** Django's `_populate`, pattern for pattern. */
  private populate(): void {
    // Django short-circuits a recursive call (a URLconf that includes itself).
    if (this.populating) return;
    try {
      this.populating = true;
      const lookups: ReverseDict = new Map();
      const namespaces = new Map<string, [string, URLResolver]>();
      const apps = new Map<string, string[]>();
      const append = (key: string | ViewFunction, value: ReversePossibility): void => {
        const list = lookups.get(key);
        if (list) list.push(value);
        else lookups.set(key, [value]);
      };
      for (const urlPattern of [...this.urlPatterns].reverse()) {
        const pPattern = removePrefix(urlPattern.pattern.regexSource, '^');
        if (urlPattern instanceof URLPattern) {
          this.callbackStrs.add(urlPattern.lookupStr);
          const possibility: ReversePossibility = {
            forms: normalize(urlPattern.pattern.regexSource),
            pattern: pPattern,
            defaults: urlPattern.defaultArgs,
            converters: urlPattern.pattern.converters,
          };
          append(urlPattern.callback, possibility);
          if (urlPattern.name !== undefined) append(urlPattern.name, possibility);
        } else {
          urlPattern.populate();
          if (urlPattern.appName) {
            const list = apps.get(urlPattern.appName) ?? [];
            list.push(urlPattern.namespace as string);
            apps.set(urlPattern.appName, list);
            namespaces.set(urlPattern.namespace as string, [pPattern, urlPattern]);
          } else {
            for (const [name, possibilities] of urlPattern.reverseDict) {
              for (const { pattern, defaults, converters } of possibilities) {
                append(name, {
                  forms: normalize(pPattern + pattern),
                  pattern: pPattern + pattern,
                  defaults: { ...defaults, ...urlPattern.defaultKwargs },
                  converters: { ...this.pattern.converters, ...urlPattern.pattern.converters, ...converters },
                });
              }
            }
            for (const [namespace, [prefix, subPattern]] of urlPattern.namespaceDict) {
              Object.assign(subPattern.pattern.converters, urlPattern.pattern.converters);
              namespaces.set(namespace, [pPattern + prefix, subPattern]);
            }
            for (const [appName, namespaceList] of urlPattern.appDict) {
              const list = apps.get(appName) ?? [];
              list.push(...namespaceList);
              apps.set(appName, list);
            }
          }
          for (const callback of urlPattern.callbackStrs) this.callbackStrs.add(callback);
        }
      }
      this.namespaces = namespaces;
      this.apps = apps;
      this.reverseLookups = lookups;
      this.populated = true;
    } finally {
      this.populating = false;
    }
  }

  /** Whether `name` is the name of a view in this URLconf (Django's `_is_callback`). */
  isCallback(name: string): boolean {
    if (!this.populated) this.populate();
    return this.callbackStrs.has(name);
  }

  /**
   * The match for `path`.
   *
   * @throws Resolver404 with the path left and the patterns tried.
   */
  resolve(path: string): ResolverMatch {
    const attempt = this.attempt(path, true);
    if (attempt instanceof ResolverMatch) return attempt;
    throw attempt.miss;
  }

  /** The match for `path`, or `undefined`: what the router calls per request, without building the list of patterns tried. */
  match(path: string): ResolverMatch | undefined {
    const attempt = this.attempt(path, false);
    return attempt instanceof ResolverMatch ? attempt : undefined;
  }

  private attempt(path: string, collectTried: boolean): Attempt {
    const tried: TriedPattern[][] = [];
    const match = this.pattern.match(path);
    if (match === null) return { miss: new Resolver404({ path }) };
    const [newPath, args, kwargs] = match;
    for (const pattern of this.urlPatterns) {
      let sub: ResolverMatch | undefined;
      if (pattern instanceof URLResolver) {
        const attempt = pattern.attempt(newPath, collectTried);
        if (!(attempt instanceof ResolverMatch)) {
          if (collectTried) extendTried(tried, pattern, attempt.miss.detail.tried);
          continue;
        }
        sub = attempt;
      } else {
        sub = pattern.resolve(newPath);
      }
      if (sub === undefined) {
        if (collectTried) tried.push([pattern]);
        continue;
      }
      // Merge the arguments captured here with the submatch's.
      const subKwargs = { ...kwargs, ...this.defaultKwargs, ...sub.kwargs };
      // With any named groups, unnamed ones are ignored; otherwise they are positional arguments.
      const subArgs = Object.keys(subKwargs).length === 0 ? [...args, ...sub.args] : sub.args;
      const currentRoute = pattern instanceof URLPattern ? '' : String(pattern.pattern);
      if (collectTried) extendTried(tried, pattern, sub.tried);
      return new ResolverMatch({
        func: sub.func,
        handler: sub.handler,
        args: subArgs,
        kwargs: subKwargs,
        urlName: sub.urlName,
        appNames: [this.appName, ...sub.appNames],
        namespaces: [this.namespace, ...sub.namespaces],
        route: joinRoute(currentRoute, sub.route),
        tried: collectTried ? tried : undefined,
        capturedKwargs: sub.capturedKwargs,
        extraKwargs: { ...this.defaultKwargs, ...sub.extraKwargs },
      });
    }
    return { miss: new Resolver404({ tried, path: newPath }) };
  }

  /**
   * Django's `repr()`: `<URLResolver <URLPattern list> (app:namespace) 'route'>`, the included
   * patterns named by the class of the first (`[]` when there are none).
   */
  toString(): string {
    const first = this.urlPatterns[0];
    const urlconf = first === undefined ? '[]' : `<${first.constructor.name} list>`;
    return `<URLResolver ${urlconf} (${this.appName ?? 'None'}:${this.namespace ?? 'None'}) ${describePattern(this.pattern)}>`;
  }
}

function extendTried(tried: TriedPattern[][], pattern: UrlPatternEntry, subTried: TriedPattern[][] | undefined): void {
  if (subTried === undefined) tried.push([pattern]);
  else for (const t of subTried) tried.push([pattern, ...t]);
}

/** Django's `_join_route`: two routes, without the second's leading `^`. */
function joinRoute(route1: string, route2: string): string {
  if (!route1) return route2;
  return route1 + removePrefix(route2, '^');
}

function removePrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** The root resolver of a list of patterns, as Django's `get_resolver` (its pattern is `^/`). */
export function rootResolver(patterns: readonly UrlPatternEntry[]): URLResolver {
  return new URLResolver(new RegexPattern('^/', undefined, false), patterns);
}
