/** Django's `ScryptPasswordHasher` on Node's crypto. */
import { scrypt, type ScryptOptions } from 'node:crypto';
import { constantTimeCompare } from '../http/django-signer.js';
import { BasePasswordHasher, positiveInteger } from './hashers-base.js';

function scryptAsync(password: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 64, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The fields of a scrypt encoded password: `scrypt$n$salt$r$p$hash`. */
export interface ScryptDecoded {
  algorithm: string;
  workFactor: number;
  salt: string;
  blockSize: number;
  parallelism: number;
  hash: string;
}

/** Django's `scrypt` hasher: `scrypt$16384$<salt>$8$5$<64-byte key in base64>`. */
export class ScryptPasswordHasher extends BasePasswordHasher {
  readonly algorithm: string = 'scrypt';
  /** scrypt's N. @defaultValue 16384 */
  workFactor = 2 ** 14;
  /** scrypt's r. @defaultValue 8 */
  blockSize = 8;
  /** scrypt's p. @defaultValue 5 */
  parallelism = 5;

  /** `scrypt$n$salt$r$p$hash`. */
  async encode(password: string, salt: string, n?: number, r?: number, p?: number): Promise<string> {
    this.checkEncodeArgs(password, salt);
    const N = n ?? this.workFactor;
    const blockSize = r ?? this.blockSize;
    const parallelism = p ?? this.parallelism;
    // Python passes maxmem=0 (OpenSSL's limit); Node's default 32 MiB refuses larger N·r.
    const maxmem = 256 * N * blockSize;
    const key = await scryptAsync(Buffer.from(password), Buffer.from(salt), {
      N,
      r: blockSize,
      p: parallelism,
      maxmem,
    });
    return `${this.algorithm}$${N}$${salt}$${blockSize}$${parallelism}$${key.toString('base64')}`;
  }

  /** The fields of `encoded`, or `undefined` when it is not this hasher's format. */
  decode(encoded: string): ScryptDecoded | undefined {
    const [algorithm, n, salt, r, p, hash] = encoded.split('$');
    const workFactor = positiveInteger(n);
    const blockSize = positiveInteger(r);
    const parallelism = positiveInteger(p);
    if (algorithm !== this.algorithm || !workFactor || !blockSize || !parallelism || !salt || hash === undefined) {
      return undefined;
    }
    return { algorithm, workFactor, salt, blockSize, parallelism, hash };
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const decoded = this.decode(encoded);
    if (!decoded) return false;
    try {
      const again = await this.encode(
        password,
        decoded.salt,
        decoded.workFactor,
        decoded.blockSize,
        decoded.parallelism,
      );
      return constantTimeCompare(encoded, again);
    } catch {
      // Parameters OpenSSL refuses (N not a power of two…) cannot have made a Django hash.
      return false;
    }
  }

  override mustUpdate(encoded: string): boolean {
    const decoded = this.decode(encoded);
    if (!decoded) return true;
    return (
      decoded.workFactor !== this.workFactor ||
      decoded.blockSize !== this.blockSize ||
      decoded.parallelism !== this.parallelism
    );
  }
}
