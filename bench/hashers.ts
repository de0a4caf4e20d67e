/**
 * The cost of one password check per hasher, here and in Django 5.2 (the venv of
 * scripts/django-venv.sh), at Django's default parameters: what a login costs the server.
 *
 *   node -r ./bench/ts-register.js bench/hashers.ts [calls per hasher, default 5]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkPassword, makePassword } from '../lib/index.js';

const HASHERS = ['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'bcrypt_sha256', 'scrypt'] as const;
const calls = Number(process.argv[2] ?? 5);
const python = join(__dirname, '..', '.venv-django', 'bin', 'python');

/** Milliseconds per checkPassword call in Django, by hasher; `undefined` without the venv. */
function djangoCosts(encoded: Record<string, string>): Record<string, number> | undefined {
  const script = `
import json, sys, time
from django.conf import settings
settings.configure(SECRET_KEY="bench")
import django; django.setup()
from django.contrib.auth.hashers import check_password
data = json.load(sys.stdin)
out = {}
for name, encoded in data["encoded"].items():
    start = time.perf_counter()
    for _ in range(data["calls"]): assert check_password("correct horse", encoded)
    out[name] = (time.perf_counter() - start) * 1000 / data["calls"]
print(json.dumps(out))`;
  const run = spawnSync(python, ['-c', script], { input: JSON.stringify({ encoded, calls }), encoding: 'utf8' });
  return run.status === 0 ? (JSON.parse(run.stdout) as Record<string, number>) : undefined;
}

async function main(): Promise<void> {
  const encoded: Record<string, string> = {};
  const ours: Record<string, number> = {};
  for (const hasher of HASHERS) {
    encoded[hasher] = await makePassword('correct horse', { hasher });
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await checkPassword('correct horse', encoded[hasher]);
    ours[hasher] = Number(process.hrtime.bigint() - start) / 1e6 / calls;
  }
  const django = djangoCosts(encoded);
  console.log(`| hasher | checkPassword here, ms/call | Django 5.2, ms/call | here / Django |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const hasher of HASHERS) {
    const theirs = django?.[hasher];
    const here = ours[hasher] as number;
    console.log(
      `| ${hasher} | ${here.toFixed(1)} | ${theirs === undefined ? 'n/a' : theirs.toFixed(1)} | ${theirs === undefined ? 'n/a' : (here / theirs).toFixed(2)} |`,
    );
  }
}

void main();
