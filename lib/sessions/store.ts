/** What a session store does for `sessionMiddleware()`: Django's `SessionBase` backend methods. */
import type { SessionData } from './json.js';

/** What every store call is told of the middleware's settings. */
export interface SessionSettings {
  /** Django's `SECRET_KEY`: signs what the store writes. */
  readonly secretKey: string;
  /** Django's `SECRET_KEY_FALLBACKS`: also accepted when reading. */
  readonly secretKeyFallbacks: readonly string[];
  /** Django's `SESSION_COOKIE_AGE`, in seconds. */
  readonly cookieAge: number;
}

/** Where a save goes: {@link SessionStore.save}'s third argument. */
export interface SessionSaveContext {
  /** The middleware's settings. */
  settings: SessionSettings;
  /** Create the session, never overwrite one: throw {@link CreateError} when `sessionKey` exists. */
  mustCreate: boolean;
  /** Seconds until the session expires (Django's `get_expiry_age()`), for a store's TTL. */
  expiryAge: number;
  /** When the session expires (Django's `get_expiry_date()`), for a store's expiry column. */
  expiryDate: Date;
}

/**
 * A session backend (Django's `SESSION_ENGINE`). Each method may answer synchronously or with
 * a promise. Three ship with the package: {@link SignedCookieSessionStore},
 * {@link DatabaseSessionStore} and {@link CacheSessionStore}; write another by implementing this.
 */
export interface SessionStore {
  /**
   * The data saved under `sessionKey`, or `null` when there is none: missing, expired, or
   * failing its signature (never an error for those: Django then starts an empty session).
   * Throw only when the store can't answer (down, refused): the session reports it.
   */
  load(sessionKey: string, settings: SessionSettings): SessionData | null | Promise<SessionData | null>;
  /**
   * Save `data` under `sessionKey`. With `mustCreate`, throw {@link CreateError} if the key
   * exists; without, throw {@link UpdateError} if it no longer does (deleted meanwhile: a
   * logout in a concurrent request). Returns the value of the session cookie when that is not
   * the key itself (the signed-cookie store's cookie holds the data).
   */
  save(sessionKey: string, data: SessionData, context: SessionSaveContext): void | string | Promise<void | string>;
  /** Delete the session saved under `sessionKey`, if any. */
  delete(sessionKey: string): void | Promise<void>;
  /**
   * `true` for a store whose cookie holds the data itself (Django's `signed_cookies`): there is
   * no key to create, cycle or delete, and loading needs no round trip.
   */
  readonly keyIsData?: boolean;
  /** Whether `sessionKey` may name a session in this store; others are never looked up. */
  acceptsKey?(sessionKey: string): boolean;
}

/** Django's `CreateError`: a session could not be created because its key exists. */
export class CreateError extends Error {
  /** `'CreateError'`: the class name, kept in minified builds. */
  override readonly name: string = 'CreateError';
}

/** Django's `UpdateError`: a session could not be saved because it was deleted meanwhile. */
export class UpdateError extends Error {
  /** `'UpdateError'`: the class name, kept in minified builds. */
  override readonly name: string = 'UpdateError';
}
