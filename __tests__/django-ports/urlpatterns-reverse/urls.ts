/** Django's tests/urlpatterns_reverse/urls.py, the URLconf most of the reverse tests run on. */
import { include, path, rePath } from '../../../lib/index.js';
import * as extraUrls from './extra-urls.js';
import * as includedNoKwargsUrls from './included-no-kwargs-urls.js';
import * as includedUrls from './included-urls.js';
import {
  absoluteKwargsView,
  defaultsView,
  emptyView,
  emptyViewNestedPartial,
  emptyViewPartial,
  emptyViewWrapped,
  nestedView,
  viewFuncFromCbv,
} from './views.js';

const otherPatterns = [
  path('non_path_include/', emptyView, { name: 'non_path_include' }),
  path('nested_path/', nestedView),
];

const raw = String.raw;

export const urlpatterns = [
  rePath('^places/([0-9]+)/$', emptyView, { name: 'places' }),
  rePath('^places?/$', emptyView, { name: 'places?' }),
  rePath('^places+/$', emptyView, { name: 'places+' }),
  rePath('^places*/$', emptyView, { name: 'places*' }),
  rePath('^(?:places/)?$', emptyView, { name: 'places2?' }),
  rePath('^(?:places/)+$', emptyView, { name: 'places2+' }),
  rePath('^(?:places/)*$', emptyView, { name: 'places2*' }),
  rePath('^places/([0-9]+|[a-z_]+)/', emptyView, { name: 'places3' }),
  rePath('^places/(?P<id>[0-9]+)/$', emptyView, { name: 'places4' }),
  rePath(raw`^people/(?P<name>\w+)/$`, emptyView, { name: 'people' }),
  rePath('^people/(?:name/)$', emptyView, { name: 'people2' }),
  rePath(raw`^people/(?:name/(\w+)/)?$`, emptyView, { name: 'people2a' }),
  rePath(raw`^people/(?P<name>\w+)-(?P=name)/$`, emptyView, { name: 'people_backref' }),
  rePath('^optional/(?P<name>.*)/(?:.+/)?', emptyView, { name: 'optional' }),
  rePath(raw`^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?`, absoluteKwargsView, { name: 'named_optional' }),
  rePath(raw`^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$`, absoluteKwargsView, {
    name: 'named_optional_terminated',
  }),
  rePath(raw`^nested/noncapture/(?:(?P<p>\w+))$`, emptyView, { name: 'nested-noncapture' }),
  rePath(raw`^nested/capture/((\w+)/)?$`, emptyView, { name: 'nested-capture' }),
  rePath(raw`^nested/capture/mixed/((?P<p>\w+))$`, emptyView, { name: 'nested-mixedcapture' }),
  rePath(raw`^nested/capture/named/(?P<outer>(?P<inner>\w+)/)?$`, emptyView, { name: 'nested-namedcapture' }),
  rePath('^hardcoded/$', emptyView, { name: 'hardcoded' }),
  rePath(raw`^hardcoded/doc\.pdf$`, emptyView, { name: 'hardcoded2' }),
  rePath(raw`^people/(?P<state>\w\w)/(?P<name>\w+)/$`, emptyView, { name: 'people3' }),
  rePath(raw`^people/(?P<state>\w\w)/(?P<name>[0-9])/$`, emptyView, { name: 'people4' }),
  rePath(raw`^people/((?P<state>\w\w)/test)?/(\w+)/$`, emptyView, { name: 'people6' }),
  rePath('^character_set/[abcdef0-9]/$', emptyView, { name: 'range' }),
  rePath(raw`^character_set/[\w]/$`, emptyView, { name: 'range2' }),
  rePath(raw`^price/\$([0-9]+)/$`, emptyView, { name: 'price' }),
  rePath('^price/[$]([0-9]+)/$', emptyView, { name: 'price2' }),
  rePath(raw`^price/[\$]([0-9]+)/$`, emptyView, { name: 'price3' }),
  rePath(raw`^product/(?P<product>\w+)\+\(\$(?P<price>[0-9]+(\.[0-9]+)?)\)/$`, emptyView, { name: 'product' }),
  rePath(raw`^headlines/(?P<year>[0-9]+)\.(?P<month>[0-9]+)\.(?P<day>[0-9]+)/$`, emptyView, { name: 'headlines' }),
  rePath(raw`^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$`, emptyView, { name: 'windows' }),
  rePath('^special_chars/(?P<chars>.+)/$', emptyView, { name: 'special' }),
  rePath(raw`^resolved/(?P<arg>\d+)/$`, emptyView, { name: 'resolved', kwargs: { extra: true } }),
  rePath(raw`^resolved-overridden/(?P<arg>\d+)/(?P<overridden>\w+)/$`, emptyView, {
    name: 'resolved-overridden',
    kwargs: { extra: true, overridden: 'default' },
  }),
  rePath('^(?P<name>.+)/[0-9]+/$', emptyView, { name: 'mixed' }),
  rePath('^repeats/a{1,2}/$', emptyView, { name: 'repeats' }),
  rePath('^repeats/a{2,4}/$', emptyView, { name: 'repeats2' }),
  rePath('^repeats/a{2}/$', emptyView, { name: 'repeats3' }),
  rePath('^test/1/?', emptyView, { name: 'test' }),
  rePath('^outer/(?P<outer>[0-9]+)/', include(includedUrls)),
  rePath('^outer-no-kwargs/([0-9]+)/', include(includedNoKwargsUrls)),
  rePath('', include(extraUrls)),
  rePath('^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$', emptyView, { name: 'lookahead-negative' }),
  rePath(raw`^lookahead\+/(?=a-city)(?P<city>[^/]+)/$`, emptyView, { name: 'lookahead-positive' }),
  rePath('^lookbehind-/(?P<city>[^/]+)(?<!not-a-city)/$', emptyView, { name: 'lookbehind-negative' }),
  rePath(raw`^lookbehind\+/(?P<city>[^/]+)(?<=a-city)/$`, emptyView, { name: 'lookbehind-positive' }),
  // Partials should be fine.
  path('partial/', emptyViewPartial, { name: 'partial' }),
  path('partial_nested/', emptyViewNestedPartial, { name: 'partial_nested' }),
  path('partial_wrapped/', emptyViewWrapped, { name: 'partial_wrapped' }),
  // This is non-reversible, but we shouldn't blow up when parsing it.
  rePath(raw`^(?:foo|bar)(\w+)/$`, emptyView, { name: 'disjunction' }),
  path('absolute_arg_view/', absoluteKwargsView),
  // Tests for #13154. Mixed syntax to test both ways of defining URLs.
  rePath('^defaults_view1/(?P<arg1>[0-9]+)/$', defaultsView, { kwargs: { arg2: 1 }, name: 'defaults' }),
  rePath('^defaults_view2/(?P<arg1>[0-9]+)/$', defaultsView, { kwargs: { arg2: 2 }, name: 'defaults' }),
  path('includes/', include(otherPatterns)),
  // Security tests
  rePath('(.+)/security/$', emptyView, { name: 'security' }),
  // View function from cbv.
  path('hello/<slug:name>/', viewFuncFromCbv),
];
