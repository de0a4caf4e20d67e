/**
 * The URLconf `reverse()` and `resolve()` use when given none (Django's `ROOT_URLCONF`),
 * found without a request: every `urlpatterns()` router mounted with `app.use(prefix, urls)`,
 * under the prefix Express mounted it at (sub-apps' mount paths included), as if one root
 * URLconf included each (`path('polls/', include(urls))`).
 */
import { describe } from '../http/describe.js';
import { decodePath } from './decode-path.js';
import { ImproperlyConfigured } from './errors.js';
import { URLResolver, rootResolver, type UrlPatternEntry } from './resolver.js';
import { RoutePattern } from './route-pattern.js';

/** A URLconf: the patterns and their root resolver. What `urlpatterns()` returns is one. */
export interface UrlConf {
  /** The patterns, as given to `urlpatterns()`. */
  readonly urlpatterns: readonly UrlPatternEntry[];
  /** @internal The root resolver of the patterns (Django's `get_resolver(urlconf)`). */
  readonly resolver: URLResolver;
}

/** What reverse and resolve accept as a URLconf: one made by `urlpatterns()`, or a list of patterns (mounted at `/`). */
export type UrlConfInput = UrlConf | readonly UrlPatternEntry[];

/** The little of an Express app a mount reads: where the app itself is mounted. */
interface MountParent {
  mountpath?: unknown;
  parent?: MountParent;
}

interface Mount {
  readonly urlconf: UrlConf;
  /** The path given to `app.use()` or the `prefix` option. */
  readonly path: unknown;
  /** The app it was mounted on; a WeakRef so that an app thrown away takes its mount with it. */
  readonly parent: WeakRef<object> | undefined;
}

const mounts: Mount[] = [];
let cache: { key: string; resolver: URLResolver } | undefined;

/** @internal Record that Express mounted `urlconf` on `parent` at `path` (or that `prefix` was declared). */
export function recordMount(urlconf: UrlConf, path: unknown, parent: object | undefined): void {
  for (let i = mounts.length - 1; i >= 0; i--) {
    const mount = mounts[i] as Mount;
    const existing = mount.parent?.deref();
    if (mount.parent !== undefined && existing === undefined) mounts.splice(i, 1);
    else if (mount.urlconf === urlconf && mount.path === path && existing === parent) return;
  }
  mounts.push({ urlconf, path, parent: parent === undefined ? undefined : new WeakRef(parent) });
}

/**
 * `path` as a prefix without a trailing slash ('' for '/'), or an error saying why it cannot be
 * one. Express matches a mount path against the URL as the client sent it, percent-encoded, so
 * the prefix is the mount path decoded (Django's script prefix is decoded text), with a
 * character Express would read as pattern syntax written escaped (`'/\\(v1\\)'`) taken as itself.
 */
function prefixOf(path: unknown, where: string): string {
  if (typeof path !== 'string') {
    throw new ImproperlyConfigured(
      `A URLconf is mounted at ${describe(path)} ${where}: reverse() needs one path to write its URLs under; mount it at a single string path (app.use('/polls', urls)).`,
    );
  }
  if (/(?<!\\)[:*?()<>[\]{}]/.test(path.replace(/\\\\/g, ''))) {
    throw new ImproperlyConfigured(
      `A URLconf is mounted at '${path}' ${where}, a pattern reverse() cannot write: mount it at a plain path (app.use('/polls', urls)), escaping a character Express reads as a pattern (app.use('/\\\\(v1\\\\)', urls)), and capture parameters in its path() routes.`,
    );
  }
  const literal = decodePath(path.replace(/\\(.)/g, '$1'));
  if (/[<>]/.test(literal)) {
    throw new ImproperlyConfigured(
      `A URLconf is mounted at '${path}' ${where}, a path with '<' or '>' in it, which reverse() cannot write: mount it at a path without them.`,
    );
  }
  const trimmed = literal.replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The full prefix of a mount: its path under the mount paths of the apps it is mounted in. */
function mountPrefix(mount: Mount): string | undefined {
  let app = mount.parent?.deref() as MountParent | undefined;
  if (mount.parent !== undefined && app === undefined) return undefined;
  let prefix = prefixOf(mount.path, 'in its app');
  // A sub-app knows where Express mounted it: app.mountpath and app.parent.
  while (app?.parent !== undefined) {
    prefix = prefixOf(app.mountpath, 'through a sub-app') + prefix;
    app = app.parent;
  }
  return prefix;
}

/** @internal The prefixes `urlconf` is mounted at ('' for the root), in the order it was mounted. */
export function prefixesOf(urlconf: UrlConf): string[] {
  const prefixes: string[] = [];
  for (const mount of mounts) {
    if (mount.urlconf !== urlconf) continue;
    const prefix = mountPrefix(mount);
    if (prefix !== undefined && !prefixes.includes(prefix)) prefixes.push(prefix);
  }
  return prefixes;
}

/** A root resolver including each URLconf under its prefixes (`path('polls/', include(urls))`). */
function composite(entries: Array<[prefix: string, urlconf: UrlConf]>): URLResolver {
  return rootResolver(
    entries.map(([prefix, urlconf]) =>
      prefix === ''
        ? new URLResolver(new RoutePattern('', undefined, false), urlconf.urlpatterns)
        : new URLResolver(new RoutePattern(`${prefix.slice(1)}/`, undefined, false), urlconf.urlpatterns),
    ),
  );
}

function isUrlConf(value: unknown): value is UrlConf {
  return (
    (typeof value === 'function' || typeof value === 'object') &&
    value !== null &&
    (value as Partial<UrlConf>).resolver instanceof URLResolver
  );
}

/**
 * The root resolver for `urlconf` (a URLconf under the prefixes it is mounted at, a list of
 * patterns at `/`), or, without one, for every mounted URLconf.
 *
 * @throws ImproperlyConfigured when no URLconf is given and none is mounted.
 */
export function resolverFor(urlconf: UrlConfInput | undefined, caller: string): URLResolver {
  if (Array.isArray(urlconf)) return rootResolver(urlconf as readonly UrlPatternEntry[]);
  if (urlconf !== undefined) {
    if (!isUrlConf(urlconf)) {
      throw new TypeError(
        `${caller}'s urlconf is what urlpatterns() returns, or a list of patterns (got ${describe(urlconf)}).`,
      );
    }
    const prefixes = prefixesOf(urlconf);
    if (prefixes.length === 0 || (prefixes.length === 1 && prefixes[0] === '')) return urlconf.resolver;
    return cached(
      prefixes.map((prefix) => [prefix, urlconf]),
      urlconf,
    );
  }
  const entries: Array<[string, UrlConf]> = [];
  for (const mount of [...mounts]) {
    const prefix = mountPrefix(mount);
    if (prefix === undefined) continue;
    if (!entries.some(([p, u]) => p === prefix && u === mount.urlconf)) entries.push([prefix, mount.urlconf]);
  }
  if (entries.length === 0) {
    throw new ImproperlyConfigured(
      `${caller} found no URLconf: mount one on the app first (app.use(urlpatterns([...])) or app.use('/polls', urls)), or pass it: ${caller.replace('()', '')}(${caller === 'resolve()' ? 'path' : 'name'}, { urlconf: urls }).`,
    );
  }
  return cached(entries);
}

const identities = new WeakMap<UrlConf, number>();
let nextIdentity = 0;
function identity(urlconf: UrlConf): number {
  let id = identities.get(urlconf);
  if (id === undefined) identities.set(urlconf, (id = nextIdentity++));
  return id;
}

const explicitCache = new WeakMap<UrlConf, { key: string; resolver: URLResolver }>();

function cached(entries: Array<[string, UrlConf]>, owner?: UrlConf): URLResolver {
  const key = entries.map(([prefix, urlconf]) => `${identity(urlconf)}@${prefix}`).join('\n');
  const hit = owner === undefined ? cache : explicitCache.get(owner);
  if (hit?.key === key) return hit.resolver;
  const entry = { key, resolver: composite(entries) };
  if (owner === undefined) cache = entry;
  else explicitCache.set(owner, entry);
  return entry.resolver;
}

/** @internal The default URLconf's prefix check for a request: whether `baseUrl` is where `urlconf` is mounted. */
export function isMountedAt(urlconf: UrlConf, baseUrl: string): boolean {
  const wanted = decodePath(baseUrl).toLowerCase();
  return prefixesOf(urlconf).some((prefix) => prefix.toLowerCase() === wanted);
}
