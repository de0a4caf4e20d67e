/** Django's `MD5PasswordHasher`: for tests only, as Django recommends (fast, not secure). */
import { createHash } from 'node:crypto';
import { constantTimeCompare } from '../http/django-signer.js';
import { BasePasswordHasher, mustUpdateSalt } from './hashers-base.js';

/**
 * Django's salted `md5` hasher (`md5$<salt>$<hex>`). Not in the defaults: pass it in
 * `hashers` to make test suites fast, as Django's own test settings do. Never in production.
 */
export class MD5PasswordHasher extends BasePasswordHasher {
  readonly algorithm: string = 'md5';

  encode(password: string, salt: string): Promise<string> {
    this.checkEncodeArgs(password, salt);
    const hash = createHash('md5')
      .update(salt + password, 'utf8')
      .digest('hex');
    return Promise.resolve(`${this.algorithm}$${salt}$${hash}`);
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const [algorithm, salt, hash] = encoded.split('$');
    if (algorithm !== this.algorithm || !salt || hash === undefined) return false;
    return constantTimeCompare(encoded, await this.encode(password, salt));
  }

  override mustUpdate(encoded: string): boolean {
    return mustUpdateSalt(encoded.split('$')[1] ?? '', this.saltEntropy);
  }
}
