/** Django's `resolve_url` (`django/shortcuts.py`): a view name, a URL or a model to the URL to redirect to. */
import { ImproperlyConfigured, NoReverseMatch } from './errors.js';
import { reverse } from './reverse.js';
import type { ViewFunction } from './resolver.js';

/** Options of {@link resolveUrl}: the arguments to reverse a view name with. */
export interface ResolveUrlOptions {
  /** Positional arguments for the view name. */
  args?: readonly unknown[] | undefined;
  /** Keyword arguments for the view name. */
  kwargs?: Record<string, unknown> | undefined;
}

/**
 * Django's `resolve_url(to, *args, **kwargs)`: an object's `getAbsoluteUrl()`; a `./` or `../`
 * path as it is; else `reverse(to, { args, kwargs })`, and when that fails a string with a `/`
 * or a `.` in it is taken as a URL (`'/login/'`, `'https://example.com'`), while a bare name or
 * a view function that does not reverse throws `NoReverseMatch`. In an app with no URLconf
 * mounted, every string is a URL.
 *
 * @example
 * ```ts
 * resolveUrl('polls:detail', { args: [1] }); // '/polls/1/'
 * resolveUrl('/accounts/login/');             // '/accounts/login/'
 * ```
 */
export function resolveUrl(
  to: string | ViewFunction | { getAbsoluteUrl(): string },
  { args, kwargs }: ResolveUrlOptions = {},
): string {
  if (typeof to === 'object') return to.getAbsoluteUrl();
  if (typeof to === 'string' && (to.startsWith('./') || to.startsWith('../'))) return to;
  try {
    return reverse(to, { ...(args ? { args } : {}), ...(kwargs ? { kwargs } : {}) });
  } catch (err) {
    if (typeof to === 'function') throw err;
    // With no URLconf mounted there are no names: the string is a URL, as before URLs had names.
    if (err instanceof ImproperlyConfigured) return to;
    // A name with neither '/' nor '.' was meant to be reversed.
    if (!(err instanceof NoReverseMatch) || !(to.includes('/') || to.includes('.'))) throw err;
    return to;
  }
}
