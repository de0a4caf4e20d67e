/** Django's tests/urlpatterns_reverse/namespace_urls.py. */
import { type UrlPatternEntry, include, path, rePath } from '../../../lib/index.js';
import * as includedAppUrls from './included-app-urls.js';
import * as includedNamespaceUrls from './included-namespace-urls.js';
import * as includedUrls from './included-urls.js';
import { URLObject } from './utils.js';
import { emptyView, passResolverMatchView, viewClassInstance } from './views.js';

const testobj1 = new URLObject('testapp', 'test-ns1');
const testobj2 = new URLObject('testapp', 'test-ns2');
const defaultTestobj = new URLObject('testapp', 'testapp');

const otherobj1 = new URLObject('nodefault', 'other-ns1');
const otherobj2 = new URLObject('nodefault', 'other-ns2');

const newappobj1 = new URLObject('newapp');

export const appName = 'namespace_urls';
export const urlpatterns: UrlPatternEntry[] = [];
// This module, for the includes of it (Django's include('urlpatterns_reverse.namespace_urls')).
const self = [urlpatterns, appName] as const;

urlpatterns.push(
  path('normal/', emptyView, { name: 'normal-view' }),
  rePath('^normal/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'normal-view' }),
  path('resolver_match/', passResolverMatchView, { name: 'test-resolver-match' }),

  rePath(String.raw`^\+\\\$\*/$`, emptyView, { name: 'special-view' }),

  rePath('^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'mixed-args', kwargs: { extra: true } }),
  rePath('^no_kwargs/([0-9]+)/([0-9]+)/$', emptyView, { name: 'no-kwargs' }),

  rePath('^view_class/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', viewClassInstance, { name: 'view-class' }),

  rePath('^unnamed/normal/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView),
  rePath('^unnamed/view_class/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', viewClassInstance),

  path('test1/', include(...testobj1.urls)),
  path('test2/', include(...testobj2.urls)),
  path('default/', include(...defaultTestobj.urls)),

  path('other1/', include(...otherobj1.urls)),
  rePath('^other[246]/', include(...otherobj2.urls)),

  path('newapp1/', include(newappobj1.appUrls, { namespace: 'new-ns1' })),
  path('new-default/', include(newappobj1.appUrls)),

  rePath('^app-included[135]/', include(includedAppUrls, { namespace: 'app-ns1' })),
  path('app-included2/', include(includedAppUrls, { namespace: 'app-ns2' })),

  rePath('^ns-included[135]/', include(includedNamespaceUrls, { namespace: 'inc-ns1' })),
  path('ns-included2/', include(includedNamespaceUrls, { namespace: 'inc-ns2' })),

  path('app-included/', include(includedNamespaceUrls, { namespace: 'inc-app' })),

  path('included/', include(includedNamespaceUrls)),
  rePath('^inc(?P<outer>[0-9]+)/', include([includedUrls, 'included_urls'], { namespace: 'inc-ns5' })),
  rePath('^included/([0-9]+)/', include(includedNamespaceUrls)),

  rePath('^ns-outer/(?P<outer>[0-9]+)/', include(includedNamespaceUrls, { namespace: 'inc-outer' })),

  rePath(String.raw`^\+\\\$\*/`, include(self, { namespace: 'special' })),
);

// included_namespace_urls' last pattern (see included-namespace-urls.ts).
includedNamespaceUrls.urlpatterns.push(path('ns-included4/', include(self, { namespace: 'inc-ns4' })));
