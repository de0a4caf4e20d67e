/**
 * Django's `django/template/response.py`: `SimpleTemplateResponse` and `TemplateResponse`,
 * responses whose template and context stay changeable until they are rendered, through the
 * app's view engine (`req.app.render`), as late as just before they are written.
 */
import type { Request } from 'express';
import { HttpResponse, type Body } from '../http/response.js';
import type { ResponseInit } from '../http/response-base.js';
import { describe } from '../http/describe.js';

/** What renders a template: an Express app (`req.app`), or anything with its `render`. */
export interface TemplateRenderer {
  /** Express's `app.render(name, options, callback)`. */
  render(name: string, options: object, callback: (err: Error | null, html?: string) => void): void;
}

/** Where a template response renders: a request (its `app`, and `res.locals` under the context). */
export interface RenderTarget {
  /** What renders the template: the request's `app`. */
  app: TemplateRenderer;
  /** The request's `res`: its `locals` are under the context. */
  res?:
    | {
        /** `res.locals`. */
        locals?: Record<string, unknown>;
      }
    | undefined;
}

/** What runs after rendering; a response it returns replaces the rendered one. */
export type PostRenderCallback = (response: SimpleTemplateResponse) => HttpResponse | void | undefined;

/** Whether `err` says the template does not exist (Express's lookup, or nunjucks' loader). */
function isMissingTemplate(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (err as Error & { view?: unknown }).view !== undefined || /template not found/i.test(err.message);
}

function renderOne(target: RenderTarget, name: string, context: Record<string, unknown>): Promise<string> {
  const locals = { ...(target.res?.locals ?? {}), ...context };
  return new Promise((resolve, reject) => {
    target.app.render(name, locals, (err, html) => (err ? reject(err) : resolve(html ?? '')));
  });
}

/**
 * Django's `SimpleTemplateResponse(template, context, content_type, status, ...)`: a response
 * whose body is `template` rendered with `context`, lazily. Until {@link render} runs, the view,
 * decorators and middleware may change {@link templateName} and {@link contextData};
 * `view()` renders it (with the request it answers) just before writing it. Reading `content`
 * before then throws.
 *
 * @example
 * ```ts
 * const response = new SimpleTemplateResponse('article.njk', { article });
 * response.contextData.related = await related(article);
 * return response; // view() renders it with req.app's view engine
 * ```
 */
export class SimpleTemplateResponse extends HttpResponse {
  /** The template, or a list of them: the first that exists is used (Django's `select_template`). */
  templateName: string | readonly string[];
  /** The context the template is rendered with (over `res.locals`, as `res.render` does). */
  contextData: Record<string, unknown>;
  /** The request this response renders for; `TemplateResponse` sets it, `view()` supplies it otherwise. */
  protected renderTarget: RenderTarget | undefined;
  private rendered = false;
  private readonly postRenderCallbacks: PostRenderCallback[] = [];

  /**
   * @param template - a template name or a list of them.
   * @param context - the template's context.
   * @param init - the response's `status`, `contentType`, `headers`, ... as `new HttpResponse()` takes them.
   * @throws TypeError when `template` is not a name or a list of names.
   */
  constructor(
    template: string | readonly string[],
    context?: Record<string, unknown> | null,
    init?: ResponseInit | string,
  ) {
    super('', init);
    if (typeof template !== 'string' && !(Array.isArray(template) && template.every((t) => typeof t === 'string'))) {
      throw new TypeError(
        `${new.target.name} needs a template name or a list of them, such as 'article.njk' (got ${describe(template)}).`,
      );
    }
    this.templateName = template;
    this.contextData = context ?? {};
    this.rendered = false;
  }

  /** Whether the body is there: `render()` ran, or `content` was set. */
  get isRendered(): boolean {
    return this.rendered;
  }

  /**
   * The body, once rendered. @throws Error before `render()` (Django's `ContentNotRenderedError`).
   */
  override get content(): Buffer {
    if (!this.rendered) {
      throw new Error(
        `The response content must be rendered before it can be accessed: await response.render(req) first (or return it from a view, which renders it) (got ${this.constructor.name} for ${describe(this.templateName)}, not rendered).`,
      );
    }
    return super.content;
  }
  /** Setting the body marks the response rendered: `render()` then keeps it. */
  override set content(value: Body) {
    super.content = value;
    this.rendered = true;
  }

  /**
   * The template rendered with the context now, without changing the response (Django's
   * `rendered_content`). @throws (rejects) when no template in the list exists, or the engine fails.
   */
  get renderedContent(): Promise<string> {
    return this.renderWith(this.target());
  }

  /**
   * Run `callback` after rendering (at once when already rendered); a response it returns
   * replaces this one as what `render()` resolves to and `view()` writes.
   */
  addPostRenderCallback(callback: PostRenderCallback): void {
    if (typeof callback !== 'function') {
      throw new TypeError(
        `addPostRenderCallback() needs a function (response) => response | undefined (got ${describe(callback)}).`,
      );
    }
    if (this.rendered) callback(this);
    else this.postRenderCallbacks.push(callback);
  }

  /**
   * Render the template into `content`, run the post-render callbacks, and resolve to the
   * response to send (this one, or what a callback returned). Idempotent: once rendered, it
   * resolves to this response and renders nothing.
   *
   * @param target - the request to render for (its `app` and `res.locals`); a
   *   `TemplateResponse` already has it.
   */
  async render(target?: RenderTarget): Promise<HttpResponse> {
    if (this.rendered) return this;
    if (target !== undefined) this.renderTarget ??= target;
    const html = await this.renderWith(this.target());
    this.content = html;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- Django's retval = self, replaced by callbacks
    let result: HttpResponse = this;
    for (const callback of this.postRenderCallbacks) {
      const replacement = callback(result as SimpleTemplateResponse);
      if (replacement !== undefined && replacement !== null) result = replacement;
    }
    return result;
  }

  private target(): RenderTarget {
    const target = this.renderTarget;
    if (typeof target?.app?.render !== 'function') {
      throw new TypeError(
        `${this.constructor.name} renders with the app's view engine: call render(req) with the request, or return the response from a view (got ${describe(target)}).`,
      );
    }
    return target;
  }

  private async renderWith(target: RenderTarget): Promise<string> {
    const names = typeof this.templateName === 'string' ? [this.templateName] : [...this.templateName];
    for (const name of names) {
      try {
        return await renderOne(target, name, this.contextData);
      } catch (err) {
        if (!isMissingTemplate(err) || names.length === 1) throw err;
      }
    }
    throw new Error(
      `None of the templates ${names.map((n) => JSON.stringify(n)).join(', ')} exists (got ${describe(names)}).`,
    );
  }
}

/**
 * Django's `TemplateResponse(request, template, context, ...)`: a {@link SimpleTemplateResponse}
 * that knows its request, so it renders with `req.app`'s view engine and `res.locals`, and can
 * be rendered anywhere (`await response.render()`).
 *
 * @example
 * ```ts
 * app.get('/articles/', view((req) => new TemplateResponse(req, 'articles.njk', { articles })));
 * ```
 */
export class TemplateResponse extends SimpleTemplateResponse {
  /** The request it answers (Django's `_request`). */
  readonly request: Request;

  constructor(
    req: Request,
    template: string | readonly string[],
    context?: Record<string, unknown> | null,
    init?: ResponseInit | string,
  ) {
    if (typeof req?.app?.render !== 'function') {
      throw new TypeError(
        `TemplateResponse needs the Express request first: new TemplateResponse(req, 'page.njk', context) (got ${describe(req)}).`,
      );
    }
    super(template, context, init);
    this.request = req;
    this.renderTarget = req;
  }
}

/** Whether `value` is a template response not rendered yet (which `view()` renders before writing). */
export function isUnrenderedTemplateResponse(value: unknown): value is SimpleTemplateResponse {
  return value instanceof SimpleTemplateResponse && !value.isRendered;
}
