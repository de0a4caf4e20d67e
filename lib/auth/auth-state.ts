/** What `authenticationMiddleware()` shares with `login()` for a request: its settings. */
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_AUTH_BACKEND } from './session-auth.js';

/** The settings of the authentication middleware that served a request. */
export interface AuthSettings {
  /** The backend `login()` writes when neither its options nor the user name one. */
  readonly backend: string;
  /** The backends whose sessions are accepted (Django's `AUTHENTICATION_BACKENDS`). */
  readonly backends: readonly string[];
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
