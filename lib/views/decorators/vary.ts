/** Django's `django/views/decorators/vary.py`: `vary_on_headers` and `vary_on_cookie`. */
import type { ViewDecorator } from '../types.js';
import { toHeaderName } from '../../http/headers.js';
import { patchVaryHeaders } from '../../utils/cache.js';
import { decorator, labelDecorator, patchResult } from './wrap.js';

/**
 * Django's `vary_on_headers`: add `names` to the response's `Vary` (case-insensitively, after
 * what the view set; a `*` makes it `*`).
 *
 * @throws BadHeaderError when a name is not an HTTP header name.
 *
 * @example
 * ```ts
 * app.get('/', view(home, varyOnHeaders('Cookie', 'Accept-Language')));
 * ```
 */
export function varyOnHeaders(...names: string[]): ViewDecorator {
  for (const name of names) if (name !== '*') toHeaderName(name);
  return decorator(
    'varyOnHeaders()',
    (next) => async (req, res) =>
      patchResult(await next(req, res), (response) => void patchVaryHeaders(response, names)),
  );
}

/**
 * Django's `vary_on_cookie`: add `Cookie` to the response's `Vary`, so a cache keeps one copy
 * per cookie (a signed-in visitor's page is not served to another). The same as
 * `varyOnHeaders('Cookie')`.
 *
 * @example
 * ```ts
 * app.get('/programme/', view(programme, cachePage(60), varyOnCookie));
 * ```
 */
export const varyOnCookie: ViewDecorator = labelDecorator(varyOnHeaders('Cookie'), 'varyOnCookie');
