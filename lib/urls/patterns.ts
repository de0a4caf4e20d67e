/** Django's `path()`, `re_path()` and `include()` (`django/urls/conf.py`). */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ParamsDictionary } from 'express-serve-static-core';
import { describe } from '../http/describe.js';
import { view as mountView } from '../express/view.js';
import { View } from '../views/base.js';
import type { AnyViewHandler } from '../views/types.js';
import { ImproperlyConfigured } from './errors.js';
import { URLPattern, URLResolver, type UrlPatternEntry, type ViewFunction } from './resolver.js';
import { RegexPattern, RoutePattern, type UrlPatternMatcher } from './route-pattern.js';
import type { CheckedRoute, RouteParams } from './route-params.js';

/**
 * A view a pattern routes to, typed by the route's parameters: a function returning a response
 * (mounted with `view()`), or an Express handler taking `next` (`MyView.asView()`, a plain
 * `(req, res, next)` handler), mounted as it is.
 */
export type PathView<P> = (req: Request<P>, res: Response, next: NextFunction) => unknown;

/** An Express handler for any route: what `View.asView()` returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express's own defaults
export type AnyRequestHandler = RequestHandler<ParamsDictionary, any, any, any, any>;

/** Options of {@link path} and {@link rePath}. */
export interface PathOptions {
  /** The name `reverse()` finds the pattern by. */
  name?: string;
  /** Extra keyword arguments for the view, in `req.params` beside the captured ones (Django's `kwargs`). */
  kwargs?: Record<string, unknown>;
}

/** What {@link include} returns, for `path(route, include(...))`. */
export interface Included {
  /** The included patterns. */
  readonly urlpatterns: readonly UrlPatternEntry[];
  /** The application namespace. */
  readonly appName: string | undefined;
  /** The instance namespace. */
  readonly namespace: string | undefined;
}

/**
 * A URLconf module, as Django includes one: any object (an imported module, say) with a
 * `urlpatterns` list and, for its application namespace, an `appName`.
 */
export interface UrlConfModule {
  /** The patterns. */
  readonly urlpatterns: readonly UrlPatternEntry[];
  /** The application namespace (Django's module-level `app_name`). */
  readonly appName?: string | undefined;
}

/** Options of {@link include}. */
export interface IncludeOptions {
  /** The instance namespace (`reverse('namespace:name')`); needs an application namespace. @defaultValue `appName` */
  namespace?: string;
  /** The application namespace (Django's module-level `app_name`). @defaultValue the URLconf's own `appName` */
  appName?: string;
}

/**
 * Django's `include(urlconf, namespace=None)`: patterns to mount under a route, with
 * `path('polls/', include(pollsUrls, { namespace: 'polls' }))`. `patterns` is a list of
 * patterns, what `urlpatterns()` returns, a module exporting `urlpatterns` (and `appName`), or
 * `[patterns, appName]` (Django's 2-tuple).
 *
 * @throws ImproperlyConfigured for a `namespace` without an application namespace, or a URLconf
 * with no `urlpatterns` (a module imported in a cycle), as Django.
 *
 * @example
 * ```ts
 * const pollsUrls = urlpatterns([path('<int:pk>/', detail, { name: 'detail' })], { appName: 'polls' });
 * app.use(urlpatterns([path('polls/', include(pollsUrls))]));
 * reverse('polls:detail', { args: [1] }); // '/polls/1/'
 * ```
 */
export function include(
  patterns: readonly UrlPatternEntry[] | UrlConfModule | readonly [readonly UrlPatternEntry[] | UrlConfModule, string],
  options: IncludeOptions = {},
): Included {
  let urlconf: readonly UrlPatternEntry[] | UrlConfModule = patterns as UrlConfModule;
  let appName = options.appName;
  if (Array.isArray(patterns) && patterns.length > 0 && !isPattern(patterns[0])) {
    if (patterns.length !== 2 || typeof patterns[1] !== 'string') {
      if (options.namespace) {
        throw new ImproperlyConfigured('Cannot override the namespace for a dynamic module that provides a namespace.');
      }
      throw new ImproperlyConfigured(
        `Passing a ${patterns.length}-tuple to include() is not supported. Pass a 2-tuple containing the list of patterns and app_name, and provide the namespace argument to include() instead.`,
      );
    }
    urlconf = patterns[0] as readonly UrlPatternEntry[] | UrlConfModule;
    appName ??= patterns[1];
  }
  const list: readonly UrlPatternEntry[] | undefined = Array.isArray(urlconf)
    ? urlconf
    : (urlconf as UrlConfModule | undefined)?.urlpatterns;
  if (list === undefined || list === null) {
    // A module whose urlpatterns is not there yet (imported in a cycle) or not at all.
    throw new ImproperlyConfigured(
      `The included URLconf (${describe(urlconf)}) does not appear to have any patterns in it. If you see the 'urlpatterns' export with valid patterns in the module then the issue is probably caused by a circular import.`,
    );
  }
  if (!Array.isArray(list) || !list.every(isPattern)) {
    throw new TypeError(
      `include() takes a list of path()/rePath() patterns, what urlpatterns() returns, or [patterns, appName] (got ${describe(patterns)}).`,
    );
  }
  appName ??= (urlconf as UrlConfModule).appName;
  const { namespace } = options;
  if (namespace && !appName) {
    throw new ImproperlyConfigured(
      'Specifying a namespace in include() without providing an app_name is not supported. Set the app_name attribute in the included module, or pass a 2-tuple containing the list of patterns and app_name instead.',
    );
  }
  return { urlpatterns: list, appName, namespace: namespace || appName };
}

function isPattern(value: unknown): value is UrlPatternEntry {
  return value instanceof URLPattern || value instanceof URLResolver;
}

function isIncluded(value: unknown): value is Included {
  return typeof value === 'object' && value !== null && Array.isArray((value as Included).urlpatterns);
}

/** The Express handler for a view: as it is when it takes `next`, else through `view()`. */
function handlerFor(view: ViewFunction): RequestHandler {
  return view.length >= 3 ? (view as RequestHandler) : (mountView(view as AnyViewHandler) as RequestHandler);
}

function makePattern(
  kind: string,
  makeMatcher: (name: string | undefined, isEndpoint: boolean) => UrlPatternMatcher,
  view: unknown,
  options: PathOptions,
): UrlPatternEntry {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${kind}()'s third argument is an object of options, { name, kwargs } (got ${describe(options)}).`,
    );
  }
  const { name, kwargs } = options;
  if (kwargs !== undefined && (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs))) {
    throw new TypeError(`kwargs argument must be a dict, but got ${describe(kwargs)}.`);
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(`${kind}()'s name is a string (got ${describe(name)}).`);
  }
  if (isIncluded(view)) {
    return new URLResolver(makeMatcher(undefined, false), view.urlpatterns, {
      defaultKwargs: kwargs ?? {},
      appName: view.appName,
      namespace: view.namespace,
    });
  }
  if (typeof view === 'function') {
    if (view === View || view.prototype instanceof View) {
      throw new TypeError(`view must be a callable, pass ${view.name}.asView() instead of ${view.name}.`);
    }
    if (name?.includes(':')) {
      process.emitWarning(
        `Your URL pattern ${describe(String(makeMatcher(name, true)))} [name='${name}'] has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.`,
      );
    }
    return new URLPattern(makeMatcher(name, true), view, handlerFor(view), kwargs ?? {}, name);
  }
  if (view instanceof View) {
    const className = view.constructor.name;
    throw new TypeError(`view must be a callable, pass ${className}.asView(), not new ${className}().`);
  }
  throw new TypeError(`view must be a callable or an include() (got ${describe(view)}).`);
}

/**
 * Django's `path(route, view, kwargs=None, name=None)`: `route` with Django's converters
 * (`<int:pk>`, `<str:s>` or `<s>`, `<slug:s>`, `<uuid:u>`, `<path:p>`, and those of
 * `registerConverter`), matched against the whole path after the mount point, trailing slash as
 * written. The view gets the converted values in `req.params` (`<int:pk>` is a number), typed
 * from the route. A converter whose `toPython` throws does not match: the next pattern is tried.
 *
 * @param view - a function returning a response, an Express handler (`MyView.asView()`), or `include(...)`.
 * @throws ImproperlyConfigured for an unknown converter, a parameter that is not an identifier, or whitespace in `<…>`.
 *
 * @example
 * ```ts
 * path('<int:questionId>/vote/', async (req) => {
 *   const question = await getObjectOr404(Question.get(req.params.questionId)); // a number
 *   return redirect('polls:results', { args: [question.id] });
 * }, { name: 'vote' });
 * ```
 */
export function path<Route extends string>(
  route: CheckedRoute<Route>,
  view: PathView<RouteParams<Route>>,
  options?: PathOptions,
): URLPattern;
export function path<Route extends string>(
  route: CheckedRoute<Route>,
  view: AnyRequestHandler,
  options?: PathOptions,
): URLPattern;
export function path(route: string, view: Included, options?: Omit<PathOptions, 'name'>): URLResolver;
export function path(route: string, view: unknown, options: PathOptions = {}): UrlPatternEntry {
  if (typeof route !== 'string') throw new TypeError(`path() needs a route string (got ${describe(route)}).`);
  return makePattern('path', (name, isEndpoint) => new RoutePattern(route, name, isEndpoint), view, options);
}

/**
 * Django's `re_path(route, view, kwargs=None, name=None)`: a regular expression in Django's
 * syntax (`'^articles/(?P<year>[0-9]{4})/$'`) or a `RegExp` (`/^articles\/(?<year>[0-9]{4})\/$/`).
 * Named groups are `req.params` (strings); without any, unnamed groups are `req.params[0]`, `[1]`….
 *
 * @throws ImproperlyConfigured when the expression is not valid.
 */
export function rePath(
  regex: string | RegExp,
  view: PathView<Record<string, string | undefined>>,
  options?: PathOptions,
): URLPattern;
export function rePath(regex: string | RegExp, view: AnyRequestHandler, options?: PathOptions): URLPattern;
export function rePath(regex: string | RegExp, view: Included, options?: Omit<PathOptions, 'name'>): URLResolver;
export function rePath(regex: string | RegExp, view: unknown, options: PathOptions = {}): UrlPatternEntry {
  if (typeof regex !== 'string' && !(regex instanceof RegExp)) {
    throw new TypeError(`rePath() needs a regular expression, a string or a RegExp (got ${describe(regex)}).`);
  }
  return makePattern('rePath', (name, isEndpoint) => new RegexPattern(regex, name, isEndpoint), view, options);
}
