/**
 * `session_data` as Django's `SessionBase.encode` and `decode` write and read it, for the
 * engines that keep encoded data (`db`, `cached_db`, `file`).
 */
import { signingDumps, signingLoads } from '../http/django-signer.js';
import { sessionSerializer, type SessionData } from './json.js';
import type { SessionSettings } from './store.js';

/** `"django.contrib.sessions." + SessionStore.__qualname__`: the salt of Django's db, cached_db and file engines. */
export const SESSION_STORE_SALT = 'django.contrib.sessions.SessionStore';

/** Django's `SessionBase.encode`: `signing.dumps(data, salt=key_salt, compress=True)` with `secretKey`. */
export function encodeSessionData(data: SessionData, settings: SessionSettings, salt = SESSION_STORE_SALT): string {
  return signingDumps(data, { key: settings.secretKey, salt, serializer: sessionSerializer, compress: true });
}

/**
 * Django's `SessionBase.decode`: the data, checked against `secretKey` and its fallbacks
 * (no age limit: the row's `expire_date` says when it ends); an empty session when the
 * signature or the data is bad, as Django ("Session data corrupted").
 */
export function decodeSessionData(text: string, settings: SessionSettings, salt = SESSION_STORE_SALT): SessionData {
  try {
    return signingLoads(text, {
      key: settings.secretKey,
      fallbackKeys: settings.secretKeyFallbacks,
      salt,
      serializer: sessionSerializer,
    }) as SessionData;
  } catch {
    return new Map();
  }
}
