/**
 * Django's tests/urlpatterns_reverse/tests.py, part B: NamespaceTests, ResolverTests,
 * ResolverMatchTests (with the whole resolve_test_data table), RequestURLconfTests,
 * ErrorHandlerResolutionTests, DefaultErrorHandlerTests and NoRootUrlConfTests, ported case by
 * case on the same URLconfs (urlpatterns-reverse-namespaces/, one file per Django module).
 * reverse() and resolve() are called directly, every resolve case is requested again over HTTP
 * through urlpatterns() on Express 4 and 5 (the view answers with what it saw), and every URL
 * reversed is requested to show it reaches the pattern it was reversed from.
 *
 * Not ported, as they cannot apply to Node:
 * - ResolverTests.test_reverse_lazy_object_coercion_by_resolve: reverse_lazy's lazy string.
 * - ResolverTests.test_view_detail_as_method: Python's qualified names (`ViewContainer.method_view`);
 *   a JavaScript function knows only its own name.
 * - ResolverTests.test_populate_concurrency: threads.
 * - ResolverMatchTests.test_repr_functools_partial: functools.partial. (test_classbased_repr is
 *   ported on the one pattern of reverse_lazy_urls.py it resolves, its redirect URL not lazy.)
 * - ResolverMatchTests.test_pickling: pickle.
 * - RequestURLconfTests.test_urlconf_is_reset_after_request: Django keeps `request.urlconf` in a
 *   thread-local for reverse() (get_urlconf); here nothing is kept between requests: reverse()
 *   with no `urlconf` reads every mounted URLconf, and the `url()` of a request (templates'
 *   `{% url %}`, `res.locals.url`) reverses in the URLconf that answered it.
 * - ErrorHandlerResolutionTests.test_named_handlers: handlers named by dotted path.
 * - ViewLoadingTests (all): get_callable() imports a view by dotted path; a view here is imported.
 *
 * Where the package differs on purpose:
 * - Django's `request.urlconf` is a middleware that hands the request to another URLconf
 *   (middleware.ts); Django's response middleware call reverse() and get the request's URLconf
 *   from the thread-local, these call the request's `url()`.
 * - `URLResolver.reverse()` (no script prefix) is not public: ResolverTests reverse with
 *   `reverse(name, { urlconf })`, under `/`.
 * - A view without a name is named by its function or class (`emptyView`, `ViewClass`), without
 *   Django's module path; `resolve()`'s match is not a (func, args, kwargs) tuple.
 * - A `Resolver404` has no message (Django's is its dict with `tried`): `detail.tried` holds it.
 * - included_namespace_urls and namespace_urls include each other, which Django's include() by
 *   module name allows; namespace-urls.ts appends the include of itself to the other's list.
 * - Django's handler400…handler500 live in the URLconf module; here they are `httpErrorHandler()`'s.
 * - NoRootUrlConfTests: without any URLconf Express answers requests as it would without this
 *   package; it is reverse() and resolve() that refuse, with ImproperlyConfigured.
 */
import type { Request } from 'express';
import request from 'supertest';
import {
  BadRequest,
  Http404,
  type ImproperlyConfigured,
  JsonResponse,
  NoReverseMatch,
  PermissionDenied,
  RedirectView,
  Resolver404,
  URLPattern,
  URLResolver,
  httpErrorHandler,
  notFound,
  path,
  resolve,
  reverse,
  urlpatterns,
  view,
  viewMiddleware,
  type MiddlewareMixin,
  type UrlPatterns,
} from '../../lib/index.js';
import { expressVersions, type AppFactory } from '../helpers/apps.js';
import {
  ReverseInnerInResponseMiddleware,
  ReverseInnerInStreaming,
  ReverseOuterInResponseMiddleware,
  ReverseOuterInStreaming,
  changeURLconfMiddleware,
  nullChangeURLconfMiddleware,
} from './urlpatterns-reverse-namespaces/middleware.js';
import * as namedUrlsConflictModule from './urlpatterns-reverse-namespaces/named-urls-conflict.js';
import * as namedUrlsModule from './urlpatterns-reverse-namespaces/named-urls.js';
import * as namespaceUrlsModule from './urlpatterns-reverse-namespaces/namespace-urls.js';
import * as nestedUrlsModule from './urlpatterns-reverse-namespaces/nested-urls.js';
import * as urlconfOuterModule from './urlpatterns-reverse-namespaces/urlconf-outer.js';
import * as errorHandlersCallables from './urlpatterns-reverse-namespaces/urls-error-handlers-callables.js';
import * as urlsWithoutHandlersModule from './urlpatterns-reverse-namespaces/urls-without-handlers.js';
import { emptyView, viewClassInstance } from './urlpatterns-reverse-namespaces/views.js';

// Each Django ROOT_URLCONF of the tests, as Express middleware.
const namespaceUrls = urlpatterns(namespaceUrlsModule.urlpatterns);
const namedUrls = urlpatterns(namedUrlsModule.urlpatterns);
const namedUrlsConflict = urlpatterns(namedUrlsConflictModule.urlpatterns);
const nestedUrls = urlpatterns(nestedUrlsModule.urlpatterns);
const urlconfOuter = urlpatterns(urlconfOuterModule.urlpatterns);
const urlsWithoutHandlers = urlpatterns(urlsWithoutHandlersModule.urlpatterns);

type ViewFunction = typeof emptyView | typeof viewClassInstance;

// (path, url_name, app_name, namespace, view_name, func, args, kwargs): Django's resolve_test_data.
type ResolveRow = [
  path: string,
  urlName: string | null,
  appName: string,
  namespace: string,
  viewName: string,
  func: ViewFunction,
  args: string[],
  kwargs: Record<string, unknown>,
];
const resolveTestData: ResolveRow[] = [
  // Simple case
  ['/normal/42/37/', 'normal-view', '', '', 'normal-view', emptyView, [], { arg1: '42', arg2: '37' }],
  ['/view_class/42/37/', 'view-class', '', '', 'view-class', viewClassInstance, [], { arg1: '42', arg2: '37' }],
  [
    '/included/normal/42/37/',
    'inc-normal-view',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-normal-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/included/view_class/42/37/',
    'inc-view-class',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-view-class',
    viewClassInstance,
    [],
    { arg1: '42', arg2: '37' },
  ],
  // Unnamed args are dropped if you have *any* kwargs in a pattern
  ['/mixed_args/42/37/', 'mixed-args', '', '', 'mixed-args', emptyView, [], { extra: true, arg2: '37' }],
  [
    '/included/mixed_args/42/37/',
    'inc-mixed-args',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-mixed-args',
    emptyView,
    [],
    { arg2: '37' },
  ],
  [
    '/included/12/mixed_args/42/37/',
    'inc-mixed-args',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-mixed-args',
    emptyView,
    [],
    { arg2: '37' },
  ],
  // Unnamed views should have None as the url_name. Regression data for #21157.
  // (Django's view_name is the module path, urlpatterns_reverse.views.empty_view.)
  ['/unnamed/normal/42/37/', null, '', '', 'emptyView', emptyView, [], { arg1: '42', arg2: '37' }],
  ['/unnamed/view_class/42/37/', null, '', '', 'ViewClass', viewClassInstance, [], { arg1: '42', arg2: '37' }],
  // If you have no kwargs, you get an args list.
  ['/no_kwargs/42/37/', 'no-kwargs', '', '', 'no-kwargs', emptyView, ['42', '37'], {}],
  [
    '/included/no_kwargs/42/37/',
    'inc-no-kwargs',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-no-kwargs',
    emptyView,
    ['42', '37'],
    {},
  ],
  [
    '/included/12/no_kwargs/42/37/',
    'inc-no-kwargs',
    'included_namespace_urls',
    'included_namespace_urls',
    'included_namespace_urls:inc-no-kwargs',
    emptyView,
    ['12', '42', '37'],
    {},
  ],
  // Namespaces
  [
    '/test1/inner/42/37/',
    'urlobject-view',
    'testapp',
    'test-ns1',
    'test-ns1:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/included/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:testapp',
    'included_namespace_urls:test-ns3',
    'included_namespace_urls:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/ns-included1/normal/42/37/',
    'inc-normal-view',
    'included_namespace_urls',
    'inc-ns1',
    'inc-ns1:inc-normal-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/included/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:testapp',
    'included_namespace_urls:test-ns3',
    'included_namespace_urls:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/default/inner/42/37/',
    'urlobject-view',
    'testapp',
    'testapp',
    'testapp:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/other2/inner/42/37/',
    'urlobject-view',
    'nodefault',
    'other-ns2',
    'other-ns2:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/other1/inner/42/37/',
    'urlobject-view',
    'nodefault',
    'other-ns1',
    'other-ns1:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  // Nested namespaces
  [
    '/ns-included1/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:testapp',
    'inc-ns1:test-ns3',
    'inc-ns1:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/ns-included1/ns-included4/ns-included2/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:namespace_urls:included_namespace_urls:testapp',
    'inc-ns1:inc-ns4:inc-ns2:test-ns3',
    'inc-ns1:inc-ns4:inc-ns2:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/app-included/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:testapp',
    'inc-app:test-ns3',
    'inc-app:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  [
    '/app-included/ns-included4/ns-included2/test3/inner/42/37/',
    'urlobject-view',
    'included_namespace_urls:namespace_urls:included_namespace_urls:testapp',
    'inc-app:inc-ns4:inc-ns2:test-ns3',
    'inc-app:inc-ns4:inc-ns2:test-ns3:urlobject-view',
    emptyView,
    [],
    { arg1: '42', arg2: '37' },
  ],
  // Namespaces capturing variables
  ['/inc70/', 'inner-nothing', 'included_urls', 'inc-ns5', 'inc-ns5:inner-nothing', emptyView, [], { outer: '70' }],
  [
    '/inc78/extra/foobar/',
    'inner-extra',
    'included_urls',
    'inc-ns5',
    'inc-ns5:inner-extra',
    emptyView,
    [],
    { outer: '78', extra: 'foobar' },
  ],
];

// NamespaceTests' tables: (name, args, kwargs, expected), and with current_app.
type ReverseRow = [name: string, args: unknown[], kwargs: Record<string, unknown>, expected: string];
type CurrentAppRow = [
  name: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
  currentApp: string | null,
  expected: string,
];
const namespaceReverse: Record<string, ReverseRow[]> = {
  test_normal_name: [
    ['normal-view', [], {}, '/normal/'],
    ['normal-view', [37, 42], {}, '/normal/37/42/'],
    ['normal-view', [], { arg1: 42, arg2: 37 }, '/normal/42/37/'],
    ['special-view', [], {}, '/+%5C$*/'],
  ],
  test_simple_included_name: [
    ['included_namespace_urls:inc-normal-view', [], {}, '/included/normal/'],
    ['included_namespace_urls:inc-normal-view', [37, 42], {}, '/included/normal/37/42/'],
    ['included_namespace_urls:inc-normal-view', [], { arg1: 42, arg2: 37 }, '/included/normal/42/37/'],
    ['included_namespace_urls:inc-special-view', [], {}, '/included/+%5C$*/'],
  ],
  test_namespace_object: [
    ['test-ns1:urlobject-view', [], {}, '/test1/inner/'],
    ['test-ns1:urlobject-view', [37, 42], {}, '/test1/inner/37/42/'],
    ['test-ns1:urlobject-view', [], { arg1: 42, arg2: 37 }, '/test1/inner/42/37/'],
    ['test-ns1:urlobject-special-view', [], {}, '/test1/inner/+%5C$*/'],
  ],
  test_app_object: [
    ['new-ns1:urlobject-view', [], {}, '/newapp1/inner/'],
    ['new-ns1:urlobject-view', [37, 42], {}, '/newapp1/inner/37/42/'],
    ['new-ns1:urlobject-view', [], { arg1: 42, arg2: 37 }, '/newapp1/inner/42/37/'],
    ['new-ns1:urlobject-special-view', [], {}, '/newapp1/inner/+%5C$*/'],
  ],
  test_app_object_default_namespace: [
    ['newapp:urlobject-view', [], {}, '/new-default/inner/'],
    ['newapp:urlobject-view', [37, 42], {}, '/new-default/inner/37/42/'],
    ['newapp:urlobject-view', [], { arg1: 42, arg2: 37 }, '/new-default/inner/42/37/'],
    ['newapp:urlobject-special-view', [], {}, '/new-default/inner/+%5C$*/'],
  ],
  test_embedded_namespace_object: [
    ['included_namespace_urls:test-ns3:urlobject-view', [], {}, '/included/test3/inner/'],
    ['included_namespace_urls:test-ns3:urlobject-view', [37, 42], {}, '/included/test3/inner/37/42/'],
    ['included_namespace_urls:test-ns3:urlobject-view', [], { arg1: 42, arg2: 37 }, '/included/test3/inner/42/37/'],
    ['included_namespace_urls:test-ns3:urlobject-special-view', [], {}, '/included/test3/inner/+%5C$*/'],
  ],
  test_namespace_pattern: [
    ['inc-ns1:inc-normal-view', [], {}, '/ns-included1/normal/'],
    ['inc-ns1:inc-normal-view', [37, 42], {}, '/ns-included1/normal/37/42/'],
    ['inc-ns1:inc-normal-view', [], { arg1: 42, arg2: 37 }, '/ns-included1/normal/42/37/'],
    ['inc-ns1:inc-special-view', [], {}, '/ns-included1/+%5C$*/'],
  ],
  test_app_name_pattern: [
    ['app-ns1:inc-normal-view', [], {}, '/app-included1/normal/'],
    ['app-ns1:inc-normal-view', [37, 42], {}, '/app-included1/normal/37/42/'],
    ['app-ns1:inc-normal-view', [], { arg1: 42, arg2: 37 }, '/app-included1/normal/42/37/'],
    ['app-ns1:inc-special-view', [], {}, '/app-included1/+%5C$*/'],
  ],
  test_namespace_pattern_with_variable_prefix: [
    ['inc-outer:inc-normal-view', [], { outer: 42 }, '/ns-outer/42/normal/'],
    ['inc-outer:inc-normal-view', [42], {}, '/ns-outer/42/normal/'],
    ['inc-outer:inc-normal-view', [], { arg1: 37, arg2: 4, outer: 42 }, '/ns-outer/42/normal/37/4/'],
    ['inc-outer:inc-normal-view', [42, 37, 4], {}, '/ns-outer/42/normal/37/4/'],
    ['inc-outer:inc-special-view', [], { outer: 42 }, '/ns-outer/42/+%5C$*/'],
    ['inc-outer:inc-special-view', [42], {}, '/ns-outer/42/+%5C$*/'],
  ],
  test_multiple_namespace_pattern: [
    ['inc-ns1:test-ns3:urlobject-view', [], {}, '/ns-included1/test3/inner/'],
    ['inc-ns1:test-ns3:urlobject-view', [37, 42], {}, '/ns-included1/test3/inner/37/42/'],
    ['inc-ns1:test-ns3:urlobject-view', [], { arg1: 42, arg2: 37 }, '/ns-included1/test3/inner/42/37/'],
    ['inc-ns1:test-ns3:urlobject-special-view', [], {}, '/ns-included1/test3/inner/+%5C$*/'],
  ],
  test_nested_namespace_pattern: [
    ['inc-ns1:inc-ns4:inc-ns1:test-ns3:urlobject-view', [], {}, '/ns-included1/ns-included4/ns-included1/test3/inner/'],
    [
      'inc-ns1:inc-ns4:inc-ns1:test-ns3:urlobject-view',
      [37, 42],
      {},
      '/ns-included1/ns-included4/ns-included1/test3/inner/37/42/',
    ],
    [
      'inc-ns1:inc-ns4:inc-ns1:test-ns3:urlobject-view',
      [],
      { arg1: 42, arg2: 37 },
      '/ns-included1/ns-included4/ns-included1/test3/inner/42/37/',
    ],
    [
      'inc-ns1:inc-ns4:inc-ns1:test-ns3:urlobject-special-view',
      [],
      {},
      '/ns-included1/ns-included4/ns-included1/test3/inner/+%5C$*/',
    ],
  ],
  test_app_lookup_object: [
    ['testapp:urlobject-view', [], {}, '/default/inner/'],
    ['testapp:urlobject-view', [37, 42], {}, '/default/inner/37/42/'],
    ['testapp:urlobject-view', [], { arg1: 42, arg2: 37 }, '/default/inner/42/37/'],
    ['testapp:urlobject-special-view', [], {}, '/default/inner/+%5C$*/'],
  ],
  test_special_chars_namespace: [
    ['special:included_namespace_urls:inc-normal-view', [], {}, '/+%5C$*/included/normal/'],
    ['special:included_namespace_urls:inc-normal-view', [37, 42], {}, '/+%5C$*/included/normal/37/42/'],
    ['special:included_namespace_urls:inc-normal-view', [], { arg1: 42, arg2: 37 }, '/+%5C$*/included/normal/42/37/'],
    ['special:included_namespace_urls:inc-special-view', [], {}, '/+%5C$*/included/+%5C$*/'],
  ],
  test_namespaces_with_variables: [
    ['inc-ns5:inner-nothing', [], { outer: '70' }, '/inc70/'],
    ['inc-ns5:inner-extra', [], { extra: 'foobar', outer: '78' }, '/inc78/extra/foobar/'],
    ['inc-ns5:inner-nothing', ['70'], {}, '/inc70/'],
    ['inc-ns5:inner-extra', ['78', 'foobar'], {}, '/inc78/extra/foobar/'],
  ],
};
const namespaceReverseCurrentApp: Record<string, CurrentAppRow[]> = {
  test_app_lookup_object_with_default: [
    ['testapp:urlobject-view', [], {}, 'test-ns3', '/default/inner/'],
    ['testapp:urlobject-view', [37, 42], {}, 'test-ns3', '/default/inner/37/42/'],
    ['testapp:urlobject-view', [], { arg1: 42, arg2: 37 }, 'test-ns3', '/default/inner/42/37/'],
    ['testapp:urlobject-special-view', [], {}, 'test-ns3', '/default/inner/+%5C$*/'],
  ],
  test_app_lookup_object_without_default: [
    ['nodefault:urlobject-view', [], {}, null, '/other2/inner/'],
    ['nodefault:urlobject-view', [37, 42], {}, null, '/other2/inner/37/42/'],
    ['nodefault:urlobject-view', [], { arg1: 42, arg2: 37 }, null, '/other2/inner/42/37/'],
    ['nodefault:urlobject-special-view', [], {}, null, '/other2/inner/+%5C$*/'],
    ['nodefault:urlobject-view', [], {}, 'other-ns1', '/other1/inner/'],
    ['nodefault:urlobject-view', [37, 42], {}, 'other-ns1', '/other1/inner/37/42/'],
    ['nodefault:urlobject-view', [], { arg1: 42, arg2: 37 }, 'other-ns1', '/other1/inner/42/37/'],
    ['nodefault:urlobject-special-view', [], {}, 'other-ns1', '/other1/inner/+%5C$*/'],
  ],
  test_nested_app_lookup: [
    ['inc-ns1:testapp:urlobject-view', [], {}, null, '/ns-included1/test4/inner/'],
    ['inc-ns1:testapp:urlobject-view', [37, 42], {}, null, '/ns-included1/test4/inner/37/42/'],
    ['inc-ns1:testapp:urlobject-view', [], { arg1: 42, arg2: 37 }, null, '/ns-included1/test4/inner/42/37/'],
    ['inc-ns1:testapp:urlobject-special-view', [], {}, null, '/ns-included1/test4/inner/+%5C$*/'],
    ['inc-ns1:testapp:urlobject-view', [], {}, 'inc-ns1:test-ns3', '/ns-included1/test3/inner/'],
    ['inc-ns1:testapp:urlobject-view', [37, 42], {}, 'inc-ns1:test-ns3', '/ns-included1/test3/inner/37/42/'],
    [
      'inc-ns1:testapp:urlobject-view',
      [],
      { arg1: 42, arg2: 37 },
      'inc-ns1:test-ns3',
      '/ns-included1/test3/inner/42/37/',
    ],
    ['inc-ns1:testapp:urlobject-special-view', [], {}, 'inc-ns1:test-ns3', '/ns-included1/test3/inner/+%5C$*/'],
  ],
  test_current_app_no_partial_match: [
    ['inc-ns1:testapp:urlobject-view', [], {}, 'nonexistent:test-ns3', '/ns-included1/test4/inner/'],
    ['inc-ns1:testapp:urlobject-view', [37, 42], {}, 'nonexistent:test-ns3', '/ns-included1/test4/inner/37/42/'],
    [
      'inc-ns1:testapp:urlobject-view',
      [],
      { arg1: 42, arg2: 37 },
      'nonexistent:test-ns3',
      '/ns-included1/test4/inner/42/37/',
    ],
    ['inc-ns1:testapp:urlobject-special-view', [], {}, 'nonexistent:test-ns3', '/ns-included1/test4/inner/+%5C$*/'],
  ],
};
const namespaceNoReverse: Record<string, Array<[name: string, args: unknown[], kwargs: Record<string, unknown>]>> = {
  // Names deployed via dynamic URL objects that require namespaces can't be resolved.
  test_ambiguous_object: [
    ['urlobject-view', [], {}],
    ['urlobject-view', [37, 42], {}],
    ['urlobject-view', [], { arg1: 42, arg2: 37 }],
  ],
  test_ambiguous_urlpattern: [
    ['inner-nothing', [], {}],
    ['inner-nothing', [37, 42], {}],
    ['inner-nothing', [], { arg1: 42, arg2: 37 }],
  ],
  // Nonexistent namespaces raise errors.
  test_non_existent_namespace: [
    ['blahblah:urlobject-view', [], {}],
    ['test-ns1:blahblah:urlobject-view', [], {}],
  ],
};

// ResolverTests' tables: (name, args, kwargs, expected), Django's resolver.reverse() under '/'.
const resolverReverse: ReverseRow[] = [
  ['named-url1', [], {}, '/'],
  ['named-url2', ['arg'], {}, '/extra/arg/'],
  ['named-url2', [], { extra: 'arg' }, '/extra/arg/'],
];
const resolverReverseConflict: ReverseRow[] = [
  // Without arguments, the last URL in urlpatterns has precedence.
  ['name-conflict', [], {}, '/conflict/'],
  // With an arg, the last URL in urlpatterns has precedence.
  ['name-conflict', ['arg'], {}, '/conflict-last/arg/'],
  // With a kwarg, other URL patterns can be reversed.
  ['name-conflict', [], { first: 'arg' }, '/conflict-first/arg/'],
  ['name-conflict', [], { middle: 'arg' }, '/conflict-middle/arg/'],
  ['name-conflict', [], { last: 'arg' }, '/conflict-last/arg/'],
  // The number and order of the arguments don't interfere with reversing.
  ['name-conflict', ['arg', 'arg'], {}, '/conflict/arg/arg/'],
];

function reverseIn(
  urlconf: UrlPatterns,
  [name, args, kwargs]: readonly [string, unknown[], Record<string, unknown>, ...unknown[]],
): string {
  return reverse(name, { urlconf, args, kwargs });
}

function reverseWithCurrentApp([name, args, kwargs, currentApp]: CurrentAppRow): string {
  return reverse(name, { urlconf: namespaceUrls, args, kwargs, ...(currentApp === null ? {} : { currentApp }) });
}

describe('NamespaceTests', () => {
  it.each(Object.entries(namespaceNoReverse))('%s', (_test, rows) => {
    for (const row of rows) {
      expect(() => reverseIn(namespaceUrls, row)).toThrow(NoReverseMatch);
    }
  });

  it.each(Object.entries(namespaceReverse))('%s', (_test, rows) => {
    for (const row of rows) expect([row, reverseIn(namespaceUrls, row)]).toEqual([row, row[3]]);
  });

  it.each(Object.entries(namespaceReverseCurrentApp))('%s', (_test, rows) => {
    for (const row of rows) expect([row, reverseWithCurrentApp(row)]).toEqual([row, row[4]]);
  });

  it('test_non_existent_namespace: the message names the namespace, as Django', () => {
    expect(() => reverse('blahblah:urlobject-view', { urlconf: namespaceUrls })).toThrow(
      "'blahblah' is not a registered namespace",
    );
    expect(() => reverse('test-ns1:blahblah:urlobject-view', { urlconf: namespaceUrls })).toThrow(
      "'blahblah' is not a registered namespace inside 'test-ns1'",
    );
  });
});

describe('ResolverTests', () => {
  it('test_resolver_repr', () => {
    // Pick a resolver from a namespaced URLconf.
    const subResolver = namespaceUrlsModule.urlpatterns.find(
      (p): p is URLResolver => p instanceof URLResolver && p.namespace === 'test-ns1',
    );
    expect(String(subResolver)).toContain('<URLPattern list>');
    expect(String(subResolver)).toBe("<URLResolver <URLPattern list> (testapp:test-ns1) 'test1/'>");
  });

  it('test_resolver_reverse', () => {
    for (const row of resolverReverse) expect([row, reverseIn(namedUrls, row)]).toEqual([row, row[3]]);
  });

  it('test_resolver_reverse_conflict', () => {
    // URL pattern name arguments don't need to be unique. The last registered pattern takes
    // precedence for conflicting names.
    for (const row of resolverReverseConflict) {
      expect([row, reverseIn(namedUrlsConflict, row)]).toEqual([row, row[3]]);
    }
  });

  it.each(['', 'a', '\\', '.'])('test_non_regex: resolve(%j) is a Resolver404', (path) => {
    // A path that does not match the root pattern '^/' is a Resolver404, never undefined.
    expect(() => resolve(path, { urlconf: namespaceUrls })).toThrow(Resolver404);
  });

  it('test_404_tried_urls_have_names', () => {
    // The patterns tried, each as the chain from the URLconf down: its class and its name.
    const urlTypesNames: Array<Array<{ type: typeof URLPattern | typeof URLResolver; name?: string | null }>> = [
      [{ type: URLPattern, name: 'named-url1' }],
      [{ type: URLPattern, name: 'named-url2' }],
      [{ type: URLPattern, name: null }],
      [{ type: URLResolver }, { type: URLPattern, name: 'named-url3' }],
      [{ type: URLResolver }, { type: URLPattern, name: 'named-url4' }],
      [{ type: URLResolver }, { type: URLPattern, name: null }],
      [{ type: URLResolver }, { type: URLResolver }],
    ];
    let error: unknown;
    try {
      resolve('/included/nonexistent-url', { urlconf: namedUrls });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Resolver404);
    const { tried, path } = (error as Resolver404).detail;
    expect(path).toBe('included/nonexistent-url');
    expect(tried).toHaveLength(urlTypesNames.length);
    tried!.forEach((chain, i) => {
      const expected = urlTypesNames[i]!;
      expect(chain).toHaveLength(expected.length);
      chain.forEach((entry, j) => {
        const { type, name } = expected[j]!;
        expect(entry).toBeInstanceOf(type);
        if (name !== undefined) expect((entry as URLPattern).name ?? null).toBe(name);
      });
    });
    // Each one's String() is Django's repr().
    expect(tried!.map((chain) => chain.map(String))).toEqual([
      ["<URLPattern '' [name='named-url1']>"],
      [String.raw`<URLPattern '^extra/(?P<extra>\w+)/$' [name='named-url2']>`],
      ["<URLPattern '^(?P<one>[0-9]+)|(?P<two>[0-9]+)/$'>"],
      ["<URLResolver <URLPattern list> (None:None) 'included/'>", "<URLPattern '' [name='named-url3']>"],
      [
        "<URLResolver <URLPattern list> (None:None) 'included/'>",
        String.raw`<URLPattern '^extra/(?P<extra>\w+)/$' [name='named-url4']>`,
      ],
      ["<URLResolver <URLPattern list> (None:None) 'included/'>", "<URLPattern '^(?P<one>[0-9]+)|(?P<two>[0-9]+)/$'>"],
      [
        "<URLResolver <URLPattern list> (None:None) 'included/'>",
        "<URLResolver <URLPattern list> (None:None) 'included/'>",
      ],
    ]);
  });

  it('test_namespaced_view_detail', () => {
    // Views are known by name (Django's dotted path), in a namespaced include and an include in it.
    const resolver = nestedUrls.resolver;
    expect(resolver.isCallback('view1')).toBe(true);
    expect(resolver.isCallback('view2')).toBe(true);
    expect(resolver.isCallback('View3')).toBe(true);
    expect(resolver.isCallback('view4')).toBe(true);
    expect(resolver.isCallback('blub')).toBe(false);
  });
});

class LazyRedirectView extends RedirectView {
  override url = '/redirected_to/';
}
// The pattern of Django's reverse_lazy_urls.py that test_classbased_repr resolves.
const reverseLazyUrls = urlpatterns([path('redirect/', LazyRedirectView.asView())]);

describe('ResolverMatchTests', () => {
  it.each(resolveTestData)(
    'test_urlpattern_resolve: %s',
    (path, urlName, appName, namespace, viewName, func, args, kwargs) => {
      const match = resolve(path, { urlconf: namespaceUrls });
      expect(match.func).toBe(func);
      expect(match.args).toEqual(args);
      expect(match.kwargs).toEqual(kwargs);
      expect(match.urlName ?? null).toBe(urlName);
      expect(match.appName).toBe(appName);
      expect(match.namespace).toBe(namespace);
      expect(match.viewName).toBe(viewName);
      expect(match.appNames).toEqual(appName ? appName.split(':') : []);
      expect(match.namespaces).toEqual(namespace ? namespace.split(':') : []);
    },
  );

  it('test_repr', () => {
    expect(String(resolve('/no_kwargs/42/37/', { urlconf: namespaceUrls }))).toBe(
      "ResolverMatch(func=emptyView, args=('42', '37'), kwargs={}, url_name='no-kwargs', app_names=[], " +
        "namespaces=[], route='^no_kwargs/([0-9]+)/([0-9]+)/$')",
    );
  });

  it('test_repr_extra_kwargs', () => {
    expect(String(resolve('/mixed_args/1986/11/', { urlconf: namespaceUrls }))).toBe(
      "ResolverMatch(func=emptyView, args=(), kwargs={'arg2': '11', 'extra': True}, url_name='mixed-args', " +
        "app_names=[], namespaces=[], route='^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$', " +
        "captured_kwargs={'arg2': '11'}, extra_kwargs={'extra': True})",
    );
  });

  it('test_classbased_repr', () => {
    expect(String(resolve('/redirect/', { urlconf: reverseLazyUrls }))).toBe(
      'ResolverMatch(func=LazyRedirectView, args=(), kwargs={}, url_name=None, app_names=[], ' +
        "namespaces=[], route='redirect/')",
    );
  });
});

describe('NoRootUrlConfTests', () => {
  it('test_no_handler_exception: without a URLconf, resolve() and reverse() say how to give one', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh registry: no URLconf mounted
      const fresh = require('../../lib/index.js') as {
        resolve: typeof resolve;
        reverse: typeof reverse;
        ImproperlyConfigured: typeof ImproperlyConfigured;
      };
      expect(() => fresh.resolve('/test/me/')).toThrow(fresh.ImproperlyConfigured);
      expect(() => fresh.resolve('/test/me/')).toThrow(
        "resolve() found no URLconf: mount one on the app first (app.use(urlpatterns([...])) or app.use('/polls', urls)), or pass it: resolve(path, { urlconf: urls }).",
      );
      expect(() => fresh.reverse('outer')).toThrow(fresh.ImproperlyConfigured);
    });
  });
});

/** An app whose every error is recorded, then answered by httpErrorHandler(). */
function appWithErrors(createApp: AppFactory, errors: unknown[], ...handlers: Parameters<typeof httpErrorHandler>) {
  const app = createApp();
  app.set('env', 'test');
  const finish = (): void => {
    app.use(notFound());
    app.use((err: unknown, _req: Request, _res: unknown, next: (err: unknown) => void) => {
      errors.push(err);
      next(err);
    });
    app.use(httpErrorHandler(...handlers));
  };
  return { app, finish };
}

describe.each(expressVersions)('over HTTP on %s', (_label, createApp) => {
  const namespaceApp = createApp();
  namespaceApp.use(namespaceUrls);
  namespaceApp.use(notFound(), httpErrorHandler());

  describe('ResolverMatchTests', () => {
    it.each(resolveTestData)(
      'test_urlpattern_resolve: GET %s reaches the view with what resolve() found',
      async (path, urlName, appName, namespace, viewName, func, args, kwargs) => {
        const response = await request(namespaceApp).get(path);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          view: func === emptyView ? 'emptyView' : 'ViewClass',
          urlName,
          appName,
          namespace,
          viewName,
          route: resolve(path, { urlconf: namespaceUrls }).route,
          args,
          kwargs,
          params: { ...Object.fromEntries(args.map((arg, i) => [String(i), arg])), ...kwargs },
        });
      },
    );

    it('test_resolver_match_on_request', async () => {
      const response = await request(namespaceApp).get('/resolver_match/');
      expect(response.body).toMatchObject({ view: 'passResolverMatchView', urlName: 'test-resolver-match' });
    });

    it('test_resolver_match_on_request_before_resolution', async () => {
      // A request no URLconf answered has no resolverMatch.
      const app = createApp();
      app.get(
        '/plain/',
        view((req) => new JsonResponse({ resolverMatch: req.resolverMatch ?? null })),
      );
      expect((await request(app).get('/plain/')).body).toEqual({ resolverMatch: null });
    });

    it('test_classbased_repr: GET /redirect/ is the class-based view', async () => {
      const app = createApp();
      app.use(reverseLazyUrls);
      const response = await request(app).get('/redirect/');
      expect([response.status, response.headers['location']]).toEqual([302, '/redirected_to/']);
    });
  });

  describe('NamespaceTests', () => {
    const rows = [
      ...Object.entries(namespaceReverse).flatMap(([test, table]) =>
        table.map((row) => [test, row[0], row[3]] as const),
      ),
      ...Object.entries(namespaceReverseCurrentApp).flatMap(([test, table]) =>
        table.map((row) => [test, row[0], row[4]] as const),
      ),
    ];
    it.each(rows)('%s: GET %s → %s reaches that pattern', async (_test, name, url) => {
      const response = await request(namespaceApp).get(url);
      expect([url, response.status]).toEqual([url, 200]);
      const { urlName, viewName, args, kwargs } = response.body as {
        urlName: string;
        viewName: string;
        args: unknown[];
        kwargs: Record<string, unknown>;
      };
      expect(urlName).toBe(name.split(':').pop());
      // What the view saw reverses to the URL it was requested at.
      expect(reverse(viewName, { urlconf: namespaceUrls, ...(args.length > 0 ? { args } : { kwargs }) })).toBe(url);
    });
  });

  describe('ResolverTests', () => {
    const named = createApp();
    named.use(namedUrls);
    named.use(notFound(), httpErrorHandler());
    const conflict = createApp();
    conflict.use(namedUrlsConflict);

    it('test_resolver_reverse: each URL reaches its pattern', async () => {
      for (const [name, , , url] of resolverReverse) {
        expect([url, (await request(named).get(url)).body]).toMatchObject([url, { urlName: name }]);
      }
    });

    it('test_resolver_reverse_conflict: each URL reaches the pattern it was reversed from', async () => {
      for (const [name, , kwargs, url] of resolverReverseConflict) {
        const body = (await request(conflict).get(url)).body as { urlName: string; kwargs: object };
        expect([url, body.urlName]).toEqual([url, name]);
        if (Object.keys(kwargs).length > 0) expect(body.kwargs).toEqual(kwargs);
      }
    });

    it('test_404_tried_urls_have_names: GET /included/nonexistent-url is a 404', async () => {
      expect((await request(named).get('/included/nonexistent-url')).status).toBe(404);
    });
  });

  describe('RequestURLconfTests', () => {
    function urlconfApp(...middleware: Array<typeof MiddlewareMixin>) {
      const errors: unknown[] = [];
      const { app, finish } = appWithErrors(createApp, errors);
      if (middleware.length > 0) app.use(viewMiddleware(...middleware.map((m) => m.asMiddleware())));
      return { app, errors, finish };
    }

    it('test_urlconf', async () => {
      const { app, finish } = urlconfApp();
      app.use(urlconfOuter);
      finish();
      let response = await request(app).get('/test/me/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('outer:/test/me/,inner:/inner_urlconf/second_test/');
      response = await request(app).get('/inner_urlconf/second_test/');
      expect(response.status).toBe(200);
      response = await request(app).get('/second_test/');
      expect(response.status).toBe(404);
    });

    it('test_urlconf_overridden', async () => {
      const { app, finish } = urlconfApp();
      app.use(changeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      let response = await request(app).get('/test/me/');
      expect(response.status).toBe(404);
      response = await request(app).get('/inner_urlconf/second_test/');
      expect(response.status).toBe(404);
      response = await request(app).get('/second_test/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('outer:,inner:/second_test/');
    });

    it('test_urlconf_overridden_with_null', async () => {
      // Overriding request.urlconf with None will fall back to the default URLconf.
      const { app, finish } = urlconfApp();
      app.use(nullChangeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      let response = await request(app).get('/test/me/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('outer:/test/me/,inner:/inner_urlconf/second_test/');
      response = await request(app).get('/inner_urlconf/second_test/');
      expect(response.status).toBe(200);
      response = await request(app).get('/second_test/');
      expect(response.status).toBe(404);
    });

    it('test_reverse_inner_in_response_middleware', async () => {
      // Reversing a URL from the *overridden* URLconf from inside a response middleware.
      const { app, finish } = urlconfApp(ReverseInnerInResponseMiddleware);
      app.use(changeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      const response = await request(app).get('/second_test/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('/second_test/');
    });

    it('test_reverse_outer_in_response_middleware', async () => {
      // Reversing a URL from the *default* URLconf from inside a response middleware.
      const { app, errors, finish } = urlconfApp(ReverseOuterInResponseMiddleware);
      app.use(changeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      const response = await request(app).get('/second_test/');
      expect(response.status).toBe(500);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(NoReverseMatch);
      expect((errors[0] as Error).message).toBe(
        "Reverse for 'outer' not found. 'outer' is not a valid view function or pattern name.",
      );
    });

    it('test_reverse_inner_in_streaming', async () => {
      // Reversing a URL from the *overridden* URLconf from inside a streaming response.
      const { app, finish } = urlconfApp(ReverseInnerInStreaming);
      app.use(changeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      const response = await request(app).get('/second_test/');
      expect(response.status).toBe(200);
      expect(response.text).toBe('/second_test/');
    });

    it('test_reverse_outer_in_streaming', async () => {
      // Reversing a URL from the *default* URLconf from inside a streaming response.
      const { app, errors, finish } = urlconfApp(ReverseOuterInStreaming);
      app.use(changeURLconfMiddleware);
      app.use(urlconfOuter);
      finish();
      // The chunk is reversed before the headers are written: the error is a 500.
      const response = await request(app).get('/second_test/');
      expect(response.status).toBe(500);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(NoReverseMatch);
      expect((errors[0] as Error).message).toMatch(/^Reverse for 'outer' not found\./);
    });
  });

  describe('ErrorHandlerResolutionTests', () => {
    it('test_callable_handlers', async () => {
      const errors: unknown[] = [];
      const { handler400, handler403, handler404, handler500 } = errorHandlersCallables;
      const { app, finish } = appWithErrors(createApp, errors, { handler400, handler403, handler404, handler500 });
      app.use(urlpatterns(errorHandlersCallables.urlpatterns));
      app.get('/400/', () => {
        throw new BadRequest('bad');
      });
      app.get('/403/', () => {
        throw new PermissionDenied('no');
      });
      app.get('/404/', () => {
        throw new Http404('none');
      });
      app.get('/500/', () => {
        throw new Error('broken');
      });
      finish();
      for (const code of [400, 403, 404, 500]) {
        const response = await request(app).get(`/${code}/`);
        expect([code, response.body]).toEqual([code, { view: 'emptyView', resolverMatch: null }]);
      }
      // And a path no pattern matches is answered by handler404 too.
      expect((await request(app).get('/nowhere/')).body).toEqual({ view: 'emptyView', resolverMatch: null });
    });
  });

  describe('DefaultErrorHandlerTests', () => {
    it('test_default_handler', async () => {
      // If the urls.py doesn't specify handlers, the defaults are used.
      const errors: unknown[] = [];
      const { app, finish } = appWithErrors(createApp, errors);
      app.use(urlsWithoutHandlers);
      finish();
      const notFoundResponse = await request(app).get('/test/');
      expect(notFoundResponse.status).toBe(404);
      expect(notFoundResponse.text).toContain('<h1>Not Found</h1>');

      const response = await request(app).get('/bad_view/');
      expect(response.status).toBe(500);
      expect(response.text).toContain('<h1>Server Error (500)</h1>');
      expect(response.text).not.toContain('good value');
      expect((errors[1] as Error).message).toBe("I don't think I'm getting good value for this view");
    });
  });
});
