/** Django's tests/urlpatterns_reverse/included_no_kwargs_urls.py. */
import { rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [rePath('^inner-no-kwargs/([0-9]+)/$', emptyView, { name: 'inner-no-kwargs' })];
