/**
 * How the test `Client` reaches an app's sessions (`client.session`, Django's): it marks a
 * request it sends in-process with a {@link SessionProbe}, and `sessionMiddleware()` answers it
 * with the app's own store and settings instead of passing it on. A symbol-keyed property on
 * the request object cannot come over the network: only code in the same process can ask.
 */
import type { SessionConfig } from './session.js';
import type { SessionStore } from './store.js';

/** The property the test `Client` sets on a request it sends to find the app's sessions. */
export const SESSION_PROBE = Symbol.for('express-httpresponse.session-probe');

/** What `sessionMiddleware()` tells the test `Client`: filled in when it answers. */
export interface SessionProbe {
  answer?: {
    store: SessionStore;
    config: SessionConfig;
    cookieName: string;
    /** The session cookie the request carried, if any. */
    cookieValue: string | undefined;
  };
}

/** The probe on `req`, when the test `Client` set one. */
export function sessionProbeOf(req: object): SessionProbe | undefined {
  return (req as { [SESSION_PROBE]?: SessionProbe })[SESSION_PROBE];
}
