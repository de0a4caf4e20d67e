/** Django's tests/urlpatterns_reverse/urlconf_outer.py. */
import { include, path } from '../../../lib/index.js';
import * as urlconfInner from './urlconf-inner.js';

export const urlpatterns = [
  path('test/me/', urlconfInner.innerView, { name: 'outer' }),
  path('inner_urlconf/', include(urlconfInner)),
];
