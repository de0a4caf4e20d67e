/** Django's `PBKDF2PasswordHasher` and `PBKDF2SHA1PasswordHasher` on Node's crypto. */
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { constantTimeCompare } from '../http/django-signer.js';
import { BasePasswordHasher, mustUpdateSalt, positiveInteger } from './hashers-base.js';

const pbkdf2Async = promisify(pbkdf2);

/** The fields of a PBKDF2 encoded password: `algorithm$iterations$salt$hash`. */
export interface Pbkdf2Decoded {
  algorithm: string;
  iterations: number;
  salt: string;
  hash: string;
}

/**
 * Django's default hasher, `pbkdf2_sha256`: PBKDF2-HMAC-SHA256, 32-byte key in base64,
 * `pbkdf2_sha256$1000000$<salt>$<hash>`. Subclass it to change `iterations`.
 */
export class PBKDF2PasswordHasher extends BasePasswordHasher {
  readonly algorithm: string = 'pbkdf2_sha256';
  /** Django 5.2's count. @defaultValue 1000000 */
  iterations = 1_000_000;
  /** The HMAC digest. @defaultValue `'sha256'` */
  digest = 'sha256';

  /** `algorithm$iterations$salt$hash`, at `iterations` (default {@link PBKDF2PasswordHasher.iterations}). */
  async encode(password: string, salt: string, iterations?: number): Promise<string> {
    this.checkEncodeArgs(password, salt);
    const count = iterations ?? this.iterations;
    // Django's pbkdf2(..., dklen=None) takes the digest's size.
    const size = this.digest === 'sha1' ? 20 : this.digest === 'sha512' ? 64 : 32;
    const key = await pbkdf2Async(Buffer.from(password), Buffer.from(salt), count, size, this.digest);
    return `${this.algorithm}$${count}$${salt}$${key.toString('base64')}`;
  }

  /** The fields of `encoded`, or `undefined` when it is not this hasher's format. */
  decode(encoded: string): Pbkdf2Decoded | undefined {
    const [algorithm, iterationsText, salt, hash] = encoded.split('$');
    const iterations = positiveInteger(iterationsText);
    if (algorithm !== this.algorithm || iterations === undefined || !salt || hash === undefined) return undefined;
    return { algorithm, iterations, salt, hash };
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const decoded = this.decode(encoded);
    if (!decoded) return false;
    return constantTimeCompare(encoded, await this.encode(password, decoded.salt, decoded.iterations));
  }

  override mustUpdate(encoded: string): boolean {
    const decoded = this.decode(encoded);
    if (!decoded) return true;
    return decoded.iterations !== this.iterations || mustUpdateSalt(decoded.salt, this.saltEntropy);
  }

  override async hardenRuntime(password: string, encoded: string): Promise<void> {
    const decoded = this.decode(encoded);
    const extra = decoded ? this.iterations - decoded.iterations : 0;
    if (decoded && extra > 0) await this.encode(password, decoded.salt, extra);
  }
}

/** Django's `pbkdf2_sha1`: PBKDF2-HMAC-SHA1, as OpenSSL's `PKCS5_PBKDF2_HMAC_SHA1`. */
export class PBKDF2SHA1PasswordHasher extends PBKDF2PasswordHasher {
  override readonly algorithm: string = 'pbkdf2_sha1';
  override digest = 'sha1';
}
