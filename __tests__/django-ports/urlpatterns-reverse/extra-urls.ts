/** Django's tests/urlpatterns_reverse/extra_urls.py: some extra URL patterns that are included at the top level. */
import { include, path, rePath } from '../../../lib/index.js';
import * as includedUrls2 from './included-urls2.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  rePath('^e-places/([0-9]+)/$', emptyView, { name: 'extra-places' }),
  rePath(String.raw`^e-people/(?P<name>\w+)/$`, emptyView, { name: 'extra-people' }),
  path('', include(includedUrls2)),
  rePath(String.raw`^prefix/(?P<prefix>\w+)/`, include(includedUrls2)),
];
