/** Django's tests/urlpatterns_reverse/urlconf_inner.py. */
import type { Request } from 'express';
import { HttpResponse, NoReverseMatch, type TemplateUrl, path } from '../../../lib/index.js';

/** Django's `{% url name as var %}`: the URL, or `''` when the name does not reverse. */
function urlAs(url: TemplateUrl, name: string): string {
  try {
    return url(name);
  } catch (err) {
    if (err instanceof NoReverseMatch) return '';
    throw err;
  }
}

/**
 * Django's `inner_view`: `{% url "outer" as outer_url %}outer:{{ outer_url }},{% url "inner" as
 * inner_url %}inner:{{ inner_url }}`, through the `url()` templates see (it reverses in the
 * URLconf that answered the request).
 */
export function innerView(req: Request): HttpResponse {
  const url = req.res!.locals.url as TemplateUrl;
  return new HttpResponse(`outer:${urlAs(url, 'outer')},inner:${urlAs(url, 'inner')}`);
}

export const urlpatterns = [path('second_test/', innerView, { name: 'inner' })];
