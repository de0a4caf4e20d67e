/** Django's `Argon2PasswordHasher`, on the `argon2` npm package (an optional peer dependency). */
import { constantTimeCompare } from '../http/django-signer.js';
import { BasePasswordHasher, loadOptionalPeer, mustUpdateSalt, positiveInteger } from './hashers-base.js';

/** What this hasher uses of the `argon2` package. */
interface Argon2Library {
  hash(
    password: Buffer,
    options: {
      type: 0 | 1 | 2;
      timeCost: number;
      memoryCost: number;
      parallelism: number;
      hashLength: number;
      salt: Buffer;
      version: number;
      raw: true;
    },
  ): Promise<Buffer>;
}

const ARGON2ID = 2;
const ARGON2_VERSION = 0x13;
const TYPES: Record<string, 0 | 1 | 2> = { argon2d: 0, argon2i: 1, argon2id: 2 };

/** The fields of an argon2 encoded password: `argon2$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export interface Argon2Decoded {
  algorithm: string;
  variety: string;
  version: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** The salt as Django decodes it (latin-1 text of the salt's bytes). */
  salt: string;
  hash: string;
}

/**
 * Django's `argon2` hasher (argon2id, time cost 2, memory cost 102400 KiB, parallelism 8,
 * 32-byte hash), through the `argon2` npm package, loaded on first use: `npm install argon2`.
 */
export class Argon2PasswordHasher extends BasePasswordHasher {
  readonly algorithm: string = 'argon2';
  /** @defaultValue 2 */
  timeCost = 2;
  /** KiB. @defaultValue 102400 */
  memoryCost = 102_400;
  /** @defaultValue 8 */
  parallelism = 8;
  /** Bytes (argon2-cffi's `DEFAULT_HASH_LENGTH`). @defaultValue 32 */
  hashLength = 32;

  private library(): Promise<Argon2Library> {
    return loadOptionalPeer<Argon2Library>('argon2', this.algorithm);
  }

  async encode(password: string, salt: string): Promise<string> {
    this.checkEncodeArgs(password, salt);
    const params = {
      variety: 'argon2id',
      version: ARGON2_VERSION,
      memoryCost: this.memoryCost,
      timeCost: this.timeCost,
      parallelism: this.parallelism,
    };
    const hash = await this.rawHash(password, Buffer.from(salt), params, this.hashLength);
    return this.format(params, Buffer.from(salt), hash);
  }

  /** argon2's raw hash of `password` with these parameters. */
  private async rawHash(
    password: string,
    salt: Buffer,
    params: Pick<Argon2Decoded, 'variety' | 'version' | 'memoryCost' | 'timeCost' | 'parallelism'>,
    hashLength: number,
  ): Promise<Buffer> {
    const argon2 = await this.library();
    return argon2.hash(Buffer.from(password), {
      type: TYPES[params.variety] ?? ARGON2ID,
      version: params.version,
      timeCost: params.timeCost,
      memoryCost: params.memoryCost,
      parallelism: params.parallelism,
      hashLength,
      salt,
      raw: true,
    });
  }

  /** argon2-cffi's encoding, which Django writes after `argon2`: `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (base64, no padding). */
  private format(
    params: Pick<Argon2Decoded, 'variety' | 'version' | 'memoryCost' | 'timeCost' | 'parallelism'>,
    salt: Buffer,
    hash: Buffer,
  ): string {
    const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');
    const version = params.version === 0x10 ? '' : `$v=${params.version}`;
    return `${this.algorithm}$${params.variety}${version}$m=${params.memoryCost},t=${params.timeCost},p=${params.parallelism}$${b64(salt)}$${b64(hash)}`;
  }

  /** The fields of `encoded`, or `undefined` when it is not this hasher's format. */
  decode(encoded: string): Argon2Decoded | undefined {
    const parts = encoded.split('$');
    // argon2-cffi before version 16 wrote no `v=` field: those hashes are argon2 version 0x10.
    if (parts.length === 5) parts.splice(2, 0, 'v=16');
    const [algorithm, variety, versionField, paramsField, salt, hash] = parts;
    if (algorithm !== this.algorithm || variety === undefined || !(variety in TYPES)) return undefined;
    const version = positiveInteger(/^v=(\d+)$/.exec(versionField ?? '')?.[1]);
    const params = Object.fromEntries(
      (paramsField ?? '').split(',').map((pair) => pair.split('=') as [string, string | undefined]),
    );
    const memoryCost = positiveInteger(params.m);
    const timeCost = positiveInteger(params.t);
    const parallelism = positiveInteger(params.p);
    if (!version || !memoryCost || !timeCost || !parallelism || salt === undefined || hash === undefined)
      return undefined;
    return {
      algorithm,
      variety,
      version,
      memoryCost,
      timeCost,
      parallelism,
      salt: Buffer.from(salt, 'base64').toString('latin1'),
      hash,
    };
  }

  /** Whether `password` made `encoded`: the hash is made again with its parameters and salt, and compared in constant time. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const decoded = this.decode(encoded);
    if (!decoded) return false;
    const expected = Buffer.from(decoded.hash, 'base64');
    try {
      const hash = await this.rawHash(password, Buffer.from(decoded.salt, 'latin1'), decoded, expected.length);
      return constantTimeCompare(hash, expected);
    } catch {
      // Parameters argon2 refuses cannot have made a Django hash.
      return false;
    }
  }

  override mustUpdate(encoded: string): boolean {
    const decoded = this.decode(encoded);
    if (!decoded) return true;
    const hashLength = Buffer.from(decoded.hash, 'base64').length;
    return (
      TYPES[decoded.variety] !== ARGON2ID ||
      decoded.version !== ARGON2_VERSION ||
      decoded.timeCost !== this.timeCost ||
      decoded.memoryCost !== this.memoryCost ||
      decoded.parallelism !== this.parallelism ||
      hashLength !== this.hashLength ||
      mustUpdateSalt(decoded.salt, this.saltEntropy)
    );
  }
}
