/**
 * What the CSRF machinery knows about one request (Django keeps it in `request.META`:
 * `CSRF_COOKIE`, `CSRF_COOKIE_NEEDS_UPDATE`, and `request.csrf_processing_done`), and
 * Django's `get_token` and `rotate_token` on it.
 */
import type { Request } from 'express';
import { DEFAULT_SETTINGS, type CsrfSettings } from './settings.js';
import { CSRF_SESSION_KEY, maskCipherSecret, newCsrfString } from './token.js';
import type { FormToken } from './form-token.js';
import { processWide } from '../../utils/process-wide.js';

/** One request's CSRF state. */
export interface CsrfState {
  /** The options of the first CSRF middleware or decorator that saw the request. */
  settings: CsrfSettings;
  /** `META["CSRF_COOKIE"]`: the secret in use, once known or made. */
  secret: string | undefined;
  /** `META["CSRF_COOKIE_NEEDS_UPDATE"]`: the cookie (or session entry) must be written with the response. */
  needsUpdate: boolean;
  /** `request.csrf_processing_done`: an accepted request is not checked again. */
  processingDone: boolean;
  /** Whether `processRequest` ran (the secret was read from the request). */
  secretRead: boolean;
  /**
   * Called (once) when {@link needsUpdate} first turns true: the Express middleware hooks the
   * response's writing then, so a request that uses no token pays nothing for it.
   */
  onNeedsUpdate?: (() => void) | undefined;
  /** The form token once read: a body is read once. */
  formToken?: Promise<FormToken>;
}

interface CsrfRegistry {
  states: WeakMap<object, CsrfState>;
  /** Requests made by the test Client without `enforceCsrfChecks` (Django's `_dont_enforce_csrf_checks`). */
  dontEnforce: WeakSet<object>;
}

// One registry per process, so the ESM and CommonJS copies of this package (and the testing
// entry point) share it. A WeakSet nothing outside the process can reach: no header, cookie or
// body can put a request in it.
const registry = processWide<CsrfRegistry>('csrf', () => ({
  states: new WeakMap(),
  dontEnforce: new WeakSet(),
}));

/** The state of `req`, made (with `settings`) when there is none yet. */
export function csrfState(req: object, settings: CsrfSettings = DEFAULT_SETTINGS): CsrfState {
  let state = registry.states.get(req);
  if (state === undefined) {
    state = { settings, secret: undefined, needsUpdate: false, processingDone: false, secretRead: false };
    registry.states.set(req, state);
  }
  return state;
}

/** The state of `req` if a CSRF middleware, decorator or `getCsrfToken` has seen it. */
export function existingCsrfState(req: object): CsrfState | undefined {
  return registry.states.get(req);
}

/**
 * Let `req` through the CSRF check, as Django's test `Client` does unless
 * `enforce_csrf_checks=True` (`request._dont_enforce_csrf_checks`). For test clients only:
 * the mark lives in this process, never in the request's bytes.
 */
export function dontEnforceCsrfChecks(req: object): void {
  registry.dontEnforce.add(req);
}

/** Whether {@link dontEnforceCsrfChecks} was called for `req`. */
export function csrfChecksWaived(req: object): boolean {
  return registry.dontEnforce.has(req);
}

/** The session of `req` as Django's API (`get`/`set`), or express-session's plain object. */
interface SessionLike {
  get?: (key: string) => unknown;
  set?: (key: string, value: unknown) => unknown;
  [key: string]: unknown;
}

/**
 * `req.session`, for `useSessions`.
 *
 * @throws Error (Django's `ImproperlyConfigured`) when there is none.
 */
export function sessionOf(req: Request): SessionLike {
  const session = (req as { session?: unknown }).session;
  if (typeof session !== 'object' || session === null) {
    throw new Error(
      'CSRF useSessions is enabled, but req.session is not set. The session middleware (sessionMiddleware() or express-session) must come before csrfViewMiddleware().',
    );
  }
  return session as SessionLike;
}

/** The secret kept in the session, or undefined. */
export function sessionSecret(req: Request): unknown {
  const session = sessionOf(req);
  return typeof session.get === 'function' ? session.get(CSRF_SESSION_KEY) : session[CSRF_SESSION_KEY];
}

/** Keep `secret` in the session, unless it is already there (Django's `_set_csrf_cookie` with sessions). */
export function storeSessionSecret(req: Request, secret: string): void {
  const session = sessionOf(req);
  if (sessionSecret(req) === secret) return;
  if (typeof session.set === 'function') session.set(CSRF_SESSION_KEY, secret);
  else session[CSRF_SESSION_KEY] = secret;
}

/** `CSRF_COOKIE_NEEDS_UPDATE = True`, telling whoever waits for it. */
function markNeedsUpdate(state: CsrfState): void {
  state.needsUpdate = true;
  const hook = state.onNeedsUpdate;
  state.onNeedsUpdate = undefined;
  hook?.();
}

/** Django's `_add_new_csrf_cookie`: a new secret for `req`, to be sent with the response. */
export function addNewCsrfSecret(req: Request, state: CsrfState = csrfState(req)): string {
  const secret = newCsrfString();
  state.secret = secret;
  markNeedsUpdate(state);
  return secret;
}

/**
 * Django's `get_token(request)`: a token for the form or script of this request, a fresh mask
 * of the secret each call (64 characters, so the page never carries the same bytes twice:
 * BREACH). The secret is made when the request has none, and the cookie (or session entry)
 * is sent with the response, renewed when it exists, as Django does for a page that used the token.
 *
 * @example
 * ```ts
 * app.get('/api/csrf', (req, res) => res.json({ token: getCsrfToken(req) }));
 * ```
 */
export function getCsrfToken(req: Request): string {
  const state = csrfState(req);
  if (state.secret === undefined) addNewCsrfSecret(req, state);
  else markNeedsUpdate(state);
  return maskCipherSecret(state.secret!);
}

/**
 * Django's `rotate_token(request)`: a new secret for this request and the next ones, so a
 * token read before (by a page of the visitor, or an attacker who planted it) no longer
 * passes. `login()` calls it, as Django's does.
 */
export function rotateCsrfToken(req: Request): void {
  addNewCsrfSecret(req);
}
