/** Django's tests/urlpatterns_reverse/utils.py: a URLconf as an object, with its application namespace. */
import { path, rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

export class URLObject {
  readonly urlpatterns = [
    path('inner/', emptyView, { name: 'urlobject-view' }),
    rePath('^inner/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'urlobject-view' }),
    rePath(String.raw`^inner/\+\\\$\*/$`, emptyView, { name: 'urlobject-special-view' }),
  ];

  constructor(
    readonly appName: string,
    readonly namespace?: string,
  ) {}

  /** Django's `urls` property: `((urlpatterns, app_name), namespace)`. */
  get urls(): [[typeof this.urlpatterns, string], string | undefined] {
    return [[this.urlpatterns, this.appName], this.namespace];
  }

  /** Django's `app_urls` property: `(urlpatterns, app_name)`. */
  get appUrls(): [typeof this.urlpatterns, string] {
    return [this.urlpatterns, this.appName];
  }
}
