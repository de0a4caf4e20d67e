/**
 * Django's tests/urlpatterns_reverse/included_urls2.py. These patterns are included in two
 * different ways in the main URLconf, with an extra argument present in one case. Thus, there are
 * two different ways for each name to resolve and reverse() must distinguish the possibilities
 * based on the argument list.
 */
import { rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [
  rePath(String.raw`^part/(?P<value>\w+)/$`, emptyView, { name: 'part' }),
  rePath(String.raw`^part2/(?:(?P<value>\w+)/)?$`, emptyView, { name: 'part2' }),
];
