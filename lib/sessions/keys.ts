/** Session keys as Django makes and accepts them (`django.contrib.sessions.backends.base`). */
import { randomInt } from 'node:crypto';

/** Django's `VALID_KEY_CHARS`: lower-case ASCII letters and digits. */
export const VALID_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The length of the keys Django makes (`get_random_string(32, VALID_KEY_CHARS)`). */
export const SESSION_KEY_LENGTH = 32;

const STORED_KEY = /^[a-z0-9]{8,40}$/;

/** A new random session key: 32 characters of {@link VALID_KEY_CHARS} from a CSPRNG. */
export function newSessionKey(): string {
  let key = '';
  for (let i = 0; i < SESSION_KEY_LENGTH; i++) key += VALID_KEY_CHARS.charAt(randomInt(VALID_KEY_CHARS.length));
  return key;
}

/**
 * Whether `key` may name a session in a store: Django requires 8 characters or more
 * (`_validate_session_key`); the `django_session` column holds 40, and Django only ever makes
 * keys of {@link VALID_KEY_CHARS}. Anything else is never looked up.
 */
export function isStoredSessionKey(key: string): boolean {
  return STORED_KEY.test(key);
}
