/**
 * The test `Client`'s `login()`, `forceLogin()` and `logout()` (Django's): each sends one
 * request through the app, marked in-process so that `authenticationMiddleware()` signs in or
 * out with the app's own session settings and store, and keeps the session cookie it sets.
 */
import type { IncomingMessage } from 'node:http';
import { AUTH_PROBE, type AuthProbe } from '../auth/client-probe.js';
import type { SessionUser } from '../auth/session-auth.js';
import type { TestResponse } from './test-response.js';

/** Options of `client.login()`, `client.forceLogin()` and `client.logout()`. */
export interface ClientAuthOptions {
  /**
   * A path the request goes to that passes through `sessionMiddleware()` and
   * `authenticationMiddleware()` (nothing before them answers it). @defaultValue `'/'`
   */
  path?: string;
}

/** Options of `client.forceLogin()`. */
export interface ForceLoginOptions extends ClientAuthOptions {
  /** The dotted path written as `_auth_user_backend` (Django's `backend`). @defaultValue the middleware's `backend` */
  backend?: string;
}

/** Sends a GET to `path` with `prepare` run on the request before the app sees it. */
export type ProbeSender = (path: string, prepare: (req: IncomingMessage) => void) => Promise<TestResponse>;

async function runProbe(send: ProbeSender, probe: AuthProbe, what: string, path = '/'): Promise<boolean> {
  const response = await send(path, (req) => {
    Object.defineProperty(req, AUTH_PROBE, { value: probe, enumerable: false });
  });
  if (probe.error !== undefined)
    throw probe.error instanceof Error ? probe.error : new Error(`client: ${JSON.stringify(probe.error)}`);
  if (!probe.answered) {
    throw new Error(
      `${what} sent GET ${path} through the app, but no authenticationMiddleware() answered it (the app answered ${response.statusCode}): mount sessionMiddleware() and authenticationMiddleware() with app.use() before the routes, or pass { path } to a path where they run.`,
    );
  }
  return probe.result === true;
}

/**
 * Django's `client.force_login(user, backend)`: signs `user` in without credentials, as
 * `login(req, user)` would in a view; the session cookie is kept for the next requests.
 */
export async function forceLogin(send: ProbeSender, user: SessionUser, options: ForceLoginOptions = {}): Promise<void> {
  const probe: AuthProbe = {
    action: 'forceLogin',
    user,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
  };
  await runProbe(send, probe, 'client.forceLogin()', options.path);
}

/**
 * Django's `client.login(**credentials)`: `true` when `authenticationMiddleware()`'s
 * `authenticate(credentials)` finds a user, who is then signed in.
 */
export function login(
  send: ProbeSender,
  credentials: Record<string, unknown>,
  options: ClientAuthOptions = {},
): Promise<boolean> {
  if (credentials === null || typeof credentials !== 'object') {
    throw new TypeError(
      `client.login() takes the credentials as an object, e.g. { username, password } (got ${String(credentials)}).`,
    );
  }
  return runProbe(send, { action: 'login', credentials }, 'client.login()', options.path);
}

/** Django's `client.logout()`: flushes the session through the app. */
export async function logout(send: ProbeSender, options: ClientAuthOptions = {}): Promise<void> {
  await runProbe(send, { action: 'logout' }, 'client.logout()', options.path);
}
