/**
 * Django's tests/urlpatterns/tests.py (SimplifiedURLTests, ConverterTests, SameNameTests,
 * ParameterRestrictionTests, ConversionExceptionTests), ported case by case on the same
 * URLconfs (path_urls.py, converter_urls.py, path_base64_urls.py, path_same_name_urls.py,
 * path_dynamic_urls.py): resolve() and reverse() directly, and every resolve case again over
 * HTTP through urlpatterns() on Express 4 and 5, where the view sees what resolve() found.
 * Django's base64 converter returns bytes; here it returns the decoded text.
 */
import request from 'supertest';
import {
  ImproperlyConfigured,
  JsonResponse,
  NoReverseMatch,
  Resolver404,
  View,
  include,
  path,
  rePath,
  registerConverter,
  resolve,
  reverse,
  urlpatterns,
  type PathConverter,
} from '../../lib/index.js';
import type { Request } from 'express';
import { expressVersions } from '../helpers/apps.js';

declare module '../../lib/index.js' {
  interface UrlConverterTypes {
    base64: string;
    dynamic: unknown;
  }
}

function emptyView(req: Request) {
  const m = req.resolverMatch!;
  return new JsonResponse({
    urlName: m.urlName ?? null,
    route: m.route,
    args: m.args,
    kwargs: m.kwargs,
    appName: m.appName,
  });
}

class Base64Converter implements PathConverter<string> {
  readonly regex = '[a-zA-Z0-9+/]*={0,2}';
  toPython(value: string): string {
    return Buffer.from(value, 'base64').toString('utf8');
  }
  toUrl(value: string): string {
    return Buffer.from(value, 'utf8').toString('base64');
  }
}
let dynamicToPython: (value: string) => unknown = (value) => value;
let dynamicToUrl: (value: unknown) => string = (value) => String(value);
registerConverter(Base64Converter, 'base64');
registerConverter(
  {
    regex: '[0-9a-zA-Z]+',
    toPython: (value: string) => dynamicToPython(value),
    toUrl: (value: unknown) => dynamicToUrl(value),
  },
  'dynamic',
);

const moreUrls = [
  rePath(String.raw`^more/(?P<extra>\w+)/$`, emptyView, { name: 'inner-more', kwargs: { 'sub-extra': true } }),
];
const includedUrls = [path('extra/<extra>/', emptyView, { name: 'inner-extra' }), path('', include(moreUrls))];
const pathUrls = urlpatterns([
  path('articles/2003/', emptyView, { name: 'articles-2003' }),
  path('articles/<int:year>/', emptyView, { name: 'articles-year' }),
  path('articles/<int:year>/<int:month>/', emptyView, { name: 'articles-year-month' }),
  path('articles/<int:year>/<int:month>/<int:day>/', emptyView, { name: 'articles-year-month-day' }),
  path('books/2007/', emptyView, { name: 'books-2007', kwargs: { extra: true } }),
  path('books/<int:year>/<int:month>/<int:day>/', emptyView, { name: 'books-year-month-day', kwargs: { extra: true } }),
  path('users/', emptyView, { name: 'users' }),
  path('users/<id>/', emptyView, { name: 'user-with-id' }),
  path('included_urls/', include(includedUrls)),
  rePath('^regex/(?P<pk>[0-9]+)/$', emptyView, { name: 'regex' }),
  rePath(String.raw`^regex_optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?`, emptyView, { name: 'regex_optional' }),
  rePath(String.raw`^regex_only_optional/(?:(?P<arg1>\d+)/)?`, emptyView, { name: 'regex_only_optional' }),
  path('', include(moreUrls)),
  path('lazy/', include([path('child/', emptyView, { name: 'child' })])),
  path('<lang>/<path:url>/', emptyView, { name: 'lang-and-path' }),
]);
const subsubpatterns = [path('<base64:last_value>/', emptyView, { name: 'subsubpattern-base64' })];
const subpatterns = [
  path('<base64:value>/', emptyView, { name: 'subpattern-base64' }),
  path(
    '<base64:value>/',
    include([subsubpatterns, 'second-layer-namespaced-base64'], { namespace: 'instance-ns-base64' }),
  ),
];
const base64Urls = urlpatterns([
  path('base64/<base64:value>/', emptyView, { name: 'base64' }),
  path('base64/<base64:base>/subpatterns/', include(subpatterns)),
  path('base64/<base64:base>/namespaced/', include([subpatterns, 'namespaced-base64'])),
]);
const converterUrls = urlpatterns(
  ['int', 'path', 'slug', 'str', 'uuid'].map((name) => path(`${name}/<${name}:${name}>/`, emptyView, { name })),
);
const sameNameUrls = urlpatterns([
  path('number_of_args/0/', emptyView, { name: 'number_of_args' }),
  path('number_of_args/1/<value>/', emptyView, { name: 'number_of_args' }),
  path('kwargs_names/a/<a>/', emptyView, { name: 'kwargs_names' }),
  path('kwargs_names/b/<b>/', emptyView, { name: 'kwargs_names' }),
  path('converter/path/<path:value>/', emptyView, { name: 'converter' }),
  path('converter/str/<str:value>/', emptyView, { name: 'converter' }),
  path('converter/slug/<slug:value>/', emptyView, { name: 'converter' }),
  path('converter/int/<int:value>/', emptyView, { name: 'converter' }),
  path('converter/uuid/<uuid:value>/', emptyView, { name: 'converter' }),
  rePath('^regex/uppercase/([A-Z]+)/', emptyView, { name: 'regex' }),
  rePath('^regex/lowercase/([a-z]+)/', emptyView, { name: 'regex' }),
  path('converter_to_url/int/<value>/', emptyView, { name: 'converter_to_url' }),
  path('converter_to_url/tiny_int/<dynamic:value>/', emptyView, { name: 'converter_to_url' }),
]);
const dynamicUrls = urlpatterns([path('dynamic/<dynamic:value>/', emptyView, { name: 'dynamic' })]);

type ResolveCase = [url: string, expected: Record<string, unknown>];
const simplified: Array<[test: string, ...ResolveCase]> = [
  [
    'test_path_lookup_without_parameters',
    '/articles/2003/',
    { urlName: 'articles-2003', args: [], kwargs: {}, route: 'articles/2003/', capturedKwargs: {}, extraKwargs: {} },
  ],
  [
    'test_path_lookup_with_typed_parameters',
    '/articles/2015/',
    {
      urlName: 'articles-year',
      args: [],
      kwargs: { year: 2015 },
      route: 'articles/<int:year>/',
      capturedKwargs: { year: 2015 },
      extraKwargs: {},
    },
  ],
  [
    'test_path_lookup_with_multiple_parameters',
    '/articles/2015/04/12/',
    {
      urlName: 'articles-year-month-day',
      args: [],
      kwargs: { year: 2015, month: 4, day: 12 },
      route: 'articles/<int:year>/<int:month>/<int:day>/',
      capturedKwargs: { year: 2015, month: 4, day: 12 },
      extraKwargs: {},
    },
  ],
  [
    'test_path_lookup_with_multiple_parameters_and_extra_kwarg',
    '/books/2015/04/12/',
    {
      urlName: 'books-year-month-day',
      args: [],
      kwargs: { year: 2015, month: 4, day: 12, extra: true },
      route: 'books/<int:year>/<int:month>/<int:day>/',
      capturedKwargs: { year: 2015, month: 4, day: 12 },
      extraKwargs: { extra: true },
    },
  ],
  [
    'test_path_lookup_with_extra_kwarg',
    '/books/2007/',
    {
      urlName: 'books-2007',
      args: [],
      kwargs: { extra: true },
      route: 'books/2007/',
      capturedKwargs: {},
      extraKwargs: { extra: true },
    },
  ],
  [
    'test_two_variable_at_start_of_path_pattern',
    '/en/foo/',
    {
      urlName: 'lang-and-path',
      kwargs: { lang: 'en', url: 'foo' },
      route: '<lang>/<path:url>/',
      capturedKwargs: { lang: 'en', url: 'foo' },
      extraKwargs: {},
    },
  ],
  [
    'test_re_path',
    '/regex/1/',
    {
      urlName: 'regex',
      kwargs: { pk: '1' },
      route: '^regex/(?P<pk>[0-9]+)/$',
      capturedKwargs: { pk: '1' },
      extraKwargs: {},
    },
  ],
  [
    'test_re_path_with_optional_parameter',
    '/regex_optional/1/2/',
    {
      urlName: 'regex_optional',
      kwargs: { arg1: '1', arg2: '2' },
      route: String.raw`^regex_optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?`,
      capturedKwargs: { arg1: '1', arg2: '2' },
      extraKwargs: {},
    },
  ],
  [
    'test_re_path_with_optional_parameter',
    '/regex_optional/1/',
    {
      urlName: 'regex_optional',
      kwargs: { arg1: '1' },
      route: String.raw`^regex_optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?`,
      capturedKwargs: { arg1: '1' },
      extraKwargs: {},
    },
  ],
  [
    'test_re_path_with_missing_optional_parameter',
    '/regex_only_optional/',
    {
      urlName: 'regex_only_optional',
      kwargs: {},
      args: [],
      route: String.raw`^regex_only_optional/(?:(?P<arg1>\d+)/)?`,
      capturedKwargs: {},
      extraKwargs: {},
    },
  ],
  [
    'test_path_lookup_with_inclusion',
    '/included_urls/extra/something/',
    { urlName: 'inner-extra', route: 'included_urls/extra/<extra>/' },
  ],
  [
    'test_path_lookup_with_empty_string_inclusion',
    '/more/99/',
    {
      urlName: 'inner-more',
      route: String.raw`^more/(?P<extra>\w+)/$`,
      kwargs: { extra: '99', 'sub-extra': true },
      capturedKwargs: { extra: '99' },
      extraKwargs: { 'sub-extra': true },
    },
  ],
  [
    'test_path_lookup_with_double_inclusion',
    '/included_urls/more/some_value/',
    { urlName: 'inner-more', route: String.raw`included_urls/more/(?P<extra>\w+)/$` },
  ],
  [
    'test_path_inclusion_is_matchable',
    '/included_urls/extra/something/',
    { urlName: 'inner-extra', kwargs: { extra: 'something' } },
  ],
];
const converterData: Array<[string, string, Record<string, unknown>]> = [
  // aGVsbG8= is 'hello' encoded in base64.
  ['/base64/aGVsbG8=/', 'base64', { value: 'hello' }],
  ['/base64/aGVsbG8=/subpatterns/d29ybGQ=/', 'subpattern-base64', { base: 'hello', value: 'world' }],
  ['/base64/aGVsbG8=/namespaced/d29ybGQ=/', 'namespaced-base64:subpattern-base64', { base: 'hello', value: 'world' }],
];

function pick(match: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (match as Record<string, unknown>)[key]]));
}

describe('SimplifiedURLTests (urlpatterns/tests.py)', () => {
  it.each(simplified)('%s: resolve(%s)', (_test, url, expected) => {
    expect(pick(resolve(url, { urlconf: pathUrls }), Object.keys(expected))).toEqual(expected);
  });

  it('test_path_reverse_without_parameter', () => {
    expect(reverse('articles-2003', { urlconf: pathUrls })).toBe('/articles/2003/');
  });

  it('test_path_reverse_with_parameter', () => {
    expect(reverse('articles-year-month-day', { urlconf: pathUrls, kwargs: { year: 2015, month: 4, day: 12 } })).toBe(
      '/articles/2015/4/12/',
    );
  });

  it('test_path_inclusion_is_reversible', () => {
    expect(reverse('inner-extra', { urlconf: pathUrls, kwargs: { extra: 'something' } })).toBe(
      '/included_urls/extra/something/',
    );
  });

  it.each(converterData)('test_converter_resolve: %s', (url, viewName, kwargs) => {
    const match = resolve(url, { urlconf: base64Urls });
    expect([match.viewName, match.kwargs]).toEqual([viewName, kwargs]);
  });

  it.each(converterData)('test_converter_reverse: %s', (expected, viewName, kwargs) => {
    expect(reverse(viewName, { urlconf: base64Urls, kwargs })).toBe(expected);
  });

  it('test_converter_reverse_with_second_layer_instance_namespace', () => {
    const kwargs = { base: 'hello', value: 'world', last_value: 'world' };
    expect(reverse('instance-ns-base64:subsubpattern-base64', { urlconf: base64Urls, kwargs })).toBe(
      '/base64/aGVsbG8=/subpatterns/d29ybGQ=/d29ybGQ=/',
    );
  });

  it('test_invalid_kwargs', () => {
    const msg = 'kwargs argument must be a dict, but got "name".';
    expect(() => path('hello/', emptyView, { kwargs: 'name' as never })).toThrow(msg);
    expect(() => rePath('^hello/$', emptyView, { kwargs: 'name' as never })).toThrow(msg);
  });

  it('test_invalid_converter', () => {
    const build = () => path('foo/<nonexistent:var>/' as string, emptyView);
    expect(build).toThrow(ImproperlyConfigured);
    expect(build).toThrow("URL route 'foo/<nonexistent:var>/' uses invalid converter 'nonexistent'.");
  });

  it('test_warning_override_default_converter (Django 5.2: a deprecation warning)', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      registerConverter(class extends Base64Converter {}, 'base64');
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("Converter 'base64' is already registered."),
        'DeprecationWarning',
      );
    } finally {
      warn.mockRestore();
      registerConverter(Base64Converter, 'base64');
    }
  });

  it('test_converter_missing_regex, test_converter_missing_to_python, test_converter_missing_to_url', () => {
    expect(() => registerConverter({ toPython: String, toUrl: String } as never, 'no_regex')).toThrow(/regex string/);
    expect(() => registerConverter({ regex: '[0-9]+', toUrl: String } as never, 'no_to_python')).toThrow(/toPython/);
    expect(() => registerConverter({ regex: '[0-9]+', toPython: String } as never, 'no_to_url')).toThrow(/toUrl/);
    expect(() => path('x/<no_regex:y>/' as string, emptyView)).toThrow("uses invalid converter 'no_regex'");
  });

  it('test_invalid_view', () => {
    expect(() => path('articles/', 'invalid_view' as never)).toThrow(
      'view must be a callable or an include() (got "invalid_view").',
    );
  });

  it('test_invalid_view_instance', () => {
    class EmptyCBV extends View {}
    expect(() => path('foo', new EmptyCBV() as never)).toThrow(
      'view must be a callable, pass EmptyCBV.asView(), not new EmptyCBV().',
    );
    expect(() => path('foo', EmptyCBV as never)).toThrow(
      'view must be a callable, pass EmptyCBV.asView() instead of EmptyCBV.',
    );
  });

  it('test_whitespace_in_route', () => {
    // Python's string.whitespace, each with its repr() in Django's message.
    const reprs: Array<[string, string]> = [
      [' ', ' '],
      ['\t', '\\t'],
      ['\n', '\\n'],
      ['\r', '\\r'],
      ['\v', '\\x0b'],
      ['\f', '\\x0c'],
    ];
    for (const [whitespace, repr] of reprs) {
      const route = `space/<int:num>/extra/<str:${whitespace}test>`;
      expect(() => path(route, emptyView)).toThrow(
        `URL route 'space/<int:num>/extra/<str:${repr}test>' cannot contain whitespace in angle brackets <…>.`,
      );
    }
    // Whitespace is valid in paths.
    const p = path(' \t\n\r\v\f/<int:num>/' as string, emptyView);
    expect(p.resolve(' \t\n\r\v\f/1/')?.kwargs).toEqual({ num: 1 });
  });

  it.each([
    '/articles/2003/\n',
    '/articles/2010/\n',
    '/en/foo/\n',
    '/included_urls/extra/\n',
    '/regex/1/\n',
    '/users/1/\n',
  ])('test_path_trailing_newlines: %j', (url) => {
    expect(() => resolve(url, { urlconf: pathUrls })).toThrow(Resolver404);
  });
});

describe('ConverterTests (urlpatterns/tests.py)', () => {
  const matching: Array<[string, Array<string | number>, (value: string) => unknown]> = [
    ['int', ['0', '1', '01', 1234567890], Number],
    ['str', ['abcxyz'], String],
    ['path', ['allows.ANY*characters'], String],
    ['slug', ['abcxyz-ABCXYZ_01234567890'], String],
    ['uuid', ['39da9369-838e-4750-91a5-f7805cd82839'], String],
  ];
  it.each(matching)('test_matching_urls: %s', (name, suffixes, convert) => {
    for (const suffix of suffixes) {
      const url = `/${name}/${suffix}/`;
      const match = resolve(url, { urlconf: converterUrls });
      expect([match.urlName, match.kwargs]).toEqual([name, { [name]: convert(String(suffix)) }]);
      // reverse() works with string parameters, and with the converted value.
      expect(reverse(name, { urlconf: converterUrls, kwargs: { [name]: suffix } })).toBe(url);
      expect(reverse(name, { urlconf: converterUrls, kwargs: { [name]: match.kwargs[name] } })).toBe(
        `/${name}/${String(match.kwargs[name])}/`,
      );
    }
  });

  const nonmatching: Array<[string, string[]]> = [
    ['int', ['-1', 'letters']],
    ['str', ['', '/']],
    ['path', ['']],
    ['slug', ['', 'stars*notallowed']],
    [
      'uuid',
      [
        '',
        '9da9369-838e-4750-91a5-f7805cd82839',
        '39da9369-838-4750-91a5-f7805cd82839',
        '39da9369-838e-475-91a5-f7805cd82839',
        '39da9369-838e-4750-91a-f7805cd82839',
        '39da9369-838e-4750-91a5-f7805cd8283',
      ],
    ],
  ];
  it.each(nonmatching)('test_nonmatching_urls: %s', (name, suffixes) => {
    for (const suffix of suffixes)
      expect(() => resolve(`/${name}/${suffix}/`, { urlconf: converterUrls })).toThrow(Resolver404);
  });
});

describe('SameNameTests (urlpatterns/tests.py)', () => {
  it('test_matching_urls_same_name', () => {
    dynamicToUrl = (value) => {
      if ((value as number) > 5) throw new RangeError('too large');
      return String(value);
    };
    const tests: Array<[string, Array<[unknown[], Record<string, unknown>, string]>]> = [
      [
        'number_of_args',
        [
          [[], {}, '0/'],
          [[1], {}, '1/1/'],
        ],
      ],
      [
        'kwargs_names',
        [
          [[], { a: 1 }, 'a/1/'],
          [[], { b: 1 }, 'b/1/'],
        ],
      ],
      [
        'converter',
        [
          [['a/b'], {}, 'path/a/b/'],
          [['a b'], {}, 'str/a%20b/'],
          [['a-b'], {}, 'slug/a-b/'],
          [['2'], {}, 'int/2/'],
          [['39da9369-838e-4750-91a5-f7805cd82839'], {}, 'uuid/39da9369-838e-4750-91a5-f7805cd82839/'],
        ],
      ],
      [
        'regex',
        [
          [['ABC'], {}, 'uppercase/ABC/'],
          [['abc'], {}, 'lowercase/abc/'],
        ],
      ],
      [
        'converter_to_url',
        [
          [[6], {}, 'int/6/'],
          [[1], {}, 'tiny_int/1/'],
        ],
      ],
    ];
    for (const [name, cases] of tests) {
      for (const [args, kwargs, suffix] of cases) {
        expect(reverse(name, { urlconf: sameNameUrls, args, kwargs })).toBe(`/${name}/${suffix}`);
      }
    }
  });
});

describe('ParameterRestrictionTests (urlpatterns/tests.py)', () => {
  it('test_integer_parameter_name_causes_exception', () => {
    expect(() => path('hello/<int:1>/' as string, emptyView)).toThrow(
      "URL route 'hello/<int:1>/' uses parameter name '1' which isn't a valid Python identifier.",
    );
  });
  it('test_non_identifier_parameter_name_causes_exception', () => {
    expect(() => path('b/<int:book.id>/' as string, emptyView)).toThrow(
      "URL route 'b/<int:book.id>/' uses parameter name 'book.id' which isn't a valid Python identifier.",
    );
  });
  it('test_allows_non_ascii_but_valid_identifiers', () => {
    expect(path('hello/<str:\u0394>/', emptyView).resolve('hello/1/')?.kwargs).toEqual({ '\u0394': '1' });
  });
});

describe('ConversionExceptionTests (urlpatterns/tests.py)', () => {
  afterEach(() => {
    dynamicToPython = (value) => value;
    dynamicToUrl = (value) => String(value);
  });
  it('test_resolve_value_error_means_no_match', () => {
    dynamicToPython = () => {
      throw new RangeError('no');
    };
    expect(() => resolve('/dynamic/abc/', { urlconf: dynamicUrls })).toThrow(Resolver404);
  });
  it('test_resolve_type_error_propagates', () => {
    dynamicToPython = () => {
      throw new TypeError('This type error propagates.');
    };
    expect(() => resolve('/dynamic/abc/', { urlconf: dynamicUrls })).toThrow('This type error propagates.');
  });
  it('test_reverse_value_error_means_no_match', () => {
    dynamicToUrl = () => {
      throw new RangeError('no');
    };
    expect(() => reverse('dynamic', { urlconf: dynamicUrls, kwargs: { value: {} } })).toThrow(NoReverseMatch);
  });
  it('test_reverse_type_error_propagates', () => {
    dynamicToUrl = () => {
      throw new TypeError('This type error propagates.');
    };
    expect(() => reverse('dynamic', { urlconf: dynamicUrls, kwargs: { value: {} } })).toThrow(
      'This type error propagates.',
    );
  });
});

describe.each(expressVersions)('over HTTP on %s', (_label, createApp) => {
  const app = createApp();
  app.use(pathUrls);
  const converters = createApp();
  converters.use(converterUrls);
  const base64 = createApp();
  base64.use(base64Urls);

  it.each(simplified)('%s: GET %s reaches the view with what resolve() found', async (_test, url, expected) => {
    const response = await request(app).get(url);
    expect(response.status).toBe(200);
    const { urlName, route, args, kwargs } = expected;
    const body = response.body as Record<string, unknown>;
    expect(
      pick(
        body,
        Object.keys({ urlName, route, args, kwargs }).filter((k) => expected[k] !== undefined),
      ),
    ).toEqual(Object.fromEntries(Object.entries({ urlName, route, args, kwargs }).filter(([, v]) => v !== undefined)));
  });

  it.each(converterData)('test_converter_resolve over HTTP: %s', async (url, _name, kwargs) => {
    expect((await request(base64).get(url)).body).toMatchObject({ kwargs });
  });

  it('test_matching_urls and test_nonmatching_urls over HTTP: a converter that does not match is a 404', async () => {
    expect((await request(converters).get('/int/01/')).body).toMatchObject({ kwargs: { int: 1 } });
    expect((await request(converters).get('/uuid/39da9369-838e-4750-91a5-f7805cd82839/')).status).toBe(200);
    for (const url of ['/int/-1/', '/str//', '/slug/stars*notallowed/', '/uuid/9da9369-838e-4750-91a5-f7805cd82839/']) {
      expect([url, (await request(converters).get(url)).status]).toEqual([url, 404]);
    }
  });

  it('test_path_trailing_newlines over HTTP: %0A after the route is a 404', async () => {
    expect((await request(app).get('/articles/2003/%0A')).status).toBe(404);
    expect((await request(app).get('/regex/1/%0A')).status).toBe(404);
  });
});
