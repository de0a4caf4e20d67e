/** Django's `BCryptSHA256PasswordHasher` and `BCryptPasswordHasher`, on the `bcrypt` npm package (an optional peer dependency). */
import { createHash } from 'node:crypto';
import { constantTimeCompare } from '../http/django-signer.js';
import { BasePasswordHasher, loadOptionalPeer } from './hashers-base.js';

/** What these hashers use of the `bcrypt` package. */
interface BcryptLibrary {
  genSalt(rounds: number, minor: 'a' | 'b'): Promise<string>;
  hash(data: string | Buffer, salt: string): Promise<string>;
}

// "$2b$12$" and 22 characters of salt.
const BCRYPT_SALT_LENGTH = 29;
const BCRYPT_DATA = /^\$2[abxy]?\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/**
 * Django's `bcrypt_sha256` hasher: bcrypt (12 rounds) over the hex SHA-256 of the password,
 * so long passwords are not truncated at 72 bytes: `bcrypt_sha256$$2b$12$…`. Needs the
 * `bcrypt` npm package, loaded on first use: `npm install bcrypt`.
 */
export class BCryptSHA256PasswordHasher extends BasePasswordHasher {
  readonly algorithm: string = 'bcrypt_sha256';
  /** The digest taken of the password first; `null` for plain bcrypt. @defaultValue `'sha256'` */
  digest: string | null = 'sha256';
  /** bcrypt's cost (log2 of its rounds). @defaultValue 12 */
  rounds = 12;

  private library(): Promise<BcryptLibrary> {
    return loadOptionalPeer<BcryptLibrary>('bcrypt', this.algorithm);
  }

  /** A bcrypt salt, `$2b$12$` and 22 characters (Django's `bcrypt.gensalt(rounds)`). */
  override async salt(): Promise<string> {
    return (await this.library()).genSalt(this.rounds, 'b');
  }

  async encode(password: string, salt: string): Promise<string> {
    if (typeof password !== 'string') {
      throw new TypeError(`${this.algorithm}: password must be a string (got ${typeof password}).`);
    }
    const bcrypt = await this.library();
    const input = this.digest ? createHash(this.digest).update(password, 'utf8').digest('hex') : Buffer.from(password);
    return `${this.algorithm}$${await bcrypt.hash(input, salt.slice(0, BCRYPT_SALT_LENGTH))}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const prefix = `${this.algorithm}$`;
    if (!encoded.startsWith(prefix) || !BCRYPT_DATA.test(encoded.slice(prefix.length))) return false;
    try {
      return constantTimeCompare(encoded, await this.encode(password, encoded.slice(prefix.length)));
    } catch {
      return false;
    }
  }

  override mustUpdate(encoded: string): boolean {
    const match = BCRYPT_DATA.exec(encoded.slice(this.algorithm.length + 1));
    return !match || Number(match[1]) !== this.rounds;
  }

  override async hardenRuntime(password: string, encoded: string): Promise<void> {
    const match = BCRYPT_DATA.exec(encoded.slice(this.algorithm.length + 1));
    if (!match) return;
    // The work factor is logarithmic: each round more doubles the work.
    let extra = 2 ** (this.rounds - Number(match[1])) - 1;
    const salt = encoded.slice(this.algorithm.length + 1, this.algorithm.length + 1 + BCRYPT_SALT_LENGTH);
    while (extra-- > 0) await this.encode(password, salt);
  }
}

/**
 * Django's plain `bcrypt` hasher (not in Django's defaults): bcrypt over the password itself,
 * which bcrypt truncates at 72 bytes. Prefer {@link BCryptSHA256PasswordHasher}.
 */
export class BCryptPasswordHasher extends BCryptSHA256PasswordHasher {
  override readonly algorithm: string = 'bcrypt';
  override digest: string | null = null;
}
