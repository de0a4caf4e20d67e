/**
 * What Django's `django.contrib.auth` keeps in the session: the user's id, the backend that
 * signed them in, and `get_session_auth_hash()` — an HMAC of the user's `password` column that
 * signs every session out when the password changes.
 */
import { saltedHmac } from '../http/django-signer.js';

/** Django's `SESSION_KEY`: the signed-in user's primary key, always a string. */
export const SESSION_KEY = '_auth_user_id';
/** Django's `BACKEND_SESSION_KEY`: the dotted path of the backend that signed the user in. */
export const BACKEND_SESSION_KEY = '_auth_user_backend';
/** Django's `HASH_SESSION_KEY`: `get_session_auth_hash()` at sign-in. */
export const HASH_SESSION_KEY = '_auth_user_hash';
/** The backend Django writes by default (`AUTHENTICATION_BACKENDS[0]`). */
export const DEFAULT_AUTH_BACKEND = 'django.contrib.auth.backends.ModelBackend';

const KEY_SALT = 'django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash';

/**
 * What login reads of a user: its primary key (`pk`, or `id`) and, to tie the session to the
 * password, the `password` column as Django stores it (`pbkdf2_sha256$…`). A user without a
 * `password` string is signed in without that tie, as Django does for a user model without
 * `get_session_auth_hash`.
 */
export interface SessionUser {
  /** Django's `user.pk`. */
  pk?: string | number | bigint;
  /** Used when there is no `pk`. */
  id?: string | number | bigint;
  /** The `password` column: its HMAC is the session's `_auth_user_hash`. */
  password?: string | null;
  /** Django's `user.backend`: the backend that authenticated the user, for `login()`. */
  backend?: string;
}

/**
 * The user's primary key as Django writes it in the session (`pk.value_to_string`: `'1'`, a
 * UUID's text).
 * @throws TypeError for a user without `pk` or `id`.
 */
export function sessionUserId(user: SessionUser): string {
  const pk = user.pk ?? user.id;
  if (pk === undefined || pk === null || (typeof pk === 'string' && pk === '')) {
    throw new TypeError(
      `login() needs a user with a primary key: give it pk or id, as Django's user.pk (got ${JSON.stringify(Object.keys(user))}).`,
    );
  }
  return String(pk);
}

/** Whether the session can be tied to this user's password (Django: the user has `get_session_auth_hash`). */
export function hasSessionAuthHash(user: SessionUser): user is SessionUser & { password: string } {
  return typeof user.password === 'string';
}

/**
 * Django's `user.get_session_auth_hash()`: HMAC-SHA256 of the `password` column, keyed by
 * `SECRET_KEY` (or a fallback key) through `salted_hmac`, in hex (64 characters).
 */
export function getSessionAuthHash(password: string, secretKey: string): string {
  return saltedHmac(KEY_SALT, password, secretKey, 'sha256').toString('hex');
}
