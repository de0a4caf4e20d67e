/** Django's tests/urlpatterns_reverse/included_named_urls.py. */
import { include, path, rePath } from '../../../lib/index.js';
import * as includedNamedUrls2 from './included-named-urls2.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  path('', emptyView, { name: 'named-url3' }),
  rePath(String.raw`^extra/(?P<extra>\w+)/$`, emptyView, { name: 'named-url4' }),
  rePath('^(?P<one>[0-9]+)|(?P<two>[0-9]+)/$', emptyView),
  path('included/', include(includedNamedUrls2)),
];
