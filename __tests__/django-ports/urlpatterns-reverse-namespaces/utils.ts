/** Django's tests/urlpatterns_reverse/utils.py: `URLObject`, patterns included with an application namespace. */
import { type IncludeOptions, type UrlPatternEntry, path, rePath } from '../../../lib/index.js';
import { emptyView } from './views.js';

/** Django's `URLObject(app_name, namespace=None)`. */
export class URLObject {
  static readonly urlpatterns: UrlPatternEntry[] = [
    path('inner/', emptyView, { name: 'urlobject-view' }),
    rePath('^inner/(?P<arg1>[0-9]+)/(?P<arg2>[0-9]+)/$', emptyView, { name: 'urlobject-view' }),
    rePath(String.raw`^inner/\+\\\$\*/$`, emptyView, { name: 'urlobject-special-view' }),
  ];

  constructor(
    readonly appName: string,
    readonly namespace?: string,
  ) {}

  /** Django's `urls`: `((urlpatterns, app_name), namespace)`, for `include(...obj.urls)`. */
  get urls(): [patterns: readonly [UrlPatternEntry[], string], options: IncludeOptions] {
    return [[URLObject.urlpatterns, this.appName], this.namespace === undefined ? {} : { namespace: this.namespace }];
  }

  /** Django's `app_urls`: `(urlpatterns, app_name)`. */
  get appUrls(): readonly [UrlPatternEntry[], string] {
    return [URLObject.urlpatterns, this.appName];
  }
}
