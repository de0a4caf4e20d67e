/** Django's tests/urlpatterns_reverse/urls_without_handlers.py: a URLconf that defines no handlerXXX. */
import { path } from '../../../lib/index.js';
import { badView, emptyView } from './views.js';

export const urlpatterns = [
  path('test_view/', emptyView, { name: 'test_view' }),
  path('bad_view/', badView, { name: 'bad_view' }),
];
