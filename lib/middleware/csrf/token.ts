/**
 * The CSRF secret and its masked tokens, as Django's `django/middleware/csrf.py` makes and
 * reads them: 32 alphanumeric characters of secret, 64 of token (a fresh mask, then the
 * secret enciphered with it).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';

/** Django's `CSRF_SECRET_LENGTH`. */
export const CSRF_SECRET_LENGTH = 32;
/** Django's `CSRF_TOKEN_LENGTH`: a mask and the enciphered secret. */
export const CSRF_TOKEN_LENGTH = 2 * CSRF_SECRET_LENGTH;
/** Django's `CSRF_ALLOWED_CHARS`: `string.ascii_letters + string.digits`. */
export const CSRF_ALLOWED_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Django's `CSRF_SESSION_KEY`: where the secret is kept in the session with `useSessions`. */
export const CSRF_SESSION_KEY = '_csrftoken';

/** Django's `REASON_INCORRECT_LENGTH`. */
export const REASON_INCORRECT_LENGTH = 'has incorrect length';
/** Django's `REASON_INVALID_CHARACTERS`. */
export const REASON_INVALID_CHARACTERS = 'has invalid characters';

const INDEX = new Map([...CSRF_ALLOWED_CHARS].map((char, index) => [char, index]));
const INVALID_CHARS = /[^a-zA-Z0-9]/;

/** Django's `InvalidTokenFormat`: a secret or token of the wrong length or alphabet. */
export class InvalidTokenFormat extends Error {
  override name = 'InvalidTokenFormat';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Django's `_get_new_csrf_string`: 32 characters from `crypto.randomInt`, as `secrets.choice`. */
export function newCsrfString(): string {
  let out = '';
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) out += CSRF_ALLOWED_CHARS[randomInt(CSRF_ALLOWED_CHARS.length)];
  return out;
}

/** Django's `_mask_cipher_secret`: a fresh mask, then each secret character shifted by the mask's. */
export function maskCipherSecret(secret: string): string {
  const mask = newCsrfString();
  let cipher = '';
  for (let i = 0; i < secret.length; i++) {
    cipher += CSRF_ALLOWED_CHARS[(INDEX.get(secret[i]!)! + INDEX.get(mask[i]!)!) % CSRF_ALLOWED_CHARS.length];
  }
  return mask + cipher;
}

/** Django's `_unmask_cipher_token`: the secret a 64-character token of allowed characters holds. */
export function unmaskCipherToken(token: string): string {
  const n = CSRF_ALLOWED_CHARS.length;
  let secret = '';
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) {
    const x = INDEX.get(token[CSRF_SECRET_LENGTH + i]!)!;
    const y = INDEX.get(token[i]!)!;
    // Python's chars[x - y] indexes from the end for a negative difference.
    secret += CSRF_ALLOWED_CHARS[(((x - y) % n) + n) % n];
  }
  return secret;
}

/**
 * Django's `_check_token_format`: a secret or token must be 32 or 64 characters of
 * `CSRF_ALLOWED_CHARS`.
 *
 * @throws InvalidTokenFormat with Django's reason otherwise.
 */
export function checkTokenFormat(token: string): void {
  if (token.length !== CSRF_TOKEN_LENGTH && token.length !== CSRF_SECRET_LENGTH) {
    throw new InvalidTokenFormat(REASON_INCORRECT_LENGTH);
  }
  if (INVALID_CHARS.test(token)) throw new InvalidTokenFormat(REASON_INVALID_CHARACTERS);
}

/**
 * Django's `_does_token_match`: whether a well-formed token (32 or 64 characters) stands for
 * `secret`, unmasking a 64-character one first; compared in constant time.
 */
export function doesTokenMatch(token: string, secret: string): boolean {
  const bare = token.length === CSRF_TOKEN_LENGTH ? unmaskCipherToken(token) : token;
  if (bare.length !== CSRF_SECRET_LENGTH) {
    throw new RangeError(`doesTokenMatch() takes a token of 32 or 64 characters (got ${token.length}).`);
  }
  const a = Buffer.from(bare, 'latin1');
  const b = Buffer.from(secret, 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}
