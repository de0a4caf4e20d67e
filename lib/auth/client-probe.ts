/**
 * How the test `Client` signs in and out through an app's own middleware
 * (`client.login()`, `client.forceLogin()`, `client.logout()`): it marks a request it sends
 * in-process with a {@link AuthProbe}, and `authenticationMiddleware()` answers it with the
 * app's real session settings and store. A symbol-keyed property on the request object cannot
 * come over the network: only code in the same process can ask.
 */
import type { SessionUser } from './session-auth.js';

/** The property the test `Client` sets on a request it sends to sign in or out. */
export const AUTH_PROBE = Symbol.for('express-httpresponse.auth-probe');

/** What the test `Client` asks `authenticationMiddleware()` to do; `answered`, `result` and `error` are filled in. */
export type AuthProbe = (
  | { action: 'forceLogin'; user: SessionUser; backend?: string }
  | { action: 'login'; credentials: Record<string, unknown> }
  | { action: 'logout' }
) & { answered?: boolean; result?: boolean; error?: unknown };

/** The probe on `req`, when the test `Client` set one. */
export function authProbeOf(req: object): AuthProbe | undefined {
  return (req as { [AUTH_PROBE]?: AuthProbe })[AUTH_PROBE];
}
