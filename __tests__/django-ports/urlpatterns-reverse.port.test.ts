/**
 * Django's tests/urlpatterns_reverse/tests.py, part A: the test_data table, URLPatternReverse,
 * NoURLPatternsTests, ReverseLazyTest, ReverseShortcutTests, LookaheadTests, IncludeTests,
 * ErroneousViewTests and ReverseResolvedTests, ported case by case on the same URLconfs
 * (urls.py, included_urls.py, included_no_kwargs_urls.py, extra_urls.py, included_urls2.py,
 * reverse_lazy_urls.py, erroneous_urls.py, no_urls.py, utils.py and views.py, one module each in
 * urlpatterns-reverse/). reverse() and resolve() are called directly, as Django's tests call
 * them; every URL a case reverses or resolves is then requested over HTTP on Express 4 and 5,
 * where the view answers with the pattern name and arguments it was reached with (for the
 * test_data URLs, those Django 5.2's resolve() gives for them on the same URLconf).
 *
 * Django's ROOT_URLCONF is the URLconf mounted with app.use(); its script prefix is the path
 * Express mounts the URLconf at, written as Express matches it: percent-encoded, a character
 * Express reads as a pattern escaped (Django's '/(bogus)/' is app.use('/\\(bogus\\)', urls),
 * '/bump%20map/' is app.use('/bump%2520map', urls)). The expected URLs are Django's.
 *
 * Differences, each deliberate:
 * - test_mixing_args_and_kwargs: JavaScript has no ValueError; the error is a TypeError, with
 *   Django's message.
 * - reverse_lazy: JavaScript has no lazy strings. A name is reversed when it is used: the
 *   LazyRedirectView's getRedirectUrl(), and userPassesTest's loginUrl, a URL name resolved per
 *   request as Django's resolve_url(login_url).
 * - test_invalid_regex: rePath() checks its regex when the URLconf module is built, so importing
 *   erroneous-urls fails, where Django fails on the first reverse().
 * - test_no_urls_exception: Django's URLconf without urlpatterns is a module; here include()
 *   gets the module object (import * as noUrls), or undefined from an import cycle.
 *
 * Not ported, because they cannot apply to Node:
 * - ReverseLazyTest.test_build_absolute_uri: a lazy object given to request.build_absolute_uri;
 *   there are no lazy objects, and Express's request has no build_absolute_uri.
 * - ReverseLazySettingsTest.test_lazy_in_settings: an AdminScriptTestCase running manage.py check
 *   with reverse_lazy in settings.py; there is no settings module (a URL name given as loginUrl
 *   before any URLconf is mounted is test_user_permission_with_lazy_reverse's views.ts).
 * - ReverseShortcutTests.test_no_illegal_imports: Python's import of a view by dotted path.
 */
import '../../lib/testing/jest-setup';
import request from 'supertest';
import {
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  ImproperlyConfigured,
  NoReverseMatch,
  Resolver404,
  authenticationMiddleware,
  include,
  path,
  redirect,
  rePath,
  resolve,
  reverse,
  sessionMiddleware,
  urlpatterns,
} from '../../lib/index.js';
import { Client } from '../../lib/testing/index.js';
import { expressVersions } from '../helpers/apps.js';
import { sessionDatabase } from '../helpers/auth-site.js';
import * as noUrls from './urlpatterns-reverse/no-urls.js';
import * as reverseLazyUrls from './urlpatterns-reverse/reverse-lazy-urls.js';
import * as urls from './urlpatterns-reverse/urls.js';
import { URLObject } from './urlpatterns-reverse/utils.js';
import * as views from './urlpatterns-reverse/views.js';
import type { SeenByView } from './urlpatterns-reverse/views.js';

const NoReverseMatchExpected = 'NoReverseMatch';

// Django's test_data: (name, expected URL or NoReverseMatch, args, kwargs).
const testData: Array<[name: string, expected: string, args: unknown[], kwargs: Record<string, unknown>]> = [
  ['places', '/places/3/', [3], {}],
  ['places', '/places/3/', ['3'], {}],
  ['places', NoReverseMatchExpected, ['a'], {}],
  ['places', NoReverseMatchExpected, [], {}],
  ['places?', '/place/', [], {}],
  ['places+', '/places/', [], {}],
  ['places*', '/place/', [], {}],
  ['places2?', '/', [], {}],
  ['places2+', '/places/', [], {}],
  ['places2*', '/', [], {}],
  ['places3', '/places/4/', [4], {}],
  ['places3', '/places/harlem/', ['harlem'], {}],
  ['places3', NoReverseMatchExpected, ['harlem64'], {}],
  ['places4', '/places/3/', [], { id: 3 }],
  ['people', NoReverseMatchExpected, [], {}],
  ['people', '/people/adrian/', ['adrian'], {}],
  ['people', '/people/adrian/', [], { name: 'adrian' }],
  ['people', NoReverseMatchExpected, ['name with spaces'], {}],
  ['people', NoReverseMatchExpected, [], { name: 'name with spaces' }],
  ['people2', '/people/name/', [], {}],
  ['people2a', '/people/name/fred/', ['fred'], {}],
  ['people_backref', '/people/nate-nate/', ['nate'], {}],
  ['people_backref', '/people/nate-nate/', [], { name: 'nate' }],
  ['optional', '/optional/fred/', [], { name: 'fred' }],
  ['optional', '/optional/fred/', ['fred'], {}],
  ['named_optional', '/optional/1/', [1], {}],
  ['named_optional', '/optional/1/', [], { arg1: 1 }],
  ['named_optional', '/optional/1/2/', [1, 2], {}],
  ['named_optional', '/optional/1/2/', [], { arg1: 1, arg2: 2 }],
  ['named_optional_terminated', '/optional/1/', [1], {}],
  ['named_optional_terminated', '/optional/1/', [], { arg1: 1 }],
  ['named_optional_terminated', '/optional/1/2/', [1, 2], {}],
  ['named_optional_terminated', '/optional/1/2/', [], { arg1: 1, arg2: 2 }],
  ['hardcoded', '/hardcoded/', [], {}],
  ['hardcoded2', '/hardcoded/doc.pdf', [], {}],
  ['people3', '/people/il/adrian/', [], { state: 'il', name: 'adrian' }],
  ['people3', NoReverseMatchExpected, [], { state: 'il' }],
  ['people3', NoReverseMatchExpected, [], { name: 'adrian' }],
  ['people4', NoReverseMatchExpected, [], { state: 'il', name: 'adrian' }],
  ['people6', '/people/il/test/adrian/', ['il/test', 'adrian'], {}],
  ['people6', '/people//adrian/', ['adrian'], {}],
  ['range', '/character_set/a/', [], {}],
  ['range2', '/character_set/x/', [], {}],
  ['price', '/price/$10/', ['10'], {}],
  ['price2', '/price/$10/', ['10'], {}],
  ['price3', '/price/$10/', ['10'], {}],
  ['product', '/product/chocolate+($2.00)/', [], { price: '2.00', product: 'chocolate' }],
  ['headlines', '/headlines/2007.5.21/', [], { year: 2007, month: 5, day: 21 }],
  [
    'windows',
    '/windows_path/C:%5CDocuments%20and%20Settings%5Cspam/',
    [],
    { drive_name: 'C', path: String.raw`Documents and Settings\spam` },
  ],
  ['special', '/special_chars/~@+%5C$*%7C/', [String.raw`~@+\$*|`], {}],
  ['special', '/special_chars/some%20resource/', ['some resource'], {}],
  ['special', '/special_chars/10%25%20complete/', ['10% complete'], {}],
  ['special', '/special_chars/some%20resource/', [], { chars: 'some resource' }],
  ['special', '/special_chars/10%25%20complete/', [], { chars: '10% complete' }],
  ['special', NoReverseMatchExpected, [''], {}],
  ['mixed', '/john/0/', [], { name: 'john' }],
  ['repeats', '/repeats/a/', [], {}],
  ['repeats2', '/repeats/aa/', [], {}],
  ['repeats3', '/repeats/aa/', [], {}],
  ['test', '/test/1', [], {}],
  ['inner-nothing', '/outer/42/', [], { outer: '42' }],
  ['inner-nothing', '/outer/42/', ['42'], {}],
  ['inner-nothing', NoReverseMatchExpected, ['foo'], {}],
  ['inner-extra', '/outer/42/extra/inner/', [], { extra: 'inner', outer: '42' }],
  ['inner-extra', '/outer/42/extra/inner/', ['42', 'inner'], {}],
  ['inner-extra', NoReverseMatchExpected, ['fred', 'inner'], {}],
  ['inner-no-kwargs', '/outer-no-kwargs/42/inner-no-kwargs/1/', ['42', '1'], {}],
  ['disjunction', NoReverseMatchExpected, ['foo'], {}],
  ['inner-disjunction', NoReverseMatchExpected, ['10', '11'], {}],
  ['extra-places', '/e-places/10/', ['10'], {}],
  ['extra-people', '/e-people/fred/', ['fred'], {}],
  ['extra-people', '/e-people/fred/', [], { name: 'fred' }],
  ['part', '/part/one/', [], { value: 'one' }],
  ['part', '/prefix/xx/part/one/', [], { value: 'one', prefix: 'xx' }],
  ['part2', '/part2/one/', [], { value: 'one' }],
  ['part2', '/part2/', [], {}],
  ['part2', '/prefix/xx/part2/one/', [], { value: 'one', prefix: 'xx' }],
  ['part2', '/prefix/xx/part2/', [], { prefix: 'xx' }],
  // Tests for nested groups. Nested capturing groups will only work if you
  // *only* supply the correct outer group.
  ['nested-noncapture', '/nested/noncapture/opt', [], { p: 'opt' }],
  ['nested-capture', '/nested/capture/opt/', ['opt/'], {}],
  ['nested-capture', NoReverseMatchExpected, [], { p: 'opt' }],
  ['nested-mixedcapture', '/nested/capture/mixed/opt', ['opt'], {}],
  ['nested-mixedcapture', NoReverseMatchExpected, [], { p: 'opt' }],
  ['nested-namedcapture', '/nested/capture/named/opt/', [], { outer: 'opt/' }],
  ['nested-namedcapture', NoReverseMatchExpected, [], { outer: 'opt/', inner: 'opt' }],
  ['nested-namedcapture', NoReverseMatchExpected, [], { inner: 'opt' }],
  ['non_path_include', '/includes/non_path_include/', [], {}],
  // Tests for #13154
  ['defaults', '/defaults_view1/3/', [], { arg1: 3, arg2: 1 }],
  ['defaults', '/defaults_view2/3/', [], { arg1: 3, arg2: 2 }],
  ['defaults', NoReverseMatchExpected, [], { arg1: 3, arg2: 3 }],
  ['defaults', NoReverseMatchExpected, [], { arg2: 1 }],
  // Security tests
  ['security', '/%2Fexample.com/security/', ['/example.com'], {}],
];

// What Django 5.2's resolve() gives for each URL test_data reverses to, on the same URLconf
// (url_name, args, kwargs): what the view must see when the URL is requested.
const resolvedByDjango: Array<[url: string, urlName: string, args: string[], kwargs: Record<string, string>]> = [
  ['/places/3/', 'places', ['3'], {}],
  ['/place/', 'places?', [], {}],
  ['/places/', 'places?', [], {}],
  ['/', 'places2?', [], {}],
  ['/places/4/', 'places', ['4'], {}],
  ['/places/harlem/', 'places3', ['harlem'], {}],
  ['/people/adrian/', 'people', [], { name: 'adrian' }],
  ['/people/name/', 'people', [], { name: 'name' }],
  ['/people/name/fred/', 'people2a', ['fred'], {}],
  ['/people/nate-nate/', 'people_backref', [], { name: 'nate' }],
  ['/optional/fred/', 'optional', [], { name: 'fred' }],
  ['/optional/1/', 'optional', [], { name: '1' }],
  ['/optional/1/2/', 'optional', [], { name: '1/2' }],
  ['/hardcoded/', 'hardcoded', [], {}],
  ['/hardcoded/doc.pdf', 'hardcoded2', [], {}],
  ['/people/il/adrian/', 'people3', [], { state: 'il', name: 'adrian' }],
  ['/people/il/test/adrian/', 'people6', [], { state: 'il' }],
  ['/people//adrian/', 'people6', [], {}],
  ['/character_set/a/', 'range', [], {}],
  ['/character_set/x/', 'range2', [], {}],
  ['/price/$10/', 'price', ['10'], {}],
  ['/product/chocolate+($2.00)/', 'product', [], { product: 'chocolate', price: '2.00' }],
  ['/headlines/2007.5.21/', 'headlines', [], { year: '2007', month: '5', day: '21' }],
  [
    '/windows_path/C:%5CDocuments%20and%20Settings%5Cspam/',
    'windows',
    [],
    { drive_name: 'C', path: 'Documents and Settings\\spam' },
  ],
  ['/special_chars/~@+%5C$*%7C/', 'special', [], { chars: '~@+\\$*|' }],
  ['/special_chars/some%20resource/', 'special', [], { chars: 'some resource' }],
  ['/special_chars/10%25%20complete/', 'special', [], { chars: '10% complete' }],
  ['/john/0/', 'mixed', [], { name: 'john' }],
  ['/repeats/a/', 'repeats', [], {}],
  ['/repeats/aa/', 'repeats', [], {}],
  ['/test/1', 'test', [], {}],
  ['/outer/42/', 'mixed', [], { name: 'outer' }],
  ['/outer/42/extra/inner/', 'inner-extra', [], { outer: '42', extra: 'inner' }],
  ['/outer-no-kwargs/42/inner-no-kwargs/1/', 'mixed', [], { name: 'outer-no-kwargs/42/inner-no-kwargs' }],
  ['/e-places/10/', 'mixed', [], { name: 'e-places' }],
  ['/e-people/fred/', 'extra-people', [], { name: 'fred' }],
  ['/part/one/', 'part', [], { value: 'one' }],
  ['/prefix/xx/part/one/', 'part', [], { prefix: 'xx', value: 'one' }],
  ['/part2/one/', 'part2', [], { value: 'one' }],
  ['/part2/', 'part2', [], {}],
  ['/prefix/xx/part2/one/', 'part2', [], { prefix: 'xx', value: 'one' }],
  ['/prefix/xx/part2/', 'part2', [], { prefix: 'xx' }],
  ['/nested/noncapture/opt', 'nested-noncapture', [], { p: 'opt' }],
  ['/nested/capture/opt/', 'nested-capture', ['opt/', 'opt'], {}],
  ['/nested/capture/mixed/opt', 'nested-mixedcapture', [], { p: 'opt' }],
  ['/nested/capture/named/opt/', 'nested-namedcapture', [], { outer: 'opt/', inner: 'opt' }],
  ['/includes/non_path_include/', 'non_path_include', [], {}],
  ['/defaults_view1/3/', 'mixed', [], { name: 'defaults_view1' }],
  ['/defaults_view2/3/', 'mixed', [], { name: 'defaults_view2' }],
  ['/%2Fexample.com/security/', 'security', ['/example.com'], {}],
];

// Django's ROOT_URLCONF settings: urls.py for most classes, reverse_lazy_urls.py for ReverseLazyTest.
const rootUrls = urlpatterns(urls.urlpatterns);
const lazyUrls = urlpatterns(reverseLazyUrls.urlpatterns);
const sites = expressVersions.map(([label, createApp]) => {
  const app = createApp();
  app.use(rootUrls);
  return [label, app] as const;
});

function seen(body: unknown): Pick<SeenByView, 'urlName' | 'args' | 'kwargs'> {
  const { urlName, args, kwargs } = body as SeenByView;
  return { urlName, args, kwargs };
}

describe('URLPatternReverse', () => {
  it.each(testData)('test_urlpattern_reverse: %s -> %s, args %j, kwargs %j', (name, expected, args, kwargs) => {
    if (expected === NoReverseMatchExpected) expect(() => reverse(name, { args, kwargs })).toThrow(NoReverseMatch);
    else expect(reverse(name, { args, kwargs })).toBe(expected);
  });

  it('test_reverse_none', () => {
    // Reversing null should raise an error, not return the last un-named view.
    expect(() => reverse(null as never)).toThrow(NoReverseMatch);
  });

  it('test_mixing_args_and_kwargs', () => {
    const msg = "Don't mix *args and **kwargs in call to reverse()!";
    expect(() => reverse('name', { args: ['a'], kwargs: { b: 'c' } })).toThrow(TypeError);
    expect(() => reverse('name', { args: ['a'], kwargs: { b: 'c' } })).toThrow(msg);
  });

  it('test_patterns_reported', () => {
    // this url exists, but requires an argument
    expect(() => reverse('people', { args: [] })).toThrow(String.raw`1 pattern(s) tried: ['people/(?P<name>\\w+)/$']`);
  });

  it('test_view_not_found_message', () => {
    const msg =
      "Reverse for 'nonexistent-view' not found. 'nonexistent-view' is not a valid view function or pattern name.";
    expect(() => reverse('nonexistent-view')).toThrow(msg);
  });

  it('test_no_args_message', () => {
    expect(() => reverse('places')).toThrow("Reverse for 'places' with no arguments not found. 1 pattern(s) tried:");
  });

  it('test_illegal_args_message', () => {
    expect(() => reverse('places', { args: [1, 2] })).toThrow(
      "Reverse for 'places' with arguments '(1, 2)' not found. 1 pattern(s) tried:",
    );
  });

  it('test_illegal_kwargs_message', () => {
    expect(() => reverse('places', { kwargs: { arg1: 2 } })).toThrow(
      "Reverse for 'places' with keyword arguments '{'arg1': 2}' not found. 1 pattern(s) tried:",
    );
  });

  it('test_view_func_from_cbv', () => {
    expect(reverse(views.viewFuncFromCbv, { kwargs: { name: 'world' } })).toBe('/hello/world/');
  });

  it('test_view_func_from_cbv_no_expected_kwarg', () => {
    expect(() => reverse(views.viewFuncFromCbv)).toThrow(NoReverseMatch);
  });

  it('test_reverse_with_query', () => {
    expect(reverse('test', { query: { hello: 'world', foo: 123 } })).toBe('/test/1?hello=world&foo=123');
  });

  it('test_reverse_with_query_sequences', () => {
    const cases = [
      [
        ['hello', 'world'],
        ['foo', 123],
        ['foo', 456],
      ] as Array<[string, unknown]>,
      { hello: 'world', foo: [123, 456] },
    ];
    for (const query of cases) expect(reverse('test', { query })).toBe('/test/1?hello=world&foo=123&foo=456');
  });

  it('test_reverse_with_fragment', () => {
    expect(reverse('test', { fragment: 'tab-1' })).toBe('/test/1#tab-1');
  });

  it('test_reverse_with_fragment_not_encoded', () => {
    expect(reverse('test', { fragment: 'tab 1 is the best!' })).toBe('/test/1#tab 1 is the best!');
  });

  it('test_reverse_with_query_and_fragment', () => {
    expect(reverse('test', { query: { hello: 'world', foo: 123 }, fragment: 'tab-1' })).toBe(
      '/test/1?hello=world&foo=123#tab-1',
    );
  });

  it('test_reverse_with_empty_fragment', () => {
    expect(reverse('test', { fragment: null as never })).toBe('/test/1');
    expect(reverse('test', { fragment: '' })).toBe('/test/1#');
  });

  it.each([0, false, {}, [], new Set(), new Map()])('test_reverse_with_invalid_fragment: %p', (fragment) => {
    expect(() => reverse('test', { fragment: fragment as never })).toThrow(TypeError);
  });

  it.each([null, '', {}, [], new Set(), new URLSearchParams()])('test_reverse_with_empty_query: %p', (query) => {
    expect(reverse('test', { query: query as never })).toBe('/test/1');
  });

  it.each([0, false, [1, 3, 5], new Set([1, 2, 3])])('test_reverse_with_invalid_query: %p', (query) => {
    expect(() => reverse('test', { query: query as never })).toThrow(TypeError);
  });

  it('test_reverse_encodes_query_string', () => {
    expect(
      reverse('test', {
        query: { 'hello world': 'django project', foo: [123, 456], '@invalid': ['?', '!', 'a b'] },
      }),
    ).toBe('/test/1?hello+world=django+project&foo=123&foo=456&%40invalid=%3F&%40invalid=%21&%40invalid=a+b');
  });

  it('test_reverse_with_query_from_querydict', () => {
    const queryString = 'a=1&b=2&b=3&c=4';
    expect(reverse('test', { query: new URLSearchParams(queryString) })).toBe(`/test/1?${queryString}`);
  });
});

describe.each(sites)('URLPatternReverse over HTTP on %s', (_label, app) => {
  it.each(resolvedByDjango)(
    'test_urlpattern_reverse: GET %s reaches %s with the arguments Django resolves',
    async (url, urlName, args, kwargs) => {
      const response = await request(app).get(url);
      expect(response.status).toBe(200);
      expect(seen(response.body)).toEqual({ urlName, args, kwargs });
      expect(seen(resolve(url))).toEqual({ urlName, args, kwargs });
    },
  );

  it('test_view_func_from_cbv', async () => {
    expect((await request(app).get(reverse(views.viewFuncFromCbv, { kwargs: { name: 'world' } }))).text).toBe(
      'Hello world',
    );
  });

  it('test_reverse_with_query_and_fragment: the URL with its query reaches the view', async () => {
    const url = reverse('test', { query: { hello: 'world', foo: 123 }, fragment: 'tab-1' });
    const response = await request(app).get(url);
    expect(seen(response.body)).toEqual({ urlName: 'test', args: [], kwargs: {} });
  });
});

describe('NoURLPatternsTests', () => {
  it('test_no_urls_exception', () => {
    // include() should raise an exception when no urlpatterns exist.
    const build = () => rePath('^$', include(noUrls as never));
    expect(build).toThrow(ImproperlyConfigured);
    expect(build).toThrow(
      "does not appear to have any patterns in it. If you see the 'urlpatterns' export with valid patterns in the module then the issue is probably caused by a circular import.",
    );
  });
});

describe.each(expressVersions)('ReverseLazyTest on %s', (_label, createApp) => {
  const app = createApp();
  app.use(sessionMiddleware({ secretKey: 'urlpatterns-reverse', store: sessionDatabase().store }));
  const alfred = { pk: 1, username: 'alfred' };
  app.use(authenticationMiddleware({ getUser: (id) => (String(id) === '1' ? alfred : undefined) }));
  app.use(lazyUrls);

  it('test_redirect_with_lazy_reverse', async () => {
    const response = await request(app).get('/redirect/');
    await expect(response).toRedirectTo('/redirected_to/', { status: 302, fetchRedirectResponse: true });
  });

  it('test_user_permission_with_lazy_reverse', async () => {
    const client = new Client(app);
    let response = await client.get('/login_required_view/');
    await expect(response).toRedirectTo('/login/?next=/login_required_view/', { status: 302, app });
    await client.forceLogin(alfred);
    response = await client.get('/login_required_view/');
    expect(response.statusCode).toBe(200);
    await expect(response).toContainText('Hello you');
  });

  it('test_inserting_reverse_lazy_into_string', () => {
    expect(`Some URL: ${reverse('some-login-page')}`).toBe('Some URL: /login/');
  });
});

describe('ReverseShortcutTests', () => {
  it('test_redirect_to_object', () => {
    // We don't really need a model; just something with a getAbsoluteUrl
    class FakeObj {
      getAbsoluteUrl(): string {
        return '/hi-there/';
      }
    }
    let res = redirect(new FakeObj());
    expect(res).toBeInstanceOf(HttpResponseRedirect);
    expect([res.statusCode, res.url]).toEqual([302, '/hi-there/']);
    res = redirect(new FakeObj(), { permanent: true });
    expect(res).toBeInstanceOf(HttpResponsePermanentRedirect);
    expect([res.statusCode, res.url]).toEqual([301, '/hi-there/']);
  });

  it('test_redirect_to_view_name', () => {
    expect(redirect('hardcoded2').url).toBe('/hardcoded/doc.pdf');
    expect(redirect('places', { args: [1] }).url).toBe('/places/1/');
    expect(redirect('headlines', { kwargs: { year: '2008', month: '02', day: '17' } }).url).toBe(
      '/headlines/2008.02.17/',
    );
    expect(() => redirect('not-a-view')).toThrow(NoReverseMatch);
  });

  it('test_redirect_to_url', () => {
    expect(redirect('/foo/').url).toBe('/foo/');
    expect(redirect('http://example.com/').url).toBe('http://example.com/');
    // Assert that we can redirect using UTF-8 strings
    expect(redirect('/\u00e6\u00f8\u00e5/abc/').url).toBe('/%C3%A6%C3%B8%C3%A5/abc/');
    // Assert that no lookups are attempted when dealing with a relative path
    expect(redirect('/\u00e6\u00f8\u00e5.abc/').url).toBe('/%C3%A6%C3%B8%C3%A5.abc/');
    expect(redirect('os.path').url).toBe('os.path');
  });

  it('test_reverse_by_path_nested', () => {
    // Views added to urlpatterns using include() should be reversible.
    expect(reverse(views.nestedView)).toBe('/includes/nested_path/');
  });

  it('test_redirect_view_object', () => {
    expect(redirect(views.absoluteKwargsView).url).toBe('/absolute_arg_view/');
    expect(() => redirect(views.absoluteKwargsView, { kwargs: { wrong_argument: null } })).toThrow(NoReverseMatch);
  });

  it.each(sites)('the redirects reach their views over HTTP on %s', async (_label, app) => {
    for (const [res, urlName] of [
      [redirect('hardcoded2'), 'hardcoded2'],
      [redirect('places', { args: [1] }), 'places'],
      [redirect('headlines', { kwargs: { year: '2008', month: '02', day: '17' } }), 'headlines'],
      [redirect(views.nestedView), null],
      [redirect(views.absoluteKwargsView), null],
    ] as const) {
      const response = await request(app).get(res.url);
      expect([res.url, response.status, (response.body as SeenByView).urlName]).toEqual([res.url, 200, urlName]);
    }
  });
});

describe('LookaheadTests', () => {
  const validUrls = ['/lookahead-/a-city/', '/lookbehind-/a-city/', '/lookahead+/a-city/', '/lookbehind+/a-city/'];
  const invalidUrls = [
    '/lookahead-/not-a-city/',
    '/lookbehind-/not-a-city/',
    '/lookahead+/other-city/',
    '/lookbehind+/other-city/',
  ];
  const validReverse: Array<[string, Record<string, string>, string]> = [
    ['lookahead-positive', { city: 'a-city' }, '/lookahead+/a-city/'],
    ['lookahead-negative', { city: 'a-city' }, '/lookahead-/a-city/'],
    ['lookbehind-positive', { city: 'a-city' }, '/lookbehind+/a-city/'],
    ['lookbehind-negative', { city: 'a-city' }, '/lookbehind-/a-city/'],
  ];

  it.each(validUrls)('test_valid_resolve: %s', (url) => {
    expect(resolve(url).kwargs).toEqual({ city: 'a-city' });
  });

  it.each(invalidUrls)('test_invalid_resolve: %s', (url) => {
    expect(() => resolve(url)).toThrow(Resolver404);
  });

  it.each(validReverse)('test_valid_reverse: %s', (name, kwargs, expected) => {
    expect(reverse(name, { kwargs })).toBe(expected);
  });

  it.each([
    ['lookahead-positive', { city: 'other-city' }],
    ['lookahead-negative', { city: 'not-a-city' }],
    ['lookbehind-positive', { city: 'other-city' }],
    ['lookbehind-negative', { city: 'not-a-city' }],
  ])('test_invalid_reverse: %s %j', (name, kwargs) => {
    expect(() => reverse(name, { kwargs })).toThrow(NoReverseMatch);
  });

  it.each(sites)('test_valid_resolve, test_invalid_resolve and test_valid_reverse over HTTP on %s', async (_l, app) => {
    for (const [name, kwargs, url] of validReverse) {
      const response = await request(app).get(url);
      expect([url, seen(response.body)]).toEqual([url, { urlName: name, args: [], kwargs }]);
    }
    for (const url of invalidUrls) expect([url, (await request(app).get(url)).status]).toEqual([url, 404]);
  });
});

describe('IncludeTests', () => {
  const urlPatterns = [
    path('inner/', views.emptyView, { name: 'urlobject-view' }),
    rePath('^inner/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', views.emptyView, { name: 'urlobject-view' }),
    rePath(String.raw`^inner/\+\\\$\*/$`, views.emptyView, { name: 'urlobject-special-view' }),
  ];
  const appUrls = new URLObject('inc-app');

  it('test_include_urls', () => {
    expect(include(urlPatterns)).toEqual({ urlpatterns: urlPatterns, appName: undefined, namespace: undefined });
  });

  it('test_include_namespace', () => {
    const msg = 'Specifying a namespace in include() without providing an app_name is not supported.';
    expect(() => include(urlPatterns, { namespace: 'namespace' })).toThrow(ImproperlyConfigured);
    expect(() => include(urlPatterns, { namespace: 'namespace' })).toThrow(msg);
  });

  it('test_include_4_tuple', () => {
    const build = () => include([urlPatterns, 'app_name', 'namespace', 'blah'] as never);
    expect(build).toThrow(ImproperlyConfigured);
    expect(build).toThrow('Passing a 4-tuple to include() is not supported.');
  });

  it('test_include_3_tuple', () => {
    const build = () => include([urlPatterns, 'app_name', 'namespace'] as never);
    expect(build).toThrow(ImproperlyConfigured);
    expect(build).toThrow('Passing a 3-tuple to include() is not supported.');
  });

  it('test_include_3_tuple_namespace', () => {
    const build = () => include([urlPatterns, 'app_name', 'namespace'] as never, { namespace: 'namespace' });
    expect(build).toThrow(ImproperlyConfigured);
    expect(build).toThrow('Cannot override the namespace for a dynamic module that provides a namespace.');
  });

  it('test_include_2_tuple', () => {
    expect(include([urlPatterns, 'app_name'])).toEqual({
      urlpatterns: urlPatterns,
      appName: 'app_name',
      namespace: 'app_name',
    });
  });

  it('test_include_2_tuple_namespace', () => {
    expect(include([urlPatterns, 'app_name'], { namespace: 'namespace' })).toEqual({
      urlpatterns: urlPatterns,
      appName: 'app_name',
      namespace: 'namespace',
    });
  });

  it('test_include_app_name', () => {
    expect(include(appUrls)).toEqual({ urlpatterns: appUrls.urlpatterns, appName: 'inc-app', namespace: 'inc-app' });
  });

  it('test_include_app_name_namespace', () => {
    expect(include(appUrls, { namespace: 'namespace' })).toEqual({
      urlpatterns: appUrls.urlpatterns,
      appName: 'inc-app',
      namespace: 'namespace',
    });
  });

  it.each(expressVersions)('the included URLObject answers over HTTP on %s', async (_label, createApp) => {
    const app = createApp();
    const appUrlconf = urlpatterns([path('app/', include(appUrls, { namespace: 'namespace' }))]);
    app.use(appUrlconf);
    const url = reverse('namespace:urlobject-view', { args: [37, 42], urlconf: appUrlconf });
    expect(url).toBe('/app/inner/37/42/');
    const body = (await request(app).get(url)).body as SeenByView;
    expect([body.urlName, body.kwargs, body.namespaces]).toEqual([
      'urlobject-view',
      { arg1: '37', arg2: '42' },
      ['namespace'],
    ]);
  });
});

describe('ErroneousViewTests', () => {
  it('test_noncallable_view', () => {
    // View is not a callable (explicit import; arbitrary object)
    expect(() => path('uncallable-object/', views.uncallable as never)).toThrow(TypeError);
    expect(() => path('uncallable-object/', views.uncallable as never)).toThrow('view must be a callable');
  });

  it('test_invalid_regex', () => {
    // Regex contains an error (refs #6170)
    const load = () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module fails as it loads
      require('./urlpatterns-reverse/erroneous-urls.js');
    };
    expect(load).toThrow(ImproperlyConfigured);
    expect(load).toThrow('"(regex_error/$" is not a valid regular expression');
  });
});

describe('ReverseResolvedTests', () => {
  it('test_rereverse', () => {
    let match = resolve('/resolved/12/');
    expect(reverse(match.urlName!, { args: match.args, kwargs: match.kwargs })).toBe('/resolved/12/');
    match = resolve('/resolved-overridden/12/url/');
    expect(reverse(match.urlName!, { args: match.args, kwargs: match.capturedKwargs })).toBe(
      '/resolved-overridden/12/url/',
    );
  });

  it.each(sites)('test_rereverse over HTTP on %s', async (_label, app) => {
    const body = (await request(app).get('/resolved-overridden/12/url/')).body as SeenByView;
    expect(seen(body)).toEqual({
      urlName: 'resolved-overridden',
      args: [],
      kwargs: { arg: '12', overridden: 'default', extra: true },
    });
  });
});

// Django's override_script_prefix: the URLconf mounted under a path. Last in the file, because a
// URLconf mounted twice reverses under the mount made last: each case mounts its own URLconf and
// reverses in it, after the cases that reverse in the URLconf at the root.
describe.each(expressVersions)(
  'URLPatternReverse under a script prefix (the mount path) on %s',
  (_label, createApp) => {
    function mountedAt(mountPath: string) {
      const prefixed = urlpatterns(urls.urlpatterns);
      const app = createApp();
      app.use(mountPath, prefixed);
      return {
        app,
        reverseIn: (name: string, args?: unknown[]) => reverse(name, { urlconf: prefixed, ...(args ? { args } : {}) }),
      };
    }

    async function expectReached(app: Parameters<typeof request>[0], url: string, urlName: string): Promise<void> {
      const response = await request(app).get(url);
      expect([url, response.status, (response.body as SeenByView).urlName]).toEqual([url, 200, urlName]);
    }

    it('test_prefix_braces', async () => {
      // Django's script prefix '/{{invalid}}/', as the client sends it.
      const { app, reverseIn } = mountedAt('/%7B%7Binvalid%7D%7D');
      expect(reverseIn('non_path_include')).toBe('/%7B%7Binvalid%7D%7D/includes/non_path_include/');
      await expectReached(app, reverseIn('non_path_include'), 'non_path_include');
    });

    it('test_prefix_parenthesis', async () => {
      // Parentheses are allowed and should not cause errors or be escaped
      let { app, reverseIn } = mountedAt('/bogus\\)');
      expect(reverseIn('non_path_include')).toBe('/bogus)/includes/non_path_include/');
      await expectReached(app, reverseIn('non_path_include'), 'non_path_include');
      ({ app, reverseIn } = mountedAt('/\\(bogus\\)'));
      expect(reverseIn('non_path_include')).toBe('/(bogus)/includes/non_path_include/');
      await expectReached(app, reverseIn('non_path_include'), 'non_path_include');
    });

    it('test_prefix_format_char', async () => {
      // Django's script prefix '/bump%20map/': a '%' in the path, which the client sends as %25.
      const { app, reverseIn } = mountedAt('/bump%2520map');
      expect(reverseIn('non_path_include')).toBe('/bump%2520map/includes/non_path_include/');
      await expectReached(app, reverseIn('non_path_include'), 'non_path_include');
    });

    it('test_non_urlsafe_prefix_with_args', async () => {
      // Regression for #20022, adjusted for #24013 because ~ is an unreserved
      // character. Tests whether % is escaped.
      const { app, reverseIn } = mountedAt('/%257Eme');
      expect(reverseIn('places', [1])).toBe('/%257Eme/places/1/');
      await expectReached(app, reverseIn('places', [1]), 'places');
    });

    it('test_script_name_escaping', async () => {
      const { app, reverseIn } = mountedAt('/script\\:name');
      expect(reverseIn('optional', ['foo:bar'])).toBe('/script:name/optional/foo:bar/');
      await expectReached(app, reverseIn('optional', ['foo:bar']), 'optional');
    });
  },
);
