/** Django's tests/urlpatterns_reverse/reverse_lazy_urls.py. */
import { path } from '../../../lib/index.js';
import { LazyRedirectView, emptyView, loginRequiredView } from './views.js';

export const urlpatterns = [
  path('redirected_to/', emptyView, { name: 'named-lazy-url-redirected-to' }),
  path('login/', emptyView, { name: 'some-login-page' }),
  path('login_required_view/', loginRequiredView),
  path('redirect/', LazyRedirectView.asView()),
];
