/** Django's tests/urlpatterns_reverse/erroneous_urls.py: a regex with an error in it. */
import { rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export const urlpatterns = [rePath('(regex_error/$', emptyView)];
