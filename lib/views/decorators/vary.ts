/** Django's `django/views/decorators/vary.py`: `vary_on_headers`. */
import type { ViewDecorator } from '../types.js';
import { toHeaderName } from '../../http/headers.js';
import { patchVaryHeaders } from '../../utils/cache.js';
import { decorator, patchResult } from './wrap.js';

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
