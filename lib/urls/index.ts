/** Django's `django.urls`: `path`, `rePath`, `include`, `urlpatterns`, `reverse`, `resolve`. */
export {
  IntConverter,
  PathTextConverter,
  SlugConverter,
  StringConverter,
  UUIDConverter,
  registerConverter,
  type PathConverter,
  type UrlConverterTypes,
} from './converters.js';
export { ImproperlyConfigured, NoReverseMatch, Resolver404, type Resolver404Detail } from './errors.js';
export {
  include,
  path,
  rePath,
  type AnyRequestHandler,
  type IncludeOptions,
  type Included,
  type PathOptions,
  type PathView,
  type UrlConfModule,
} from './patterns.js';
export { ResolverMatch, URLPattern, URLResolver, type TriedPattern, type UrlPatternEntry } from './resolver.js';
export type { CheckedRoute, RouteParams } from './route-params.js';
export { urlpatterns, type UrlPatterns, type UrlpatternsOptions } from './router.js';
export { resolve, reverse, type ResolveOptions, type ReverseOptions } from './reverse.js';
export type { QueryInput } from './quote.js';
export type { UrlConf, UrlConfInput } from './urlconf.js';
export { urlForRequest, type TemplateUrl } from './template-url.js';
export { notFound } from './not-found.js';
export { resolveUrl, type ResolveUrlOptions } from './resolve-url.js';
