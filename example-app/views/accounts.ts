/**
 * Signing in and out, as Django's `LoginView` and `LogoutView`: `login()` writes the user into
 * the session (Django's keys, so a Django site on the same database sees the same login), and
 * the view goes back to `?next=` only when
 * `urlHasAllowedHostAndScheme` says it stays on this site (Django's `LoginView`). Repeated
 * failures lock the username out from that address, answered as django-axes's
 * `get_lockout_response`: JSON for XHR, a redirect when a lockout URL is set, else a page.
 */
import type { Request } from 'express';
import {
  HttpResponseRedirect,
  JsonResponse,
  TemplateView,
  View,
  login,
  logout as signOut,
  redirect,
  resolveUrl,
  urlHasAllowedHostAndScheme,
  type HttpResponse,
  type HttpResponseBase,
} from '../../lib/index.js';
import { CHAIR } from '../seed-data.js';
import { page, pageContext, siteOf } from '../site.js';

/** Where a login without a (safe) `next` lands (Django's `LOGIN_REDIRECT_URL`): a URL pattern name. */
export const LOGIN_REDIRECT_URL = 'submissions';

/** The lockout message, as django-axes words it when a cool-off is set. */
export const LOCKOUT_MESSAGE = 'Account locked: too many login attempts. Please try again later.';

/** An XHR or `fetch()` asking for JSON (Django's old `request.is_ajax()`, and `Accept`). */
function wantsJson(req: Request): boolean {
  return req.get('X-Requested-With') === 'XMLHttpRequest' || req.accepts(['html', 'json']) === 'json';
}

function form(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The `next` to go to after signing in, when it is on this host: else {@link LOGIN_REDIRECT_URL}. */
export function safeNext(req: Request, next: unknown): string {
  return urlHasAllowedHostAndScheme(next, { allowedHosts: req.get('host'), requireHttps: req.secure })
    ? next
    : resolveUrl(LOGIN_REDIRECT_URL);
}

function lockoutContext(req: Request, username: string): Record<string, unknown> {
  const { settings } = siteOf(req);
  return {
    username,
    failureLimit: settings.failureLimit,
    coolOffMinutes: Math.round(settings.coolOffSeconds / 60),
  };
}

/** django-axes's `get_lockout_response`: 429 as JSON for XHR, a redirect to `lockoutUrl` when set, else the page. */
export function lockoutResponse(req: Request, username: string): HttpResponseBase | Promise<HttpResponse> {
  const { settings } = siteOf(req);
  const context = lockoutContext(req, username);
  if (wantsJson(req)) {
    return new JsonResponse(
      { detail: LOCKOUT_MESSAGE, ...context, coolOffTime: `PT${settings.coolOffSeconds}S` },
      { status: 429 },
    );
  }
  if (settings.lockoutUrl !== undefined) {
    return new HttpResponseRedirect(`${settings.lockoutUrl}?${new URLSearchParams({ username }).toString()}`);
  }
  return page(req, 'accounts/lockout.njk', context, { status: 429 });
}

/** `/accounts/login/`: the form (GET) and the sign-in (POST). Other methods get 405 from `View`. */
export class LoginView extends View {
  /** The template of the form. */
  templateName = 'accounts/login.njk';

  private form(req: Request, context: Record<string, unknown>, status = 200): Promise<HttpResponse> {
    const { settings } = siteOf(req);
    return page(
      req,
      this.templateName,
      {
        next: '',
        username: '',
        demo: CHAIR,
        failureLimit: settings.failureLimit,
        coolOffMinutes: Math.round(settings.coolOffSeconds / 60),
        ...context,
      },
      { status },
    );
  }

  override get(req: Request): Promise<HttpResponse> {
    return this.form(req, { next: field(req.query.next) });
  }

  override async post(req: Request): Promise<HttpResponseBase> {
    const { store, settings } = siteOf(req);
    const body = form(req);
    const username = field(body.username).trim();
    const password = field(body.password);
    const next = field(body.next) || req.query.next;
    const ip = req.ip ?? '';
    const now = settings.now().getTime();

    const attempt = store.failures(username, ip);
    if (attempt !== undefined && now - attempt.attemptTime >= settings.coolOffSeconds * 1000) {
      store.resetFailures(username, ip);
    } else if (attempt !== undefined && attempt.failures >= settings.failureLimit) {
      return lockoutResponse(req, username);
    }

    const user = await store.authenticate(username, password, settings.passwordHashers);
    if (user === null) {
      const failures = store.recordFailure(username, ip, now);
      if (failures >= settings.failureLimit) return lockoutResponse(req, username);
      const left = settings.failureLimit - failures;
      if (wantsJson(req)) {
        return new JsonResponse({ detail: 'Wrong username or password.', attemptsLeft: left }, { status: 401 });
      }
      return this.form(
        req,
        {
          error: `Wrong username or password: ${left} attempt${left === 1 ? '' : 's'} left.`,
          username,
          next: field(next),
        },
        // Django's LoginView answers an invalid form with 200 and the form again.
        200,
      );
    }
    store.resetFailures(username, ip);
    // A new session key (no fixation), Django's _auth_user_* keys, a new CSRF token, and
    // last_login set by the user_logged_in receiver (app.ts).
    await login(req, user);
    return redirect(safeNext(req, next));
  }
}

/** `POST /accounts/logout/`: Django's `logout()` flushes the session; back to the home page. */
export async function logout(req: Request): Promise<HttpResponseBase> {
  await signOut(req);
  return redirect('home');
}

/**
 * `/accounts/locked/`: where a lockout redirects when `lockoutUrl` points here. Django's
 * `TemplateView`: a `TemplateResponse` of the template with every page's context.
 */
export class LockedOutView extends TemplateView {
  override templateName = 'accounts/lockout.njk';

  override getContextData(kwargs: Record<string, unknown>): Record<string, unknown> {
    const req = this.request;
    return { ...pageContext(req), ...kwargs, ...lockoutContext(req, field(req.query.username)) };
  }
}
