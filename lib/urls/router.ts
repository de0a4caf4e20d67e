/**
 * `urlpatterns()`: a URLconf as Express middleware. It matches the path itself (Django's rules
 * on Express 4 and 5 alike: Express 5's router takes no inline regular expressions), puts the
 * converted values in `req.params`, and hands the request to the pattern's view; a path no
 * pattern matches goes on to the next handler. Mounted with `app.use()`, it tells Express it is
 * an app, so that Express reports where it is mounted and `reverse()` writes URLs under it.
 */
import type { NextFunction, Request, Response } from 'express';
import { describe } from '../http/describe.js';
import { decodePath } from './decode-path.js';
import { ImproperlyConfigured } from './errors.js';
import { type ResolverMatch, URLPattern, URLResolver, rootResolver, type UrlPatternEntry } from './resolver.js';
import { isMountedAt, prefixesOf, recordMount, type UrlConf } from './urlconf.js';
import { urlForRequest } from './template-url.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point
  namespace Express {
    interface Request {
      /** What the URLconf matched for this request (Django's `request.resolver_match`), set by `urlpatterns()`. */
      resolverMatch?: ResolverMatch;
    }
  }
}

/** Options of {@link urlpatterns}. */
export interface UrlpatternsOptions {
  /**
   * The application namespace of these patterns when another URLconf includes them (Django's
   * module-level `app_name`).
   */
  appName?: string;
  /**
   * Where the URLconf is mounted, when Express cannot say: mounted through an
   * `express.Router()` rather than on the app (`api.use('/polls', urls)`, `app.use('/api', api)`
   * → `prefix: '/api/polls'`). Mounting on an app or sub-app needs nothing.
   */
  prefix?: string;
}

/** What {@link urlpatterns} returns: Express middleware that is also a URLconf. */
export interface UrlPatterns extends UrlConf {
  (req: Request, res: Response, next: NextFunction): void;
  /** The application namespace given to `urlpatterns()`. */
  readonly appName: string | undefined;
  /** @internal Express calls this when the URLconf is mounted with `app.use()`. */
  handle(req: Request, res: Response, next: NextFunction): void;
  /** @internal Express's mark of an app: `app.use()` then reports where it mounts the URLconf. */
  set(setting: string, value?: unknown): never;
  /** @internal Express emits `'mount'` with the app it mounted the URLconf on. */
  emit(event: string, parent?: unknown): boolean;
  /** @internal Set by Express to the mount path. */
  mountpath?: unknown;
}

/**
 * Django's `urlpatterns` list as Express middleware: mount it with `app.use(urls)` (at the root,
 * as Django's `ROOT_URLCONF`) or `app.use('/polls', urls)`; every pattern matches the path after
 * the mount point. `reverse()` without a `urlconf` finds it, under its mount path.
 *
 * Each request gets `req.resolverMatch`, and its templates a `url(name, ...args)` reversing
 * in the request's namespace (`{% url %}`).
 *
 * @example
 * ```ts
 * app.use(urlpatterns([
 *   path('', index, { name: 'index' }),
 *   path('<int:questionId>/', DetailView.asView(), { name: 'detail' }),
 *   path('polls/', include(pollsUrls, { namespace: 'polls' })),
 * ]));
 * app.use(notFound()); // a path no pattern matches: Http404, answered by httpErrorHandler's handler404
 * app.use(httpErrorHandler());
 * ```
 */
export function urlpatterns(patterns: readonly UrlPatternEntry[], options: UrlpatternsOptions = {}): UrlPatterns {
  if (!Array.isArray(patterns) || !patterns.every((p) => p instanceof URLPattern || p instanceof URLResolver)) {
    const bad: unknown = Array.isArray(patterns)
      ? patterns.find((p) => !(p instanceof URLPattern || p instanceof URLResolver))
      : patterns;
    throw new TypeError(`urlpatterns() takes a list of path(), rePath() and include patterns (got ${describe(bad)}).`);
  }
  const resolver = rootResolver(patterns);
  // The mount points already checked against Express's req.baseUrl.
  const checkedBases = new Set<string>();

  const urls = function urlpatternsRouter(req: Request, res: Response, next: NextFunction): void {
    const base = req.baseUrl;
    if (!checkedBases.has(base)) {
      if (!isMountedAt(urls, base)) {
        next(unmountedError(urls, base));
        return;
      }
      if (checkedBases.size < 64) checkedBases.add(base);
    }
    let match: ResolverMatch | undefined;
    try {
      match = resolver.match(decodePath(req.path));
    } catch (err) {
      next(err);
      return;
    }
    if (match === undefined) {
      next();
      return;
    }
    const params: Record<string, unknown> = {};
    match.args.forEach((value, index) => {
      params[index] = value;
    });
    Object.assign(params, match.kwargs);
    req.params = params as Request['params'];
    req.resolverMatch = match;
    if (res.locals !== undefined && !Object.hasOwn(res.locals, 'url')) res.locals.url = urlForRequest(req, urls);
    match.handler(req, res, next);
  } as UrlPatterns;

  Object.defineProperties(urls, {
    urlpatterns: { value: patterns, enumerable: true },
    resolver: { value: resolver },
    appName: { value: options.appName, enumerable: true },
    handle: { value: urls },
    set: {
      value: (setting: string): never => {
        throw new TypeError(
          `A URLconf is not an Express app: set ${JSON.stringify(setting)} on the app it is mounted on.`,
        );
      },
    },
    emit: {
      value: (event: string, parent?: unknown): boolean => {
        if (event !== 'mount') return false;
        recordMount(
          urls,
          urls.mountpath,
          typeof parent === 'object' || typeof parent === 'function' ? (parent as object) : undefined,
        );
        // Templates rendered anywhere in the app see url() too.
        const locals = (parent as { locals?: Record<string, unknown> } | undefined)?.locals;
        if (locals !== undefined && !Object.hasOwn(locals, 'url')) locals.url = urlForRequest(undefined);
        return true;
      },
    },
  });
  if (options.prefix !== undefined) {
    if (typeof options.prefix !== 'string') {
      throw new TypeError(
        `urlpatterns()'s prefix is the path the URLconf is mounted at (got ${describe(options.prefix)}).`,
      );
    }
    recordMount(urls, options.prefix, undefined);
  }
  return urls;
}

function unmountedError(urls: UrlPatterns, base: string): ImproperlyConfigured {
  const known = prefixesOf(urls);
  const where = base || '/';
  return new ImproperlyConfigured(
    known.length === 0
      ? `A URLconf answered a request under '${where}' without Express saying where it is mounted, so reverse() could not write its URLs: mount it on the app itself (app.use('${where}', urls)), or declare the prefix (urlpatterns(patterns, { prefix: '${where}' })).`
      : `A URLconf mounted at ${known.map((p) => `'${p || '/'}'`).join(', ')} answered a request under '${where}': reverse() writes its URLs under the mount point, so mount it at one place (app.use('${where}', urls)) or declare that one (urlpatterns(patterns, { prefix: '${where}' })).`,
  );
}
