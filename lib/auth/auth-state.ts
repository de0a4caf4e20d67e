/** What `authenticationMiddleware()` shares with `login()` for a request: its settings. */
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_AUTH_BACKEND, type SessionUser } from './session-auth.js';

/** A receiver of Django's `user_logged_in` or `user_logged_out` signal. */
export type AuthSignalReceiver = (req: Request, user: SessionUser | undefined) => void | Promise<void>;

/** The settings of the authentication middleware that served a request. */
export interface AuthSettings {
  /** The backend `login()` writes when neither its options nor the user name one. */
  readonly backend: string;
  /** The backends whose sessions are accepted (Django's `AUTHENTICATION_BACKENDS`). */
  readonly backends: readonly string[];
  /** Django's `user_logged_in` receiver, called by `login()`. */
  readonly userLoggedIn?: AuthSignalReceiver;
  /** Django's `user_logged_out` receiver, called by `logout()`. */
  readonly userLoggedOut?: AuthSignalReceiver;
}

const settingsOf = new WeakMap<object, AuthSettings>();

/** Records the settings for `req`. */
export function setAuthSettings(req: object, settings: AuthSettings): void {
  settingsOf.set(req, settings);
}

/** The settings for `req`, Django's defaults when no authentication middleware ran. */
export function authSettings(req: IncomingMessage | Request): AuthSettings {
  return settingsOf.get(req) ?? { backend: DEFAULT_AUTH_BACKEND, backends: [DEFAULT_AUTH_BACKEND] };
}
