/**
 * Django's `django.contrib.auth.hashers`: `checkPassword` and `makePassword` read and write
 * the `password` column of Django's `auth_user` table, so that an Express login accepts the
 * passwords of a Django site's users and Django accepts the passwords set here.
 */
import { getRandomString, RANDOM_STRING_CHARS } from '../http/django-signer.js';
import { describe } from '../http/describe.js';
import { Argon2PasswordHasher } from './hashers-argon2.js';
import type { BasePasswordHasher } from './hashers-base.js';
import { BCryptSHA256PasswordHasher } from './hashers-bcrypt.js';
import { PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher } from './hashers-pbkdf2.js';
import { ScryptPasswordHasher } from './hashers-scrypt.js';

/** Django's `UNUSABLE_PASSWORD_PREFIX`: an encoded password starting with it matches no password. */
export const UNUSABLE_PASSWORD_PREFIX = '!';
/** Django's `UNUSABLE_PASSWORD_SUFFIX_LENGTH`: random characters after the prefix. */
export const UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40;

/**
 * Django's default `PASSWORD_HASHERS`, in its order: `pbkdf2_sha256` (the one new passwords
 * get), `pbkdf2_sha1`, `argon2`, `bcrypt_sha256`, `scrypt`.
 */
export const DEFAULT_PASSWORD_HASHERS: readonly BasePasswordHasher[] = Object.freeze([
  new PBKDF2PasswordHasher(),
  new PBKDF2SHA1PasswordHasher(),
  new Argon2PasswordHasher(),
  new BCryptSHA256PasswordHasher(),
  new ScryptPasswordHasher(),
]);

/** Django's `PASSWORD_HASHERS` setting, as an option. */
export interface PasswordHashersOptions {
  /** The hashers accepted, the first one making new passwords. @defaultValue {@link DEFAULT_PASSWORD_HASHERS} */
  hashers?: readonly BasePasswordHasher[];
}

/** Options of {@link makePassword}. */
export interface MakePasswordOptions extends PasswordHashersOptions {
  /** The hasher, by algorithm name or as an object. @defaultValue the first of `hashers` (`'pbkdf2_sha256'`) */
  hasher?: string | BasePasswordHasher;
  /** The salt; keep the default, a new random one, unless reproducing a known hash. */
  salt?: string;
}

/** Options of {@link checkPassword}. */
export interface CheckPasswordOptions extends PasswordHashersOptions {
  /**
   * Called with the password when it is correct but its hash should be made again (another
   * hasher than the preferred one, or other iterations): store `makePassword(password)` there.
   */
  setter?: (password: string) => unknown;
  /** The hasher new hashes should use. @defaultValue the first of `hashers` */
  preferred?: string | BasePasswordHasher;
}

/** Django's `is_password_usable`: `false` for an encoded password made by `makePassword(null)`. */
export function isPasswordUsable(encoded: string | null | undefined): boolean {
  return !encoded?.startsWith(UNUSABLE_PASSWORD_PREFIX);
}

/**
 * Django's `get_hasher(algorithm)`: the hasher named `algorithm` among `hashers`
 * (`'default'`: the first).
 * @throws RangeError for an algorithm that is not among them.
 */
export function getHasher(
  algorithm: string | BasePasswordHasher = 'default',
  options: PasswordHashersOptions = {},
): BasePasswordHasher {
  if (typeof algorithm === 'object') return algorithm;
  const hashers = options.hashers ?? DEFAULT_PASSWORD_HASHERS;
  const hasher = algorithm === 'default' ? hashers[0] : hashers.find((each) => each.algorithm === algorithm);
  if (!hasher) {
    throw new RangeError(
      `Unknown password hashing algorithm ${JSON.stringify(algorithm)}: the hashers are ${hashers
        .map((each) => each.algorithm)
        .join(', ')}; pass another in the hashers option (Django's PASSWORD_HASHERS).`,
    );
  }
  return hasher;
}

/**
 * Django's `identify_hasher(encoded)`: the hasher named before the first `$`.
 * @throws RangeError when no hasher of `hashers` has that name.
 */
export function identifyHasher(encoded: string, options: PasswordHashersOptions = {}): BasePasswordHasher {
  return getHasher(encoded.split('$', 1)[0] ?? '', options);
}

/**
 * Django's `make_password(password, salt, hasher)`: the value to store in the `password`
 * column. `null` makes an unusable password (`!` and 40 random characters), as Django's
 * `set_unusable_password()`.
 *
 * @throws TypeError when `password` is not a string or `null`; RangeError for an unknown hasher.
 *
 * @example
 * ```ts
 * user.password = await makePassword('s3cret'); // 'pbkdf2_sha256$1000000$…'
 * ```
 */
export async function makePassword(password: string | null, options: MakePasswordOptions = {}): Promise<string> {
  if (password === null) {
    return UNUSABLE_PASSWORD_PREFIX + getRandomString(UNUSABLE_PASSWORD_SUFFIX_LENGTH, RANDOM_STRING_CHARS);
  }
  if (typeof password !== 'string') {
    throw new TypeError(`Password must be a string or null, got ${describe(password)}.`);
  }
  const hasher = getHasher(options.hasher, options);
  const salt = options.salt || (await hasher.salt());
  return hasher.encode(password, salt);
}

/**
 * Django's `verify_password`: whether `password` matches `encoded`, and whether `encoded`
 * should be made again with the preferred hasher. A missing password, an unusable or
 * unknown hash costs one preferred hash anyway, so that timing does not tell them apart.
 */
export async function verifyPassword(
  password: string | null | undefined,
  encoded: string | null | undefined,
  options: Omit<CheckPasswordOptions, 'setter'> = {},
): Promise<{
  /** Whether the password matches. */
  isCorrect: boolean;
  /** Whether the hash should be made again with the preferred hasher or its current costs. */
  mustUpdate: boolean;
}> {
  const preferred = getHasher(options.preferred, options);
  let hasher: BasePasswordHasher | undefined;
  if (typeof password === 'string' && typeof encoded === 'string' && isPasswordUsable(encoded)) {
    try {
      hasher = identifyHasher(encoded, options);
    } catch {
      hasher = undefined;
    }
  }
  if (!hasher || typeof password !== 'string' || typeof encoded !== 'string') {
    await makePassword(getRandomString(UNUSABLE_PASSWORD_SUFFIX_LENGTH, RANDOM_STRING_CHARS), { hasher: preferred });
    return { isCorrect: false, mustUpdate: false };
  }
  const hasherChanged = hasher.algorithm !== preferred.algorithm;
  const mustUpdate = hasherChanged || (await preferred.mustUpdate(encoded));
  const isCorrect = await hasher.verify(password, encoded);
  if (!isCorrect && !hasherChanged && mustUpdate) await hasher.hardenRuntime(password, encoded);
  return { isCorrect, mustUpdate };
}

/**
 * Django's `check_password(password, encoded, setter)`: whether `password` is the one
 * `encoded` (a Django `password` column) was made from, compared in constant time. `false`
 * for an unusable, unknown or malformed `encoded`, never an exception.
 *
 * @example
 * ```ts
 * const ok = await checkPassword(req.body.password, user.password, {
 *   setter: async (raw) => db.setPassword(user.id, await makePassword(raw)),
 * });
 * ```
 */
export async function checkPassword(
  password: string | null | undefined,
  encoded: string | null | undefined,
  options: CheckPasswordOptions = {},
): Promise<boolean> {
  const { setter, ...verifyOptions } = options;
  const { isCorrect, mustUpdate } = await verifyPassword(password, encoded, verifyOptions);
  if (setter && isCorrect && mustUpdate) await setter(password as string);
  return isCorrect;
}
