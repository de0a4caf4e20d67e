/** Django's `django/shortcuts.py`: `render`, `redirect`, `get_object_or_404`. */
import type { Request } from 'express';
import { Http404 } from './http/errors.js';
import {
  checkRedirectOptions,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  REDIRECT_INIT_NAMES,
  type RedirectInit,
} from './http/redirect.js';
import { optionNames } from './http/init-validation.js';
import { HttpResponse } from './http/response.js';
import type { ResponseInit } from './http/response-base.js';
import { describe } from './http/describe.js';
import { resolveUrl } from './urls/resolve-url.js';
import type { ViewFunction } from './urls/resolver.js';

/**
 * Django's `render(request, template_name, context, content_type, status)`: render
 * `template` with the app's configured view engine (`app.set('view engine', ...)`, as
 * `res.render` does, with `app.locals` and `res.locals` under `context`) into an
 * `HttpResponse`, which the view can still change before returning it.
 *
 * @param init - the response's `status`, `contentType`, `headers`, ... as `new HttpResponse()` takes them.
 * @returns a promise of the response; rejects with the engine's error (a missing template, say).
 *
 * @example
 * ```ts
 * app.get('/articles/:slug', view(async (req) => {
 *   const article = getObjectOr404(await db.articles.find(req.params.slug));
 *   return render(req, 'article.njk', { article });
 * }));
 * ```
 */
export function render<P = Request['params']>(
  req: Request<P>,
  template: string,
  context: Record<string, unknown> = {},
  init?: ResponseInit | string,
): Promise<HttpResponse> {
  if (typeof req?.app?.render !== 'function') {
    throw new TypeError('render() needs the Express request the view received (its req.app renders the template).');
  }
  if (typeof template !== 'string') {
    throw new TypeError(`render() needs a template name (got ${describe(template)}).`);
  }
  // As res.render: res.locals first, the context over them (app.locals are added by app.render).
  const locals: Record<string, unknown> = { ...(req.res?.locals ?? {}), ...context };
  return new Promise((resolve, reject) => {
    req.app.render(template, locals, (err: Error | null, html?: string) => {
      if (err) reject(err);
      // A bad init (status, say) throws inside the callback: reject with it rather than lose it.
      else resolve(Promise.resolve().then(() => new HttpResponse(html ?? '', init)));
    });
  });
}

/** Something with a canonical URL, as a Django model's `get_absolute_url()`. */
export interface HasAbsoluteUrl {
  /** The object's URL. */
  getAbsoluteUrl(): string;
}

/** Options of {@link redirect}: a redirect response's init, and whether it is permanent. */
export interface RedirectOptions extends RedirectInit {
  /** 301 (308 with `preserveRequest`) instead of 302 (307). @defaultValue false */
  permanent?: boolean;
  /** Positional arguments to reverse a view name with. */
  args?: readonly unknown[];
  /** Keyword arguments to reverse a view name with. */
  kwargs?: Record<string, unknown>;
}

/** The option names of {@link RedirectOptions}, which `redirect()`'s messages list. */
const REDIRECT_OPTIONS: ReadonlySet<string> = optionNames<RedirectOptions>()([
  ...REDIRECT_INIT_NAMES,
  'permanent',
  'args',
  'kwargs',
]);

/**
 * Django's `redirect(to, *args, permanent=False, preserve_request=False, **kwargs)`: a 302 to
 * `to` — a URL pattern name or view reversed with `args` / `kwargs`, a URL or path, or an object
 * with `getAbsoluteUrl()`, as Django's `resolve_url`; `permanent` gives 301, `preserveRequest`
 * 307 / 308.
 *
 * @throws DisallowedRedirect for an unsafe scheme (as `HttpResponseRedirect`); NoReverseMatch for a
 * name that does not reverse; TypeError for anything else.
 *
 * @example
 * ```ts
 * return redirect(`/articles/${article.slug}/`);
 * return redirect('polls:results', { args: [question.id] });
 * return redirect(article, { permanent: true });
 * ```
 */
export function redirect(
  to: string | URL | HasAbsoluteUrl | ViewFunction,
  options: RedirectOptions = {},
): HttpResponseRedirect | HttpResponsePermanentRedirect {
  checkRedirectOptions(to, options, REDIRECT_OPTIONS);
  const { permanent = false, args, kwargs, ...init } = options;
  let url: string | URL;
  if (to instanceof URL) url = to;
  // A view name, a view, or a URL, as Django's resolve_url.
  else if (typeof to === 'string' || typeof to === 'function') url = resolveUrl(to, { args, kwargs });
  else if (typeof (to as Partial<HasAbsoluteUrl>)?.getAbsoluteUrl === 'function') url = to.getAbsoluteUrl();
  else {
    throw new TypeError(`redirect() needs a URL or an object with getAbsoluteUrl() (got ${describe(to)}).`);
  }
  return permanent ? new HttpResponsePermanentRedirect(url, init) : new HttpResponseRedirect(url, init);
}

const NOT_FOUND = 'No object matches the given query.';

function found<T>(value: T, message: string): NonNullable<T> {
  if (value === null || value === undefined) throw new Http404(message);
  return value;
}

/**
 * Django's `get_object_or_404`: `value` when it is not `null` or `undefined`, else throw
 * `Http404` (which `view()` passes to `next(err)`: a 404 through Express's error handler or
 * `httpErrorHandler()`). Given a promise, the result is a promise.
 *
 * @param message - the `Http404`'s message. @defaultValue 'No object matches the given query.'
 *
 * @example
 * ```ts
 * const article = getObjectOr404(db.articles.get(req.params.id));
 * const user = await getObjectOr404(User.findByPk(req.params.id), 'No user matches the given query.');
 * ```
 */
export function getObjectOr404<T>(value: PromiseLike<T>, message?: string): Promise<NonNullable<T>>;
export function getObjectOr404<T>(value: T, message?: string): NonNullable<T>;
export function getObjectOr404<T>(
  value: T | PromiseLike<T>,
  message = NOT_FOUND,
): NonNullable<T> | Promise<NonNullable<T>> {
  if (value !== null && typeof (value as PromiseLike<T> | undefined)?.then === 'function') {
    return Promise.resolve(value as PromiseLike<T>).then((resolved) => found(resolved, message));
  }
  return found(value as T, message);
}
