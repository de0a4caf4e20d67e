/**
 * What every password hasher shares (Django's `BasePasswordHasher`), and the lazy loading of
 * the optional libraries the argon2 and bcrypt hashers run on.
 */
import { getRandomString, RANDOM_STRING_CHARS } from '../http/django-signer.js';

/**
 * Django's `BasePasswordHasher`: one algorithm of `PASSWORD_HASHERS`. Subclass it (or one of
 * the built-in hashers, e.g. to change `iterations`) and pass it in `hashers` to
 * `makePassword` / `checkPassword`, as Django's setting lists classes.
 */
export abstract class BasePasswordHasher {
  /** The name written before the first `$` of an encoded password (`'pbkdf2_sha256'`). */
  abstract readonly algorithm: string;
  /** Bits of randomness in a salt {@link BasePasswordHasher.salt} makes. @defaultValue 128 */
  saltEntropy = 128;

  /** A new random salt of at least {@link BasePasswordHasher.saltEntropy} bits, in ASCII letters and digits (22 characters). */
  salt(): string | Promise<string> {
    const length = Math.ceil(this.saltEntropy / Math.log2(RANDOM_STRING_CHARS.length));
    return getRandomString(length, RANDOM_STRING_CHARS);
  }

  /** The encoded password (`algorithm$…`) for `password` with `salt`. */
  abstract encode(password: string, salt: string): Promise<string>;

  /** Whether `password` is the one `encoded` was made from, compared in constant time; `false` for a malformed `encoded`. */
  abstract verify(password: string, encoded: string): Promise<boolean>;

  /** Whether `encoded` was made with other settings than this hasher's (then it should be made again). @defaultValue false */
  mustUpdate(_encoded: string): boolean | Promise<boolean> {
    return false;
  }

  /** Spends the work a wrong password on an older, cheaper `encoded` saves, so timing does not tell. @defaultValue nothing */
  hardenRuntime(_password: string, _encoded: string): Promise<void> {
    return Promise.resolve();
  }

  /** Django's `_check_encode_args`. */
  protected checkEncodeArgs(password: string, salt: string): void {
    if (typeof password !== 'string') {
      throw new TypeError(`${this.algorithm}: password must be a string (got ${typeof password}).`);
    }
    if (!salt || salt.includes('$')) {
      throw new RangeError(
        `${this.algorithm}: salt must be provided and cannot contain $ (got ${JSON.stringify(salt)}).`,
      );
    }
  }
}

/** Django's `must_update_salt`: whether `salt` has fewer bits of randomness than `expectedEntropy`. */
export function mustUpdateSalt(salt: string, expectedEntropy: number): boolean {
  return salt.length * Math.log2(RANDOM_STRING_CHARS.length) < expectedEntropy;
}

/** A positive integer parsed from an encoded password's field, or `undefined`. */
export function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

/**
 * Loads an optional peer dependency (`argon2`, `bcrypt`) the first time a hasher needs it, so
 * that an app which never meets such a hash does not have to install it.
 *
 * @throws Error naming the `npm install` command when the package is not installed.
 */
export async function loadOptionalPeer<T>(name: string, hasher: string): Promise<T> {
  try {
    // The CommonJS build has `require`; the ES module build imports the package.
    const loaded: unknown =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      typeof require === 'function' ? require(name) : await import(name);
    const module = loaded as { default?: T };
    return (module.default ?? loaded) as T;
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(
        `The ${hasher} password hasher needs the "${name}" package, which is not installed: run npm install ${name}`,
        { cause },
      );
    }
    throw cause;
  }
}
