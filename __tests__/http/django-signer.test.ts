/**
 * The one implementation of Django's `signing` behind sessions, messages and signed cookies:
 * what a signed-value reader must refuse (a zip bomb, a key it does not know) and accept (any
 * of the fallback keys). Django's own bytes are checked against Django 5.2 in
 * django-ports/messages-format.interop.test.ts and sessions.interop.test.ts.
 */
import { deflateSync } from 'node:zlib';
import { BadSignature, TimestampSigner, signingDumps, signingLoads } from '../../lib/index.js';

const KEY = 'signer-tests-key';
const SALT = 'signer.tests';
const MiB = 1024 * 1024;

/** A `"."`-prefixed zlib payload inflating to `size` bytes of JSON text (a string of `a`s), signed as `signing.dumps` does. */
function compressedString(size: number, key = KEY): string {
  const json = Buffer.alloc(size, 'a');
  json[0] = json[size - 1] = 0x22; // the quotes of one long string
  return new TimestampSigner({ key, salt: SALT }).sign(`.${deflateSync(json).toString('base64url')}`);
}

describe('signingLoads on compressed payloads', () => {
  it('reads one inflating to exactly 16 MiB', () => {
    expect((signingLoads(compressedString(16 * MiB), { key: KEY, salt: SALT }) as string).length).toBe(16 * MiB - 2);
  });

  it('refuses a zip bomb signed with the key: a BadSignature once 16 MiB are inflated', () => {
    const bomb = compressedString(64 * MiB);
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => signingLoads(bomb, { key: KEY, salt: SALT })).toThrow(BadSignature);
    expect(() => signingLoads(bomb, { key: KEY, salt: SALT })).toThrow(
      /^Signed value could not be decoded: Cannot create a Buffer larger than 16777216 bytes/,
    );
  });

  it('refuses bytes that do not inflate', () => {
    const garbage = new TimestampSigner({ key: KEY, salt: SALT }).sign('.AAAA');
    expect(() => signingLoads(garbage, { key: KEY, salt: SALT })).toThrow(/^Signed value could not be decoded: /);
  });

  it('writes compressed only when that is shorter by more than the "." it costs', () => {
    expect(signingDumps('a'.repeat(100), { key: KEY, compress: true })).toMatch(/^\./);
    expect(signingDumps('ab', { key: KEY, compress: true })).toMatch(/^ImFiIg:/);
  });
});

describe('signingLoads with SECRET_KEY_FALLBACKS', () => {
  const signedBy = (key: string) => signingDumps({ who: key }, { key, salt: SALT });

  it.each(['current', 'older', 'oldest'])('reads a value signed with the %s key', (key) => {
    expect(signingLoads(signedBy(key), { key: 'current', fallbackKeys: ['older', 'oldest'], salt: SALT })).toEqual({
      who: key,
    });
  });

  it('refuses a value signed with a key in none of them', () => {
    expect(() => signingLoads(signedBy('other'), { key: 'current', fallbackKeys: ['older'], salt: SALT })).toThrow(
      /^Signature "[\w-]+" does not match$/,
    );
  });

  it('refuses a value signed with a fallback key for another salt', () => {
    const signed = signingDumps('v', { key: 'older', salt: 'another' });
    expect(() => signingLoads(signed, { key: 'current', fallbackKeys: ['older'], salt: SALT })).toThrow(BadSignature);
  });
});
