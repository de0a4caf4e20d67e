/** Django's tests/urlpatterns_reverse/named_urls_conflict.py: one name, many patterns. */
import { path, rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  // No kwargs
  path('conflict/cannot-go-here/', emptyView, { name: 'name-conflict' }),
  path('conflict/', emptyView, { name: 'name-conflict' }),
  // One kwarg
  rePath(String.raw`^conflict-first/(?P<first>\w+)/$`, emptyView, { name: 'name-conflict' }),
  rePath(String.raw`^conflict-cannot-go-here/(?P<middle>\w+)/$`, emptyView, { name: 'name-conflict' }),
  rePath(String.raw`^conflict-middle/(?P<middle>\w+)/$`, emptyView, { name: 'name-conflict' }),
  rePath(String.raw`^conflict-last/(?P<last>\w+)/$`, emptyView, { name: 'name-conflict' }),
  // Two kwargs
  rePath(String.raw`^conflict/(?P<another>\w+)/(?P<extra>\w+)/cannot-go-here/$`, emptyView, { name: 'name-conflict' }),
  rePath(String.raw`^conflict/(?P<extra>\w+)/(?P<another>\w+)/$`, emptyView, { name: 'name-conflict' }),
];
