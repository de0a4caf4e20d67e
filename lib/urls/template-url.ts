/** `url(name, ...args)` for templates: Django's `{% url %}` tag as a function in the context. */
import type { Request } from 'express';
import { reverse } from './reverse.js';
import type { UrlConf } from './urlconf.js';

/** The `url()` templates get: `url('polls:detail', question.id)`, or keyword arguments last. */
export type TemplateUrl = (name: string, ...args: unknown[]) => string;

/**
 * `url()` for the templates of `req` (or of an app, without a request): Django's `{% url name
 * arg1 arg2 %}` as `url('name', arg1, arg2)`. A plain object as the last argument is the keyword
 * arguments (`{% url 'detail' pk=1 %}`: nunjucks' `url('detail', pk=1)` passes one). Reverses in
 * the request's namespace, as Django's tag does (`request.resolver_match.namespace`), and in the
 * URLconf that answered the request when there is one (Django's `request.urlconf`).
 *
 * @throws NoReverseMatch as `reverse`.
 */
export function urlForRequest(req: Request | undefined, urlconf?: UrlConf): TemplateUrl {
  return function url(name: string, ...args: unknown[]): string {
    const last = args[args.length - 1];
    let kwargs: Record<string, unknown> | undefined;
    if (typeof last === 'object' && last !== null && Object.getPrototypeOf(last) === Object.prototype) {
      args.pop();
      const { __keywords: _marker, ...rest } = last as Record<string, unknown>;
      kwargs = rest;
    }
    const currentApp = req?.resolverMatch?.namespace;
    return reverse(name, {
      ...(args.length > 0 ? { args } : {}),
      ...(kwargs !== undefined ? { kwargs } : {}),
      ...(currentApp ? { currentApp } : {}),
      ...(urlconf ? { urlconf } : {}),
    });
  };
}
