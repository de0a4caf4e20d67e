/** Django's `TemplateView` (with `TemplateResponseMixin` and `ContextMixin`), `django/views/generic/base.py`. */
import type { Request } from 'express';
import { View } from './base.js';
import { TemplateResponse } from './template-response.js';
import type { ResponseInit } from '../http/response-base.js';

/**
 * Django's `TemplateView`: answers GET (and HEAD) with a {@link TemplateResponse} of
 * `templateName`, whose context is {@link TemplateView.getContextData}: the route params, `view`
 * (this instance) and `extraContext`. Set the fields as class fields or through
 * `asView({ templateName, extraContext })`.
 *
 * @example
 * ```ts
 * app.all('/about/', TemplateView.asView({ templateName: 'about.njk' }));
 * class HomeView extends TemplateView {
 *   override templateName = 'home.njk';
 *   override async getContextData(kwargs: Record<string, unknown>) {
 *     return { ...(await super.getContextData(kwargs)), latest: await db.articles.latest() };
 *   }
 * }
 * ```
 */
export class TemplateView<P = Request['params']> extends View<P> {
  /** The template to render (Django's `template_name`); a list tries each in turn. @defaultValue null */
  templateName: string | readonly string[] | null = null;
  /** Added to every context (Django's `extra_context`). @defaultValue null */
  extraContext: Record<string, unknown> | null = null;
  /** The response's content type (Django's `content_type`). @defaultValue null (the default, text/html) */
  contentType: string | null = null;

  /**
   * The template's context (Django's `get_context_data(**kwargs)`): `kwargs`, `view` unless
   * `kwargs` has one, and `extraContext` over them. May be async.
   */
  getContextData(kwargs: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
    return { view: this, ...kwargs, ...(this.extraContext ?? {}) };
  }

  /**
   * The templates to try (Django's `get_template_names()`).
   *
   * @throws Error when there is no `templateName` and this method is not overridden.
   */
  getTemplateNames(): readonly string[] {
    if (this.templateName === null || this.templateName === undefined) {
      throw new Error(
        `${this.constructor.name} requires either a definition of templateName or an implementation of getTemplateNames(): set templateName = 'page.njk' on the class, or pass asView({ templateName: 'page.njk' }) (got ${String(this.templateName)}).`,
      );
    }
    return typeof this.templateName === 'string' ? [this.templateName] : this.templateName;
  }

  /** The response for `context` (Django's `render_to_response`). */
  renderToResponse(context: Record<string, unknown>, init?: ResponseInit): TemplateResponse {
    const options: ResponseInit = { ...(init ?? {}) };
    if (this.contentType !== null && options.contentType === undefined) options.contentType = this.contentType;
    return new TemplateResponse(this.request as unknown as Request, this.getTemplateNames(), context, options);
  }

  override async get(req: Request<P>): Promise<TemplateResponse> {
    const context = await this.getContextData({ ...(req.params as Record<string, unknown>) });
    return this.renderToResponse(context);
  }
}
