/** Django's tests/urlpatterns_reverse/included_namespace_urls.py. */
import { type UrlPatternEntry, include, path, rePath } from '../../../lib/index.js';
import * as includedUrls from './included-urls.js';
import { URLObject } from './utils.js';
import { emptyView, viewClassInstance } from './views.js';

const testobj3 = new URLObject('testapp', 'test-ns3');
const testobj4 = new URLObject('testapp', 'test-ns4');

export const appName = 'included_namespace_urls';
/**
 * The last pattern, `path('ns-included4/', include(namespace_urls, namespace='inc-ns4'))`, is
 * appended by namespace-urls.ts: the two URLconfs include each other, which Django's include()
 * by module name allows (it imports lazily) and two modules importing each other do not.
 * include() keeps this list, so what is appended is included too.
 */
export const urlpatterns: UrlPatternEntry[] = [
  path('normal/', emptyView, { name: 'inc-normal-view' }),
  rePath('^normal/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'inc-normal-view' }),
  rePath(String.raw`^\+\\\$\*/$`, emptyView, { name: 'inc-special-view' }),
  rePath('^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'inc-mixed-args' }),
  rePath('^no_kwargs/([0-9]+)/([0-9]+)/$', emptyView, { name: 'inc-no-kwargs' }),
  rePath('^view_class/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', viewClassInstance, { name: 'inc-view-class' }),
  path('test3/', include(...testobj3.urls)),
  path('test4/', include(...testobj4.urls)),
  path('ns-included3/', include([includedUrls, 'included_urls'], { namespace: 'inc-ns3' })),
];
