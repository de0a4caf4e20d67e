/** Class-based views: Django's `django/views/generic/base.py` (`View`, `RedirectView`). */
import type { Request, RequestHandler, Response } from 'express';
import type { AnyViewHandler, ViewResult } from './types.js';
import { answerWhenMounted, mountView } from './mount.js';
import { HttpResponse, HttpResponseGone, HttpResponseNotAllowed } from '../http/response.js';
import { describe } from '../http/describe.js';
import { HttpResponsePermanentRedirect, HttpResponseRedirect } from '../http/redirect.js';
import { isGuarded, refusal, type AccessControl } from './access.js';
import { defaultGetUser, defaultHasPerms } from './decorators/auth.js';

/** What a method handler of a {@link View} returns. */
export type ViewMethodResult = ViewResult | void | Promise<ViewResult | void>;

/** The HTTP methods a {@link View} dispatches to, as Django's `View.http_method_names`. */
export type HttpMethodName = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'trace';

/** The fields `asView(initArgs)` may set: any field of the view but the method handlers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route params
export type ViewInitArgs<V extends View<any>> = Partial<Omit<V, HttpMethodName | 'request' | 'response' | 'params'>>;

/** A `View` subclass, as `asView()` and `asHandler()` receive it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route params
export interface ViewClass<V extends View<any>> {
  new (): V;
  /** The method names the class dispatches to. */
  httpMethodNames: readonly string[];
  /** The class name, for error messages. */
  readonly name: string;
}

/** What {@link View.asHandler} returns: a view that also says which class and arguments made it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route params
export interface ClassViewHandler<V extends View<any> = View> extends AnyViewHandler {
  /** The class the handler instantiates per request (Django's `view.view_class`). */
  readonly viewClass: ViewClass<V>;
  /** The arguments every instance gets (Django's `view.view_initkwargs`). */
  readonly viewInitArgs: Readonly<ViewInitArgs<V>>;
}

/**
 * Django's `View`: subclass it, define a method per HTTP method, and route it with
 * `asView()`. A fresh instance answers each request; `dispatch()` calls the method named
 * after the request's, answers a method the class does not define with 405 and `Allow`,
 * answers OPTIONS with 200, `Allow` and `Content-Length: 0`, and answers HEAD with `get()`
 * when there is no `head()`.
 *
 * @example
 * ```ts
 * class ArticleView extends View<{ slug: string }> {
 *   template = 'article.njk';
 *   override async get(req: Request<{ slug: string }>) {
 *     const article = await getObjectOr404(db.articles.find(req.params.slug));
 *     return render(req, this.template, { article });
 *   }
 * }
 * app.all('/articles/:slug', ArticleView.asView({ template: 'article-v2.njk' }));
 * ```
 */
export class View<P = Request['params']> {
  /** The method names `dispatch()` looks for, lower-case (Django's `http_method_names`). */
  static httpMethodNames: readonly string[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];

  /**
   * Only signed-in users may see the view (Django's `LoginRequiredMixin`); anyone else is
   * sent to `loginUrl` with `?next=`, or gets 403 with `raiseException`. @defaultValue false
   */
  static loginRequired = false;
  /**
   * The permissions a user must hold (Django's `PermissionRequiredMixin.permission_required`):
   * a signed-in user without them gets 403, a visitor is sent to the login page. @defaultValue null
   */
  static permissionRequired: string | readonly string[] | null = null;
  /** The login page of the access checks (Django's `login_url`). @defaultValue null (`'/accounts/login/'`) */
  static loginUrl: string | null = null;
  /** The query field that carries the page to come back to; `null` for none. @defaultValue `'next'` */
  static redirectFieldName: string | null = 'next';
  /** Refuse with 403 ({@link PermissionDenied}) rather than redirect to the login page. @defaultValue false */
  static raiseException = false;
  /** The message of the {@link PermissionDenied} the access checks throw. @defaultValue `''` */
  static permissionDeniedMessage = '';

  /** Where the access checks read the user (Django's `request.user`): `req.user` unless overridden. */
  static getUser(req: Request): unknown {
    return defaultGetUser(req);
  }

  /** Whether `user` holds `perms` for `permissionRequired`: the user's `hasPerms(perms)` or `permissions`. */
  static hasPerms(user: unknown, perms: readonly string[], _req: Request): boolean | Promise<boolean> {
    return defaultHasPerms(user, perms);
  }

  /** The request being answered (Django's `self.request`); set by `setup()`. */
  declare request: Request<P>;
  /** Express's response, for a method that writes it itself; set by `setup()`. */
  declare response: Response;
  /** The route's params (Django's `self.kwargs`); set by `setup()`. */
  declare params: P;

  /** Answers GET (and HEAD, when there is no `head`). */
  get?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers POST. */
  post?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers PUT. */
  put?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers PATCH. */
  patch?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers DELETE. */
  delete?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers HEAD; without it, HEAD is answered by `get`. */
  head?(req: Request<P>, res: Response): ViewMethodResult;
  /** Answers TRACE. */
  trace?(req: Request<P>, res: Response): ViewMethodResult;

  /**
   * A handler that makes a fresh instance per request, sets `initArgs` on it and
   * dispatches: Django's `MyView.as_view(**initkwargs)`, uncalled by Express. Call it
   * with a request (from `RequestFactory`, say) to get the response object without a server.
   * Mounted on Express directly (`app.get('/x', MyView.asHandler())`), it answers as
   * `asView()` would.
   *
   * @throws TypeError when an init argument is an HTTP method name, or is not a field of the class.
   *
   * @example
   * ```ts
   * const req = new RequestFactory().get('/articles/x');
   * const response = await ArticleView.asHandler()(req, req.res);
   * ```
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route params
  static asHandler<V extends View<any>>(this: ViewClass<V>, initArgs: ViewInitArgs<V> = {}): ClassViewHandler<V> {
    if (typeof initArgs !== 'object' || initArgs === null) {
      throw new TypeError(`${this.name}.asView() takes an object of init arguments (got ${describe(initArgs)}).`);
    }
    const probe = new this();
    for (const key of Object.keys(initArgs)) {
      if (this.httpMethodNames.includes(key)) {
        throw new TypeError(`The method name ${key} is not accepted as an init argument to ${this.name}.asView().`);
      }
      if (!(key in probe)) {
        throw new TypeError(
          `${this.name}.asView() received an invalid init argument ${JSON.stringify(key)}. asView only accepts arguments that are already fields of the class.`,
        );
      }
    }
    const create = (): V => new this();
    const ViewName = this.name;
    const handler = {
      [this.name](req: Request, res: Response): ViewMethodResult {
        const self = create();
        Object.assign(self, initArgs);
        self.setup(req, res);
        if ((self as Partial<View>).request === undefined) {
          throw new TypeError(
            `${ViewName} instance has no request after setup(). Did you override setup() and forget to call super.setup(req, res)?`,
          );
        }
        return self.dispatch(req, res);
      },
    }[this.name] as AnyViewHandler;
    // Answers also when Express mounts it directly: app.get('/x', MyView.asHandler()).
    return Object.assign(answerWhenMounted(handler), { viewClass: this, viewInitArgs: initArgs });
  }

  /**
   * An Express request handler for this view: `view(this.asHandler(initArgs))`.
   *
   * @throws TypeError as {@link View.asHandler}.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route params
  static asView<V extends View<any>>(this: ViewClass<V>, initArgs?: ViewInitArgs<V>): RequestHandler {
    // Through the class's own asHandler, in case a subclass wraps it.
    const asHandler = (this as unknown as { asHandler: typeof View.asHandler<V> }).asHandler;
    const handler = asHandler.call(this, initArgs);
    // Django's view.view_class: resolve() and reverse() name the view by its class.
    return Object.assign(mountView(handler), { viewClass: handler.viewClass, viewInitArgs: handler.viewInitArgs });
  }

  /** Keep the request on the instance before dispatch (Django's `setup()`); override to add per-request state. */
  setup(req: Request<P>, res: Response): void {
    this.request = req;
    this.response = res;
    this.params = req.params;
  }

  /**
   * Call the method handler named after `req.method`, or {@link View.httpMethodNotAllowed};
   * first, when the class sets `loginRequired` or `permissionRequired`, refuse a request
   * that fails them (Django's access mixins' `dispatch`).
   */
  dispatch(req: Request<P>, res: Response): ViewMethodResult {
    const control = this.constructor as unknown as AccessControl;
    if (isGuarded(control)) {
      return refusal(control, req as Request).then((refused) => refused ?? this.dispatchMethod(req, res));
    }
    return this.dispatchMethod(req, res);
  }

  private dispatchMethod(req: Request<P>, res: Response): ViewMethodResult {
    const method = req.method.toLowerCase();
    const names = (this.constructor as ViewClass<View<P>>).httpMethodNames;
    let handler = names.includes(method) ? this.methodHandler(method) : undefined;
    if (handler === undefined && method === 'head' && names.includes('get')) handler = this.methodHandler('get');
    return (handler ?? this.httpMethodNotAllowed).call(this, req, res);
  }

  /** 405 with `Allow` listing the methods this view answers. */
  httpMethodNotAllowed(_req: Request<P>, _res: Response): ViewMethodResult {
    return new HttpResponseNotAllowed(this.allowedMethods());
  }

  /** Answer OPTIONS: 200, `Allow` listing the methods this view answers, `Content-Length: 0`. */
  options(_req: Request<P>, _res: Response): ViewMethodResult {
    const response = new HttpResponse();
    response.set('Allow', this.allowedMethods().join(', '));
    response.set('Content-Length', '0');
    return response;
  }

  /** The methods this view answers, upper-case, in `httpMethodNames` order (HEAD when there is `get`). */
  allowedMethods(): string[] {
    const names = (this.constructor as ViewClass<View<P>>).httpMethodNames;
    return names
      .filter((name) => this.methodHandler(name) !== undefined || (name === 'head' && this.methodHandler('get')))
      .map((name) => name.toUpperCase());
  }

  private methodHandler(name: string): AnyViewHandler | undefined {
    const candidate = (this as unknown as Record<string, unknown>)[name];
    return typeof candidate === 'function' ? (candidate as AnyViewHandler) : undefined;
  }
}

/**
 * Django's `RedirectView`: redirects every method to `url` (302, or 301 with `permanent`),
 * `%(name)s` in `url` replaced by the route param `name` as Django's `url % kwargs`; with
 * `queryString`, the request's raw query is passed on. Without a URL, 410 Gone. Override
 * `getRedirectUrl()` to compute the target.
 *
 * @example
 * ```ts
 * app.all('/old/:id', RedirectView.asView({ url: '/articles/%(id)s/', permanent: true }));
 * ```
 */
export class RedirectView extends View {
  /** Answer 301 rather than 302. @defaultValue false */
  permanent = false;
  /** The target; `%(name)s` is replaced by the route param `name`. @defaultValue null (410 Gone) */
  url: string | null = null;
  /** Pass the request's query string on to the target. @defaultValue false */
  queryString = false;

  /** The URL to redirect to, or `null` for 410 Gone (Django's `get_redirect_url`). */
  getRedirectUrl(req: Request): string | null | Promise<string | null> {
    if (!this.url) return null;
    const params = req.params as Record<string, string | string[] | undefined>;
    let url = this.url.replace(/%\(([^)]+)\)s/g, (_whole, name: string) => {
      const value = params[name];
      if (value === undefined) {
        throw new TypeError(
          `RedirectView url ${JSON.stringify(this.url)} names %(${name})s, but the route has no param ${name}.`,
        );
      }
      return Array.isArray(value) ? value.join('/') : value;
    });
    // Express decodes %2F in route params (Django's converters never match a slash): a param
    // '/evil.com' in '/%(target)s' would give the scheme-relative '//evil.com', an open
    // redirect. Escape it as Django's escape_leading_slashes does.
    if (url.startsWith('//') && !this.url.startsWith('//')) url = `/%2F${url.slice(2)}`;
    const query = rawQuery(req);
    if (query && this.queryString) url = `${url}${url.includes('?') ? '&' : '?'}${query}`;
    return url;
  }

  override async get(req: Request): Promise<ViewResult> {
    const url = await this.getRedirectUrl(req);
    if (!url) return new HttpResponseGone();
    return this.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url);
  }

  override head(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
  override post(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
  override put(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
  override patch(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
  override delete(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
  override options(req: Request): Promise<ViewResult> {
    return this.get(req);
  }
}

/** The query string exactly as the client sent it (Django's `QUERY_STRING`), without the `?`. */
function rawQuery(req: Request): string {
  const url = req.originalUrl ?? req.url ?? '';
  const mark = url.indexOf('?');
  return mark === -1 ? '' : url.slice(mark + 1);
}
