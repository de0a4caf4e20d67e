/**
 * Django's `django/contrib/auth/decorators.py` (`login_required`, `user_passes_test`,
 * `permission_required`) and `views.redirect_to_login`, on Express's convention for the
 * signed-in user: `req.user` (passport's), or what `getUser(req)` returns.
 */
import type { Request } from 'express';
import type { AnyViewHandler, ViewDecorator } from '../types.js';
import { PermissionDenied } from '../../http/errors.js';
import { HttpResponseRedirect } from '../../http/redirect.js';
import { describe } from '../../http/describe.js';
import { fullPath, loginQuery, urlSplit, urlUnsplit } from '../../utils/login-url.js';
import { resolveUrl } from '../../urls/resolve-url.js';
import { decorator, labelDecorator } from './wrap.js';

/** Django's `settings.LOGIN_URL` default. */
export const DEFAULT_LOGIN_URL = '/accounts/login/';
/** Django's `REDIRECT_FIELD_NAME`. */
export const REDIRECT_FIELD_NAME = 'next';

/**
 * What the auth decorators read of a user: all optional. A user is signed in when it exists
 * and `isAuthenticated` (a property, or a method as on passport's `req`) is not `false`.
 */
export interface AuthUser {
  /** `false` for a user object that is not signed in (Django's `AnonymousUser.is_authenticated`). */
  isAuthenticated?: boolean | (() => boolean);
  /** Django's `user.has_perms(perms)`: whether the user holds every one of `perms`. */
  hasPerms?: (perms: readonly string[]) => boolean | Promise<boolean>;
  /** The permissions the user holds, when there is no `hasPerms` (`'app.change_paper'`). */
  permissions?: Iterable<string>;
}

/** Where to send a visitor who may not see the view. */
export interface LoginRedirectOptions {
  /**
   * The login page (Django's `login_url`, default `settings.LOGIN_URL`): a URL, or a URL pattern
   * name reversed when a visitor is sent there, as Django's `resolve_url`. @defaultValue `'/accounts/login/'`
   */
  loginUrl?: string;
  /** The query field that carries the page to come back to; `null` or `''` for none. @defaultValue `'next'` */
  redirectFieldName?: string | null;
}

/** Options of {@link userPassesTest} and {@link loginRequired}. */
export interface UserPassesTestOptions extends LoginRedirectOptions {
  /** Where the user is read from. @defaultValue `(req) => req.user` */
  getUser?: (req: Request) => unknown;
}

/** Options of {@link permissionRequired}. */
export interface PermissionRequiredOptions extends UserPassesTestOptions {
  /** Throw {@link PermissionDenied} (403) instead of redirecting to the login page. @defaultValue false */
  raiseException?: boolean;
  /**
   * Whether `user` holds every one of `perms`. @defaultValue for a signed-in user, its
   * `hasPerms(perms)`, else every perm in its `permissions`; `false` for no user.
   */
  hasPerms?: (user: unknown, perms: readonly string[], req: Request) => boolean | Promise<boolean>;
}

/** Passes (`true`) or fails the user; may be async. */
export type UserTest<U = unknown> = (user: U, req: Request) => boolean | Promise<boolean>;

/** `req.user`, as passport (and most Express auth middleware) sets it. */
export function defaultGetUser(req: Request): unknown {
  return (req as Request & { user?: unknown }).user;
}

/** Django's `user.is_authenticated`: the user exists and its `isAuthenticated` is not `false`. */
export function isSignedIn(user: unknown): boolean {
  if (user === null || user === undefined || user === false) return false;
  const flag = (user as AuthUser).isAuthenticated;
  return (typeof flag === 'function' ? flag.call(user) : flag) !== false;
}

/** The default of {@link PermissionRequiredOptions.hasPerms}. */
export async function defaultHasPerms(user: unknown, perms: readonly string[]): Promise<boolean> {
  if (!isSignedIn(user)) return false;
  const { hasPerms, permissions } = user as AuthUser;
  if (typeof hasPerms === 'function') return (await hasPerms.call(user, perms)) === true;
  if (permissions === undefined || permissions === null) return false;
  const held = new Set(permissions);
  return perms.every((perm) => held.has(perm));
}

function checkRedirectOptions(name: string, options: unknown): LoginRedirectOptions & UserPassesTestOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw new TypeError(
      `${name} takes an options object { loginUrl?, redirectFieldName? } (got ${describe(options)}).`,
    );
  }
  const { loginUrl, redirectFieldName, getUser } = options as UserPassesTestOptions;
  if (loginUrl !== undefined && (typeof loginUrl !== 'string' || loginUrl === '')) {
    throw new TypeError(
      `${name}: loginUrl must be a non-empty URL string such as '/login/' (got ${describe(loginUrl)}).`,
    );
  }
  if (redirectFieldName !== undefined && redirectFieldName !== null && typeof redirectFieldName !== 'string') {
    throw new TypeError(
      `${name}: redirectFieldName must be a string, or null for none (got ${describe(redirectFieldName)}).`,
    );
  }
  if (getUser !== undefined && typeof getUser !== 'function') {
    throw new TypeError(`${name}: getUser must be a function (req) => user (got ${describe(getUser)}).`);
  }
  return options;
}

/**
 * Django's `redirect_to_login(next, login_url, redirect_field_name)`: a 302 to the login page
 * with `next` in its query, quoted as Django quotes it (`QueryDict.urlencode(safe='/')`: `/`
 * stays, `?`, `&`, `=`, `%`, `#`, spaces and non-ASCII are percent-encoded); the login URL's
 * own query and fragment are kept. `loginUrl` may be a URL pattern name (`'login'`), reversed.
 *
 * @throws TypeError for options that are not as documented.
 *
 * @example
 * ```ts
 * if (!req.user) return redirectToLogin(req.originalUrl, { loginUrl: '/signin/' });
 * ```
 */
export function redirectToLogin(next: string, options?: LoginRedirectOptions): HttpResponseRedirect {
  const { loginUrl = DEFAULT_LOGIN_URL, redirectFieldName = REDIRECT_FIELD_NAME } = checkRedirectOptions(
    'redirectToLogin()',
    options,
  );
  if (typeof next !== 'string') {
    throw new TypeError(`redirectToLogin(next) needs the URL to come back to, a string (got ${describe(next)}).`);
  }
  const parts = urlSplit(resolveUrl(loginUrl));
  if (redirectFieldName) parts.query = loginQuery(parts.query, redirectFieldName, next);
  return new HttpResponseRedirect(urlUnsplit(parts));
}

/**
 * The page to come back to, as Django's `user_passes_test` computes it: the request's full
 * path (`get_full_path()`), or its absolute URL when the login page is on another scheme or host.
 */
export function nextUrlFor(req: Request, loginUrl: string): string {
  const path = fullPath(req.originalUrl ?? req.url);
  const login = urlSplit(resolveUrl(loginUrl));
  const scheme = req.protocol;
  const host = req.get('host') ?? '';
  if ((!login.scheme || login.scheme === scheme) && (!login.netloc || login.netloc === host)) return path;
  return `${scheme}://${host}${path}`;
}

/** The redirect a failed check answers. */
export function loginRedirect(req: Request, options: LoginRedirectOptions): HttpResponseRedirect {
  const loginUrl = options.loginUrl ?? DEFAULT_LOGIN_URL;
  const redirectFieldName = options.redirectFieldName === undefined ? REDIRECT_FIELD_NAME : options.redirectFieldName;
  return redirectToLogin(nextUrlFor(req, loginUrl), { loginUrl, redirectFieldName });
}

/**
 * Django's `user_passes_test(test_func)`: the view runs when `test(user, req)` is true (it may
 * be async); otherwise a 302 to the login page with `?next=` the page asked for. `user` is
 * `req.user` (or `getUser(req)`), `undefined` for a visitor who is not signed in.
 *
 * @throws TypeError when `test` is not a function or an option is wrong.
 *
 * @example
 * ```ts
 * const chairOnly = userPassesTest((user) => user?.role === 'chair', { loginUrl: '/login/' });
 * app.get('/reviews/', view(reviews, chairOnly));
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the user's type is the app's
export function userPassesTest<U = any>(test: UserTest<U>, options?: UserPassesTestOptions): ViewDecorator {
  if (typeof test !== 'function') {
    throw new TypeError(
      `userPassesTest() needs a test function (user, req) => boolean first, then options (got ${describe(test)}).`,
    );
  }
  const checked = checkRedirectOptions('userPassesTest()', options);
  const getUser = checked.getUser ?? defaultGetUser;
  return decorator('userPassesTest(test)', (next) => async (req, res) => {
    if ((await test(getUser(req) as U, req)) === true) return next(req, res);
    return loginRedirect(req, checked);
  });
}

/**
 * Django's `login_required`: the view runs for a signed-in user (`req.user` exists and its
 * `isAuthenticated` is not `false`); anyone else gets a 302 to the login page (default
 * `/accounts/login/`) with `?next=` the page asked for. Written bare, `loginRequired(view)` or
 * `view(handler, loginRequired)`, or with options, `loginRequired({ loginUrl: '/login/' })`.
 *
 * @throws TypeError when given neither a view nor an options object.
 *
 * @example
 * ```ts
 * app.get('/account/', view(account, loginRequired));
 * app.get('/drafts/', view(drafts, loginRequired({ loginUrl: '/signin/', redirectFieldName: 'then' })));
 * ```
 */
export function loginRequired(options?: UserPassesTestOptions): ViewDecorator;
export function loginRequired<H extends AnyViewHandler>(handler: H): H;
export function loginRequired(handlerOrOptions?: AnyViewHandler | UserPassesTestOptions): unknown {
  if (typeof handlerOrOptions === 'function') return loginRequiredDecorator(handlerOrOptions);
  if (handlerOrOptions !== undefined && (typeof handlerOrOptions !== 'object' || handlerOrOptions === null)) {
    throw new TypeError(
      `loginRequired decorates a view: write view(handler, loginRequired), loginRequired(handler) or loginRequired({ loginUrl }) (got ${describe(handlerOrOptions)}).`,
    );
  }
  const checked = checkRedirectOptions('loginRequired()', handlerOrOptions);
  return labelDecorator(makeLoginRequired(checked), 'loginRequired(options)');
}
labelDecorator(loginRequired, 'loginRequired');

function makeLoginRequired(options: UserPassesTestOptions): ViewDecorator {
  const getUser = options.getUser ?? defaultGetUser;
  return decorator(
    'loginRequired',
    (next) => (req, res) => (isSignedIn(getUser(req)) ? next(req, res) : loginRedirect(req, options)),
  );
}

const loginRequiredDecorator = makeLoginRequired({});

/**
 * Django's `permission_required(perm)`: the view runs when the user holds every permission
 * (`perms`, one or a list); otherwise a 302 to the login page, or, with `raiseException`,
 * {@link PermissionDenied} (403 through `httpErrorHandler()`). A user's permissions come from
 * `hasPerms(user, perms, req)`, by default the user's own `hasPerms(perms)` or `permissions`.
 *
 * @throws TypeError when `perms` is not a string or a list of strings, or an option is wrong.
 *
 * @example
 * ```ts
 * app.post('/papers/:id/decide', view(decide, permissionRequired('papers.decide', { raiseException: true })));
 * ```
 */
export function permissionRequired(
  perms: string | Iterable<string>,
  options?: PermissionRequiredOptions,
): ViewDecorator {
  const list = typeof perms === 'string' ? [perms] : perms && typeof perms === 'object' ? [...perms] : undefined;
  if (!list?.every((perm) => typeof perm === 'string')) {
    throw new TypeError(
      `permissionRequired() needs a permission name or a list of them, such as 'papers.decide' (got ${describe(perms)}).`,
    );
  }
  const checked = checkRedirectOptions('permissionRequired()', options) as PermissionRequiredOptions;
  const { raiseException = false, hasPerms = defaultHasPerms } = checked;
  if (typeof hasPerms !== 'function') {
    throw new TypeError(
      `permissionRequired(): hasPerms must be a function (user, perms, req) => boolean (got ${describe(hasPerms)}).`,
    );
  }
  const test: UserTest = async (user, req) => {
    if ((await hasPerms(user, list, req)) === true) return true;
    if (raiseException) throw new PermissionDenied();
    return false;
  };
  return labelDecorator(userPassesTest(test, checked), `permissionRequired(${JSON.stringify(list)})`);
}
