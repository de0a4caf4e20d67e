/**
 * Running real Django 5.2 LTS from an interop test: the virtualenv made by
 * `scripts/django-venv.sh` (.venv-django/, from the machine's local package mirror), a Python
 * script that reads JSON on stdin and prints JSON. The suite is required where the venv exists
 * or `CI=true` (`.ci/run` makes it), skipped with a warning elsewhere.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The venv's Python, which has Django 5.2, redis, psycopg, argon2-cffi and bcrypt. */
export const DJANGO52_PYTHON = join(
  process.env.DJANGO_VENV ?? join(__dirname, '..', '..', '.venv-django'),
  'bin',
  'python',
);

function django52Available(): boolean {
  if (!existsSync(DJANGO52_PYTHON)) return false;
  const probe = spawnSync(DJANGO52_PYTHON, ['-c', 'import django; assert django.VERSION[:2] == (5, 2)'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/**
 * `describe` where the interop suite must run (the venv has Django 5.2, or `CI=true`), else
 * `describe.skip` after a warning that starts with `what`.
 */
export function describeWithDjango52(what: string): jest.Describe {
  const available = django52Available();
  if (!available) {
    console.warn(`${what} skipped: no Django 5.2 at ${DJANGO52_PYTHON} (run: bash scripts/django-venv.sh)`);
  }
  return available || process.env.CI === 'true' ? describe : describe.skip;
}

/**
 * Run `script` under Django 5.2 with `input` as JSON on stdin; its stdout parsed as JSON.
 * `settings` are passed to `django.conf.settings.configure()` by a preamble when given (the
 * script then runs after `django.setup()`).
 * @throws Error with Python's stderr.
 */
export function runDjango52<T>(
  script: string,
  input: unknown,
  options: { settings?: Record<string, unknown>; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): T {
  const preamble = options.settings
    ? [
        'import json as _json, django as _django',
        'from django.conf import settings as _settings',
        `_settings.configure(**_json.loads(${JSON.stringify(JSON.stringify(options.settings))}))`,
        '_django.setup()',
        '',
      ].join('\n')
    : '';
  const spawnOptions: SpawnSyncOptions = {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
  };
  const result = spawnSync(DJANGO52_PYTHON, ['-c', preamble + script], spawnOptions);
  if (result.status !== 0) throw new Error(`Django 5.2 failed: ${String(result.stderr)}`);
  return JSON.parse(String(result.stdout)) as T;
}
