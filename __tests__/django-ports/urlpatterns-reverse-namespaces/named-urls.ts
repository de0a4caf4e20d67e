/** Django's tests/urlpatterns_reverse/named_urls.py. */
import { include, path, rePath } from '../../../lib/index.js';
import * as includedNamedUrls from './included-named-urls.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  path('', emptyView, { name: 'named-url1' }),
  rePath(String.raw`^extra/(?P<extra>\w+)/$`, emptyView, { name: 'named-url2' }),
  rePath('^(?P<one>[0-9]+)|(?P<two>[0-9]+)/$', emptyView),
  path('included/', include(includedNamedUrls)),
];
