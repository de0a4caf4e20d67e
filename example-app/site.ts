/**
 * What the views share (Django's settings, models and `request.user`): the store, the options
 * the app was made with, the signed-in user, and `page()`, which renders a template with the
 * context every page needs (Django's context processors).
 */
import type { Request } from 'express';
import {
  getObjectOr404,
  getRequestUser,
  render,
  reverse,
  type BasePasswordHasher,
  type HttpResponse,
  type ResponseInit,
} from '../lib/index.js';
import type { ConferenceStore, Submission, User } from './db.js';

/** The settings of one app (see `createApp()`). */
export interface SiteSettings {
  /** Where the manuscripts are kept (Django's `MEDIA_ROOT`). */
  mediaRoot: string;
  /** Failed logins before a lockout (django-axes's `AXES_FAILURE_LIMIT`). */
  failureLimit: number;
  /** How long a lockout lasts, in seconds (`AXES_COOLOFF_TIME`). */
  coolOffSeconds: number;
  /** Redirect a locked-out browser here instead of showing the lockout page (`AXES_LOCKOUT_URL`). */
  lockoutUrl: string | undefined;
  /** The clock: timestamps of CSV exports and of failed logins. */
  now: () => Date;
  /**
   * Django's `PASSWORD_HASHERS`: the hashers passwords are checked with, the first making new
   * ones. Tests use `[new MD5PasswordHasher()]`, as Django's test settings do.
   * @defaultValue Django 5.2's list (pbkdf2_sha256 first)
   */
  passwordHashers: readonly BasePasswordHasher[] | undefined;
}

/** The store and settings of the app that answers a request. */
export interface Site {
  store: ConferenceStore;
  settings: SiteSettings;
}

/** The site of the app `req` reached (kept in `app.locals.site` by `createApp()`). */
export function siteOf(req: Request): Site {
  return (req.app.locals as { site: Site }).site;
}

/**
 * The signed-in user, as `authenticationMiddleware` found it from the session (Django's
 * `request.user`), or `null` for an anonymous visitor.
 */
export function userOf(req: Request): User | null {
  return getRequestUser<User>(req) ?? null;
}

/** The `Http404` message for a missing submission, worded as Django's `get_object_or_404`. */
export const NO_SUBMISSION = 'No Submission matches the given query.';

/** A route param as a positive integer id, or `undefined` when it is not one. */
export function parseId(value: unknown): number | undefined {
  return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

/** The submission a route's `:id` names, or an `Http404` with {@link NO_SUBMISSION} (`get_object_or_404`). */
export function submissionOr404(store: ConferenceStore, id: unknown): Submission {
  const pk = parseId(id);
  return getObjectOr404(pk === undefined ? undefined : store.submission(pk), NO_SUBMISSION);
}

/**
 * Render `template` with `context` and what every page shows: the conference, the user and
 * the request's path.
 */
export function page(
  req: Request,
  template: string,
  context: Record<string, unknown> = {},
  init?: ResponseInit,
): Promise<HttpResponse> {
  return render(req, template, { ...pageContext(req), ...context }, init);
}

/** What every page shows: the conference, the user, the request's path and the login link. */
export function pageContext(req: Request): Record<string, unknown> {
  const { store } = siteOf(req);
  // The header's "Sign in" comes back to this page, unless this is an account page itself.
  const accountPage = ['login', 'logout', 'lockout'].includes(req.resolverMatch?.urlName ?? '');
  const loginUrl = accountPage ? reverse('login') : reverse('login', { query: { next: req.path } });
  return { conference: store.conference(), user: userOf(req), request: { path: req.path }, loginUrl };
}
