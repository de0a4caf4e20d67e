/**
 * Password hashes shared with a real Django 5.2: every hasher of Django's default
 * PASSWORD_HASHERS, made by Django and checked here, made here and checked by Django
 * (argon2-cffi and bcrypt on Django's side, the argon2 and bcrypt packages here).
 */
import { checkPassword, makePassword } from '../../lib/index.js';
import { describeWithDjango52, runDjango52 } from '../helpers/django52.js';

const HASHERS = ['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'bcrypt_sha256', 'scrypt'] as const;
const PASSWORD = 'lètmein ✓ 密码';

const DJANGO_SETTINGS = {
  SECRET_KEY: 'interop',
  INSTALLED_APPS: ['django.contrib.auth', 'django.contrib.contenttypes'],
};

describeWithDjango52('password hashes shared with Django 5.2')('password hashes shared with Django 5.2', () => {
  it('Django’s hashes check here, for every default hasher', async () => {
    const made = runDjango52<Record<string, string>>(
      [
        'import sys, json',
        'from django.contrib.auth.hashers import make_password',
        'data = json.load(sys.stdin)',
        'print(json.dumps({h: make_password(data["password"], hasher=h) for h in data["hashers"]}))',
      ].join('\n'),
      { password: PASSWORD, hashers: HASHERS },
      { settings: DJANGO_SETTINGS },
    );
    expect(made.pbkdf2_sha256).toMatch(/^pbkdf2_sha256\$1000000\$/);
    for (const hasher of HASHERS) {
      expect([hasher, await checkPassword(PASSWORD, made[hasher])]).toEqual([hasher, true]);
      expect([hasher, await checkPassword(`${PASSWORD}z`, made[hasher])]).toEqual([hasher, false]);
    }
  }, 60_000);

  it('hashes made here check in Django, and are Django’s bytes for the same salt', async () => {
    const ours: Record<string, string> = {};
    for (const hasher of HASHERS) ours[hasher] = await makePassword(PASSWORD, { hasher });
    const salted: Record<string, string> = {};
    for (const hasher of ['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'scrypt']) {
      salted[hasher] = await makePassword(PASSWORD, { hasher, salt: 'JtqSJ1uGcdxnpJ4wFaahvy' });
    }
    const checked = runDjango52<{
      right: Record<string, boolean>;
      wrong: Record<string, boolean>;
      same: Record<string, string>;
    }>(
      [
        'import sys, json',
        'from django.contrib.auth.hashers import check_password, make_password',
        'data = json.load(sys.stdin)',
        'p = data["password"]',
        'print(json.dumps({',
        '  "right": {h: check_password(p, e) for h, e in data["ours"].items()},',
        '  "wrong": {h: check_password(p + "z", e) for h, e in data["ours"].items()},',
        '  "same": {h: make_password(p, "JtqSJ1uGcdxnpJ4wFaahvy", h) for h in data["salted"]},',
        '}))',
      ].join('\n'),
      { password: PASSWORD, ours, salted },
      { settings: DJANGO_SETTINGS },
    );
    expect(checked.right).toEqual(Object.fromEntries(HASHERS.map((hasher) => [hasher, true])));
    expect(checked.wrong).toEqual(Object.fromEntries(HASHERS.map((hasher) => [hasher, false])));
    expect(checked.same).toEqual(salted);
  }, 60_000);
});
