/** Django's tests/urlpatterns_reverse/included_urls.py. */
import { path, rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  path('', emptyView, { name: 'inner-nothing' }),
  rePath(String.raw`extra/(?P<extra>\w+)/$`, emptyView, { name: 'inner-extra' }),
  rePath('(?P<one>[0-9]+)|(?P<two>[0-9]+)/$', emptyView, { name: 'inner-disjunction' }),
];
