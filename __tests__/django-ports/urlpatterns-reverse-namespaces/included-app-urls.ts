/** Django's tests/urlpatterns_reverse/included_app_urls.py. */
import { path, rePath } from '../../../lib/index.js';
import { emptyView, viewClassInstance } from './views.js';

export const appName = 'inc-app';
export const urlpatterns = [
  path('normal/', emptyView, { name: 'inc-normal-view' }),
  rePath('^normal/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'inc-normal-view' }),
  rePath(String.raw`^\+\\\$\*/$`, emptyView, { name: 'inc-special-view' }),
  rePath('^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'inc-mixed-args' }),
  rePath('^no_kwargs/([0-9]+)/([0-9]+)/$', emptyView, { name: 'inc-no-kwargs' }),
  rePath('^view_class/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', viewClassInstance, { name: 'inc-view-class' }),
];
