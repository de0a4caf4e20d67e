/**
 * Django's `login()`, `logout()` and `update_session_auth_hash()` (`django.contrib.auth`): they
 * write exactly the session keys Django writes, so a user signed in here is signed in on the
 * Django site sharing the session, and the reverse.
 */
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { constantTimeCompare } from '../http/django-signer.js';
import { rotateCsrfToken } from '../middleware/csrf/state.js';
import { findSessionSettings, getSession } from '../middleware/session.js';
import { authSettings, type AuthSignalReceiver } from './auth-state.js';
import {
  BACKEND_SESSION_KEY,
  getSessionAuthHash,
  HASH_SESSION_KEY,
  hasSessionAuthHash,
  SESSION_KEY,
  sessionUserId,
  type SessionUser,
} from './session-auth.js';

type AnyRequest = IncomingMessage | Request;

/** Options of {@link login}. */
export interface LoginOptions {
  /**
   * The dotted path written as `_auth_user_backend` (Django's `backend`).
   * @defaultValue `user.backend`, else the middleware's `backend` (`'django.contrib.auth.backends.ModelBackend'`)
   */
  backend?: string;
}

/** The secret key the session was signed with: `sessionMiddleware()`'s `secretKey`. */
function secretKeyOf(req: AnyRequest): string {
  const settings = findSessionSettings(req);
  if (!settings) {
    throw new Error(
      'login() needs the session: mount sessionMiddleware({ secretKey, store }) with app.use() before the routes that sign users in.',
    );
  }
  return settings.secretKey;
}

/**
 * Django's `login(request, user, backend)`: signs `user` in for this session and the next
 * requests. A session that belonged to another user (or to this user before a password
 * change) is flushed; otherwise its key is cycled (a new key, the old one deleted: no session
 * fixation), keeping its data. Then `_auth_user_id` (the primary key as a string),
 * `_auth_user_backend` and `_auth_user_hash` are written, `req.user` is the user and the CSRF
 * token is rotated. Then `authenticationMiddleware()`'s `userLoggedIn(req, user)` runs, Django's
 * `user_logged_in` signal (where an app sets `last_login`).
 *
 * All of that is done when `login()` returns. The promise it returns settles when an async
 * `userLoggedIn` receiver does, and rejects with that receiver's error, so `await` it.
 *
 * @throws Error when `sessionMiddleware()` did not run; TypeError for a user without a
 *   primary key or a backend that is not a string.
 *
 * @example
 * ```ts
 * const user = await users.findByUsername(req.body.username);
 * if (user && (await checkPassword(req.body.password, user.password))) {
 *   await login(req, user);
 *   return new HttpResponseRedirect('/');
 * }
 * ```
 */
export function login(req: AnyRequest, user: SessionUser, options: LoginOptions = {}): Promise<void> {
  if (user === null || typeof user !== 'object') {
    throw new TypeError(`login(req, user) needs the user object (got ${user === null ? 'null' : typeof user}).`);
  }
  const session = getSession(req);
  const secretKey = secretKeyOf(req);
  const id = sessionUserId(user);
  const hash = hasSessionAuthHash(user) ? getSessionAuthHash(user.password, secretKey) : '';
  if (session.has(SESSION_KEY)) {
    const storedHash = session.get(HASH_SESSION_KEY, '');
    const storedId = session.get(SESSION_KEY);
    const sameId = (typeof storedId === 'string' || typeof storedId === 'number') && String(storedId) === id;
    if (!sameId || (hash && !(typeof storedHash === 'string' && constantTimeCompare(storedHash, hash)))) {
      // Another user's session (or this user's before a password change): start afresh.
      session.flush();
    }
  } else {
    session.cycleKey();
  }
  const settings = authSettings(req);
  const backend = options.backend ?? user.backend ?? settings.backend;
  if (typeof backend !== 'string' || backend === '') {
    throw new TypeError(
      `backend must be a dotted import path string such as 'django.contrib.auth.backends.ModelBackend' (got ${JSON.stringify(backend)}).`,
    );
  }
  session.set(SESSION_KEY, id);
  session.set(BACKEND_SESSION_KEY, backend);
  session.set(HASH_SESSION_KEY, hash);
  (req as { user?: unknown }).user = user;
  rotateCsrfToken(req as Request);
  return signal(settings.userLoggedIn, req, user);
}

/**
 * Sends Django's `user_logged_in` or `user_logged_out` to its receiver: a receiver that throws
 * throws out of `login()`/`logout()`, as Django's signal does; an async one's outcome is the
 * promise returned.
 */
function signal(
  receiver: AuthSignalReceiver | undefined,
  req: AnyRequest,
  user: SessionUser | undefined,
): Promise<void> {
  if (receiver === undefined) return Promise.resolve();
  // Called here, not inside the promise: a synchronous throw leaves login()/logout() at once.
  // Promise.resolve() also follows a thenable that is not a native promise (a query builder's).
  return Promise.resolve(receiver(req as Request, user)).then(() => undefined);
}

/**
 * Django's `logout(request)`: `authenticationMiddleware()`'s `userLoggedOut(req, user)` runs
 * (Django's `user_logged_out` signal, with `undefined` when nobody was signed in), then the
 * session is flushed (its data and stored row go, its cookie is deleted) and `req.user` becomes
 * `undefined`.
 *
 * All of that is done when `logout()` returns; the promise settles when an async
 * `userLoggedOut` receiver does, and rejects with its error.
 *
 * @throws Error when `sessionMiddleware()` did not run.
 */
export function logout(req: AnyRequest): Promise<void> {
  const session = getSession(req);
  const user = (req as { user?: SessionUser | null }).user ?? undefined;
  const signalled = signal(authSettings(req).userLoggedOut, req, user);
  session.flush();
  (req as { user?: unknown }).user = undefined;
  return signalled;
}

/**
 * Django's `update_session_auth_hash(request, user)`: after `user`'s password changed, keeps
 * this session signed in (a new key, and the hash of the new password) while every other
 * session of the user is signed out.
 * @throws Error when `sessionMiddleware()` did not run.
 */
export function updateSessionAuthHash(req: AnyRequest, user: SessionUser): void {
  const session = getSession(req);
  session.cycleKey();
  const current = (req as { user?: SessionUser }).user;
  if (hasSessionAuthHash(user) && current !== undefined && isSameUser(current, user)) {
    session.set(HASH_SESSION_KEY, getSessionAuthHash(user.password, secretKeyOf(req)));
  }
}

/** Django's `request.user == user`: the same model and primary key. */
function isSameUser(a: SessionUser, b: SessionUser): boolean {
  if (a === b) return true;
  const idA = a.pk ?? a.id;
  const idB = b.pk ?? b.id;
  return idA !== undefined && idA !== null && String(idA) === String(idB);
}
