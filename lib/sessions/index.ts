/** Django's `django.contrib.sessions`: the session object, its stores and its errors. */
export { Session, type ExpiryOptions, type SessionConfig } from './session.js';
export { CreateError, UpdateError, type SessionSaveContext, type SessionSettings, type SessionStore } from './store.js';
export { SessionInterrupted, SessionStoreUnavailable } from './errors.js';
export { SignedCookieSessionStore, SIGNED_COOKIES_SALT } from './signed-cookie-store.js';
export { VALID_KEY_CHARS, newSessionKey } from './keys.js';
export type { SessionData, SessionValue } from './json.js';
export {
  DatabaseSessionStore,
  type DatabaseSessionStoreOptions,
  type SqlQuery,
  type SqlResult,
  type SqlRow,
} from './database-store.js';
export { SESSION_STORE_SALT, decodeSessionData, encodeSessionData } from './encoding.js';
export { CACHE_KEY_PREFIX, CacheSessionStore, type CacheSessionStoreOptions, type KeyvLike } from './cache-store.js';
export { pickleSessionData, unpickleSessionData } from './pickle.js';
