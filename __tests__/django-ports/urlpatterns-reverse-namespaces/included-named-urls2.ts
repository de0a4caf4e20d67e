/** Django's tests/urlpatterns_reverse/included_named_urls2.py. */
import { path, rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  path('', emptyView, { name: 'named-url5' }),
  rePath(String.raw`^extra/(?P<extra>\w+)/$`, emptyView, { name: 'named-url6' }),
  rePath('^(?P<one>[0-9]+)|(?P<two>[0-9]+)/$', emptyView),
];
