/**
 * Django's `AuthenticationMiddleware` (`django.contrib.auth.middleware`): `req.user` is the
 * user the session names, checked as Django's `get_user` checks it.
 */
import type { Request, RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { describe } from '../http/describe.js';
import { constantTimeCompare } from '../http/django-signer.js';
import { setAuthSettings, type AuthSettings, type AuthSignalReceiver } from '../auth/auth-state.js';
import { authProbeOf, type AuthProbe } from '../auth/client-probe.js';
import { login, logout } from '../auth/login.js';
import {
  BACKEND_SESSION_KEY,
  DEFAULT_AUTH_BACKEND,
  getSessionAuthHash,
  HASH_SESSION_KEY,
  hasSessionAuthHash,
  SESSION_KEY,
  type SessionUser,
} from '../auth/session-auth.js';
import { findSession, findSessionSettings } from './session.js';
import { MiddlewareMixin } from './mixin.js';

/** Options of {@link authenticationMiddleware} and {@link AuthenticationMiddleware}. */
export interface AuthenticationMiddlewareOptions<U extends SessionUser = SessionUser> {
  /**
   * The user with this primary key (the session's `_auth_user_id`, a string), or
   * `null`/`undefined` when there is none: Django's `backend.get_user(user_id)`. Its
   * `password` (the column as Django stores it) is checked against the session's
   * `_auth_user_hash`.
   */
  getUser: (id: string, req: Request) => U | null | undefined | Promise<U | null | undefined>;
  /**
   * The dotted path `login()` writes as `_auth_user_backend`, and the backend whose sessions
   * are accepted. @defaultValue `'django.contrib.auth.backends.ModelBackend'`
   */
  backend?: string;
  /**
   * Every backend whose sessions are accepted (Django's `AUTHENTICATION_BACKENDS`): a session
   * naming another is anonymous. @defaultValue `[backend]`
   */
  backends?: readonly string[];
  /**
   * Django's `authenticate(**credentials)`, for the test `Client`'s `client.login(credentials)`:
   * the user these credentials sign in, or `null`. @defaultValue none: `client.login()` then fails, naming this option
   */
  authenticate?: (
    credentials: Record<string, unknown>,
    req: Request,
  ) => U | null | undefined | Promise<U | null | undefined>;
  /**
   * Django's `user_logged_in` signal: called by `login()` (and the test `Client`'s `login()` and
   * `forceLogin()`) once the session holds the user, with the request and the user. Django's
   * own receiver, `update_last_login`, sets `last_login`: do that here, so a sign-in on this
   * side ends the password-reset links Django issued before, as a sign-in on Django's does.
   * An async receiver is awaited by `await login(req, user)`; its error rejects that promise.
   */
  userLoggedIn?: (req: Request, user: U) => void | Promise<void>;
  /**
   * Django's `user_logged_out` signal: called by `logout()` (and `client.logout()`) with the
   * request and the user signing out (`undefined` when nobody was signed in), before the
   * session is flushed. `await logout(req)` waits for an async receiver.
   */
  userLoggedOut?: (req: Request, user: U | undefined) => void | Promise<void>;
}

function checkOptions<U extends SessionUser>(options: AuthenticationMiddlewareOptions<U>): AuthSettings {
  const who = 'AuthenticationMiddleware';
  if (options === null || typeof options !== 'object' || typeof options.getUser !== 'function') {
    throw new TypeError(
      `${who} needs { getUser: (id) => user }, the user of a primary key (Django's backend.get_user) (got ${describe(options)}).`,
    );
  }
  const { backend = DEFAULT_AUTH_BACKEND, authenticate } = options;
  if (typeof backend !== 'string' || backend === '') {
    throw new TypeError(`${who} option backend must be a dotted path string (got ${describe(backend)}).`);
  }
  const backends = options.backends ?? [backend];
  if (!Array.isArray(backends) || backends.some((each) => typeof each !== 'string')) {
    throw new TypeError(`${who} option backends must be an array of dotted path strings (got ${describe(backends)}).`);
  }
  if (authenticate !== undefined && typeof authenticate !== 'function') {
    throw new TypeError(
      `${who} option authenticate must be a function (credentials) => user (got ${describe(authenticate)}).`,
    );
  }
  for (const name of ['userLoggedIn', 'userLoggedOut'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(
        `${who} option ${name} must be a function (req, user) => void (got ${describe(options[name])}).`,
      );
    }
  }
  const accepted: readonly string[] = backends;
  // The receivers are typed for the app's user type U: login() and logout() pass them the user
  // they were given, or req.user, which is a U.
  return Object.freeze({
    backend,
    backends: Object.freeze(accepted.slice()),
    ...(options.userLoggedIn && { userLoggedIn: options.userLoggedIn as unknown as AuthSignalReceiver }),
    ...(options.userLoggedOut && { userLoggedOut: options.userLoggedOut as AuthSignalReceiver }),
  });
}

/**
 * Django's `AuthenticationMiddleware`: before the view, `req.user` is the user the session
 * names (Django's `get_user`), or `undefined` for an anonymous visitor — what `loginRequired`
 * and the other access decorators read. The session is checked as Django checks it: its
 * backend must be one of `backends`, `getUser(id)` must find the user, and the session's
 * `_auth_user_hash` must be the HMAC of the user's `password` under the secret key (compared in
 * constant time); a hash made with one of `secretKeyFallbacks` is renewed (new key, current
 * hash); any other mismatch flushes the session, so a password change signs every other
 * session out.
 */
export class AuthenticationMiddleware<U extends SessionUser = SessionUser> extends MiddlewareMixin {
  readonly #options: AuthenticationMiddlewareOptions<U>;
  readonly #settings: AuthSettings;

  constructor(options: AuthenticationMiddlewareOptions<U>) {
    super();
    this.#settings = checkOptions(options);
    this.#options = options;
  }

  /** Sets `req.user`. @throws Error when `sessionMiddleware()` did not run before. */
  override async processRequest(req: Request): Promise<undefined> {
    setAuthSettings(req, this.#settings);
    (req as { user?: unknown }).user = await this.getUser(req);
    return undefined;
  }

  /** Django's `get_user(request)`: the session's user, or `undefined`. */
  async getUser(req: Request): Promise<U | undefined> {
    const session = findSession(req);
    const settings = findSessionSettings(req);
    if (!session || !settings) {
      throw new Error(
        'authenticationMiddleware() requires the session: mount sessionMiddleware({ secretKey, store }) with app.use() before authenticationMiddleware().',
      );
    }
    if (!session.has(SESSION_KEY) || !session.has(BACKEND_SESSION_KEY)) return undefined;
    const id = String(session.get(SESSION_KEY));
    const backend = session.get(BACKEND_SESSION_KEY);
    if (typeof backend !== 'string' || !this.#settings.backends.includes(backend)) return undefined;
    const user = (await this.#options.getUser(id, req)) ?? undefined;
    if (user === undefined || !hasSessionAuthHash(user)) return user;
    const stored = session.get(HASH_SESSION_KEY);
    const sessionHash = typeof stored === 'string' ? stored : stored ? JSON.stringify(stored) : '';
    const current = getSessionAuthHash(user.password, settings.secretKey);
    if (sessionHash && constantTimeCompare(sessionHash, current)) return user;
    if (
      sessionHash &&
      settings.secretKeyFallbacks.some((key) =>
        constantTimeCompare(sessionHash, getSessionAuthHash(user.password, key)),
      )
    ) {
      // Signed in under a key now rotated out: keep the user, with the current key's hash.
      session.cycleKey();
      session.set(HASH_SESSION_KEY, current);
      return user;
    }
    session.flush();
    return undefined;
  }

  /** Answers the test `Client`'s sign-in or sign-out request; whether `req` was one. */
  async answerProbe(req: Request): Promise<AuthProbe | undefined> {
    const probe = authProbeOf(req);
    if (!probe) return undefined;
    probe.answered = true;
    if (probe.action === 'logout') {
      await logout(req);
      probe.result = true;
    } else if (probe.action === 'forceLogin') {
      await login(req, probe.user, probe.backend === undefined ? {} : { backend: probe.backend });
      probe.result = true;
    } else {
      const { authenticate } = this.#options;
      if (!authenticate) {
        throw new TypeError(
          'client.login(credentials) needs authenticationMiddleware({ getUser, authenticate: (credentials) => user }): Django’s authenticate(). Or use client.forceLogin(user).',
        );
      }
      const user = (await authenticate(probe.credentials, req)) ?? undefined;
      if (user !== undefined) await login(req, user);
      probe.result = user !== undefined;
    }
    return probe;
  }
}

/**
 * Django's `AuthenticationMiddleware` for every route after it (`app.use()`), views or plain
 * Express handlers: `req.user` is the session's user, or `undefined`. Mount it after
 * `sessionMiddleware()`.
 *
 * @throws TypeError for options that are not as documented.
 *
 * @example
 * ```ts
 * app.use(sessionMiddleware({ secretKey: SECRET_KEY, store }));
 * app.use(authenticationMiddleware({ getUser: (id) => db.users.findById(Number(id)) }));
 * app.get('/account/', loginRequired(view((req) => render(req, 'account', { user: req.user }))));
 * ```
 */
export function authenticationMiddleware<U extends SessionUser = SessionUser>(
  options: AuthenticationMiddlewareOptions<U>,
): RequestHandler {
  const middleware = new AuthenticationMiddleware(options);
  return function authenticationMiddlewareHandler(req, res, next): void {
    const probe = authProbeOf(req);
    const answered = middleware.processRequest(req).then(() => middleware.answerProbe(req));
    if (!probe) {
      answered.then(() => next(), next);
      return;
    }
    // The test Client's own request: it reads the outcome from the probe.
    answered.then(
      () => res.status(204).end(),
      (error: unknown) => {
        probe.answered = true;
        probe.error = error;
        res.status(500).end();
      },
    );
  };
}

/** `req.user` as `authenticationMiddleware()` sets it: the signed-in user, or `undefined`. */
export function getRequestUser<U = SessionUser>(req: IncomingMessage | Request): U | undefined {
  return (req as { user?: U }).user;
}
