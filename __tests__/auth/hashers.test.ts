/**
 * Password hashers: Django 5.2's own vectors (made by Django 5.2 with a fixed salt), the
 * cases of Django's tests/auth_tests/test_hashers.py that concern these hashers
 * (test_simple, test_pbkdf2, test_unusable, test_bcrypt_sha256, test_argon2, test_scrypt,
 * test_bcrypt_upgrade, test_pbkdf2_upgrade, test_check_password_calls_harden_runtime), and
 * what Django leaves to an exception: malformed hashes are `false` here.
 */
import {
  Argon2PasswordHasher,
  BCryptSHA256PasswordHasher,
  MD5PasswordHasher,
  PBKDF2PasswordHasher,
  ScryptPasswordHasher,
  UNUSABLE_PASSWORD_PREFIX,
  UNUSABLE_PASSWORD_SUFFIX_LENGTH,
  checkPassword,
  getHasher,
  identifyHasher,
  isPasswordUsable,
  makePassword,
} from '../../lib/index.js';
import { loadOptionalPeer } from '../../lib/auth/hashers-base.js';

// Hashing at Django's real cost (1,000,000 PBKDF2 iterations, 100 MiB of argon2) takes
// seconds on a busy 2-core machine; the assertions are on results, not times.
jest.setTimeout(60_000);

/** Django's test PBKDF2SingleIterationHasher. */
class PBKDF2SingleIterationHasher extends PBKDF2PasswordHasher {
  override iterations = 1;
}

// Made by Django 5.2.17: make_password('lètmein', 'seasalt', algorithm).
const DJANGO52 = {
  pbkdf2_sha256: 'pbkdf2_sha256$1000000$seasalt$r1uLUxoxpP2Ued/qxvmje7UH9PUJBkRrvf9gGPL7Cps=',
  pbkdf2_sha1: 'pbkdf2_sha1$1000000$seasalt2$3R9hvSAiAy5ARspAFy5GJ/2rjXo=',
  md5: 'md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3',
  scrypt:
    'scrypt$16384$seasalt$8$5$ECMIUp+LMxMSK8xB/IVyba+KYGTI7FTnet025q/1f/vBAVnnP3hdYqJuRi+mJn6ji6ze3Fbb7JEFPKGpuEf5vw==',
};

describe('makePassword / checkPassword', () => {
  it('test_simple: a new password is pbkdf2_sha256 at Django 5.2’s 1,000,000 iterations and checks', async () => {
    const encoded = await makePassword('lètmein');
    expect(encoded).toMatch(/^pbkdf2_sha256\$1000000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/);
    expect(isPasswordUsable(encoded)).toBe(true);
    expect(await checkPassword('lètmein', encoded)).toBe(true);
    expect(await checkPassword('lètmeinz', encoded)).toBe(false);
  });

  it('test_pbkdf2: the same bytes as Django 5.2 for the same salt', async () => {
    expect(await makePassword('lètmein', { salt: 'seasalt', hasher: 'pbkdf2_sha256' })).toBe(DJANGO52.pbkdf2_sha256);
    expect(await makePassword('lètmein', { salt: 'seasalt2', hasher: 'pbkdf2_sha1' })).toBe(DJANGO52.pbkdf2_sha1);
    expect(identifyHasher(DJANGO52.pbkdf2_sha256).algorithm).toBe('pbkdf2_sha256');
  });

  it('test_pbkdf2: a weak salt must be updated, a generated one need not', async () => {
    const hasher = getHasher('pbkdf2_sha256');
    expect(hasher.mustUpdate('pbkdf2_sha256$1000000$iodizedsalt$x')).toBe(true);
    expect(hasher.mustUpdate(`pbkdf2_sha256$1000000$${String(await hasher.salt())}$x`)).toBe(false);
  });

  it('test_scrypt and test_md5: the same bytes as Django 5.2', async () => {
    expect(await makePassword('lètmein', { salt: 'seasalt', hasher: 'scrypt' })).toBe(DJANGO52.scrypt);
    const hashers = [new MD5PasswordHasher()];
    expect(await makePassword('lètmein', { salt: 'seasalt', hashers })).toBe(DJANGO52.md5);
    expect(await checkPassword('lètmein', DJANGO52.md5, { hashers })).toBe(true);
    expect(await checkPassword('lètmeinz', DJANGO52.md5, { hashers })).toBe(false);
  });

  it('blank passwords are hashed and checked like any other', async () => {
    const hashers = [new PBKDF2SingleIterationHasher()];
    const blank = await makePassword('', { hashers });
    expect(await checkPassword('', blank, { hashers })).toBe(true);
    expect(await checkPassword(' ', blank, { hashers })).toBe(false);
  });

  it('test_unusable: makePassword(null) is "!" and 40 characters, matching nothing', async () => {
    const hashers = [new PBKDF2SingleIterationHasher()];
    const encoded = await makePassword(null);
    expect(encoded).toHaveLength(UNUSABLE_PASSWORD_PREFIX.length + UNUSABLE_PASSWORD_SUFFIX_LENGTH);
    expect(isPasswordUsable(encoded)).toBe(false);
    expect(await checkPassword(null, encoded, { hashers })).toBe(false);
    expect(await checkPassword(encoded, encoded, { hashers })).toBe(false);
    expect(await checkPassword(UNUSABLE_PASSWORD_PREFIX, encoded, { hashers })).toBe(false);
    expect(await checkPassword('', encoded, { hashers })).toBe(false);
    expect(await checkPassword('lètmein', encoded, { hashers })).toBe(false);
    expect(isPasswordUsable(null)).toBe(true);
  });

  it('test_invalid_password: a password that is not a string is refused', async () => {
    await expect(makePassword(1 as unknown as string)).rejects.toThrow('Password must be a string or null, got 1.');
  });

  it('an unknown hasher name says which hashers there are', async () => {
    await expect(makePassword('x', { hasher: 'sha1' })).rejects.toThrow(
      /Unknown password hashing algorithm "sha1": the hashers are pbkdf2_sha256, pbkdf2_sha1, argon2, bcrypt_sha256, scrypt/,
    );
  });

  it.each([
    ['an unknown algorithm', 'sha1$seasalt$cff36ea83f5706ce9aa7454e63e431fc726b2dc8'],
    ['a truncated pbkdf2 hash', 'pbkdf2_sha256$1000000'],
    ['a pbkdf2 hash with a text iteration count', 'pbkdf2_sha256$many$seasalt$abc='],
    ['a scrypt hash whose N is not a power of two', 'scrypt$1000$seasalt$8$5$abc='],
    ['a scrypt hash with a missing field', 'scrypt$16384$seasalt$8$5'],
    ['an argon2 hash with no parameters', 'argon2$argon2id$v=19$$c29tZXNhbHQ$abc'],
    ['an argon2 hash of an unknown variety', 'argon2$argon2x$v=19$m=8,t=1,p=1$c29tZXNhbHQ$abc'],
    ['a bcrypt_sha256 hash that is not bcrypt', 'bcrypt_sha256$$2b$12$short'],
    ['an empty string', ''],
    ['a lone $', '$'],
  ])('%s is false, never an exception', async (_label, encoded) => {
    const hashers = [new PBKDF2SingleIterationHasher(), ...getDefaultsButFirst()];
    expect(await checkPassword('lètmein', encoded, { hashers })).toBe(false);
  });

  it('test_pbkdf2_upgrade: a correct password on another iteration count calls the setter', async () => {
    const old = new PBKDF2SingleIterationHasher();
    const encoded = await old.encode('letmein', 'seasaltseasaltseasalts');
    const upgraded: string[] = [];
    const hashers = [Object.assign(new PBKDF2SingleIterationHasher(), { iterations: 2 })];
    expect(await checkPassword('letmein', encoded, { hashers, setter: (raw) => upgraded.push(raw) })).toBe(true);
    expect(upgraded).toEqual(['letmein']);
    // The same iterations: no upgrade.
    expect(await checkPassword('letmein', encoded, { hashers: [old], setter: (raw) => upgraded.push(raw) })).toBe(true);
    expect(upgraded).toEqual(['letmein']);
    // A wrong password never calls it.
    expect(await checkPassword('nope', encoded, { hashers, setter: (raw) => upgraded.push(raw) })).toBe(false);
    expect(upgraded).toEqual(['letmein']);
  });

  it('test_upgrade: a hash of a non-preferred hasher is upgraded to the preferred one', async () => {
    const hashers = [new PBKDF2SingleIterationHasher(), new MD5PasswordHasher()];
    const calls: string[] = [];
    expect(await checkPassword('lètmein', DJANGO52.md5, { hashers, setter: (raw) => calls.push(raw) })).toBe(true);
    expect(calls).toEqual(['lètmein']);
  });

  it('test_check_password_calls_harden_runtime: a wrong password on a cheaper hash spends the difference', async () => {
    const old = new PBKDF2SingleIterationHasher();
    const encoded = await old.encode('letmein', 'seasaltseasaltseasalts');
    const preferred = Object.assign(new PBKDF2SingleIterationHasher(), { iterations: 5 });
    const extra: number[] = [];
    const encode = preferred.encode.bind(preferred);
    preferred.encode = (password, salt, iterations) => {
      extra.push(iterations ?? preferred.iterations);
      return encode(password, salt, iterations);
    };
    expect(await checkPassword('wrong', encoded, { hashers: [preferred] })).toBe(false);
    // encode once to verify at the stored 1 iteration, then 4 more to reach 5.
    expect(extra).toEqual([1, 4]);
  });
});

function getDefaultsButFirst() {
  return [new Argon2PasswordHasher(), new BCryptSHA256PasswordHasher(), new ScryptPasswordHasher()];
}

describe('argon2 (the argon2 package)', () => {
  it('test_argon2: argon2id with Django’s parameters, byte for byte argon2-cffi’s encoding', async () => {
    const encoded = await makePassword('lètmein', { hasher: 'argon2', salt: 'seasaltseasaltseasalts' });
    expect(encoded).toMatch(
      /^argon2\$argon2id\$v=19\$m=102400,t=2,p=8\$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0cw\$[A-Za-z0-9+/]{43}$/,
    );
    expect(await checkPassword('lètmein', encoded)).toBe(true);
    expect(await checkPassword('lètmeinz', encoded)).toBe(false);
    expect(getHasher('argon2').mustUpdate(encoded)).toBe(false);
  });

  it('test_argon2: old argon2i hashes (argon2-cffi < 16, no version field) still check', async () => {
    // Django's own vector: argon2-cffi before 16 wrote no v= field.
    const legacy =
      'argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg';
    expect(await checkPassword('secret', legacy)).toBe(true);
    expect(await checkPassword('wrong', legacy)).toBe(false);
    expect(getHasher('argon2').mustUpdate(legacy)).toBe(true);
  });
});

describe('bcrypt_sha256 (the bcrypt package)', () => {
  class FastBCrypt extends BCryptSHA256PasswordHasher {
    override rounds = 4;
  }

  it('test_bcrypt_sha256: no truncation at 72 bytes, blank passwords', async () => {
    const hashers = [new FastBCrypt()];
    const encoded = await makePassword('lètmein', { hashers });
    expect(encoded).toMatch(/^bcrypt_sha256\$\$2b\$04\$[./A-Za-z0-9]{53}$/);
    expect(await checkPassword('lètmein', encoded, { hashers })).toBe(true);
    expect(await checkPassword('lètmeinz', encoded, { hashers })).toBe(false);
    const long = 'VSK0UYV6FFQVZ0KG88DYN9WADAADZO1CTSIVDJUNZSUML6IBX7LN7ZS3R5JGB3RGZ7VI7G7DJQ9NI8BQFSRPTG6UWTTVESA5ZPUN';
    const longEncoded = await makePassword(long, { hashers });
    expect(await checkPassword(long, longEncoded, { hashers })).toBe(true);
    expect(await checkPassword(long.slice(0, 72), longEncoded, { hashers })).toBe(false);
    const blank = await makePassword('', { hashers });
    expect(await checkPassword('', blank, { hashers })).toBe(true);
    expect(await checkPassword(' ', blank, { hashers })).toBe(false);
  });

  it('test_bcrypt_upgrade: another work factor must be updated', async () => {
    const encoded = await makePassword('letmein', { hashers: [new FastBCrypt()] });
    expect(new FastBCrypt().mustUpdate(encoded)).toBe(false);
    expect(getHasher('bcrypt_sha256').mustUpdate(encoded)).toBe(true);
  });
});

describe('optional peer dependencies', () => {
  it('a hasher whose package is missing says which npm install to run', async () => {
    await expect(loadOptionalPeer('argon2-not-installed-here', 'argon2')).rejects.toThrow(
      'The argon2 password hasher needs the "argon2-not-installed-here" package, which is not installed: run npm install argon2-not-installed-here',
    );
  });

  it('the installed packages load lazily', async () => {
    await expect(loadOptionalPeer('argon2', 'argon2')).resolves.toHaveProperty('hash');
    await expect(loadOptionalPeer('bcrypt', 'bcrypt_sha256')).resolves.toHaveProperty('genSalt');
  });
});
