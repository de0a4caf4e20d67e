/**
 * Running real Django (Debian's python3-django, Django 3.2) from a cross-check test: a Python
 * script reads JSON on stdin and prints JSON, and the suite is required where Django is
 * importable or `CI=true` (CI installs python3-django), skipped with a warning elsewhere.
 */
import { spawnSync } from 'node:child_process';

/** Debian's Python, which has Django 3.2 (not whatever `python3` is first on the PATH). */
export const PYTHON = '/usr/bin/python3';

function djangoAvailable(): boolean {
  try {
    return spawnSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}

/**
 * `describe` where the cross-check must run (Django importable, or `CI=true`), else
 * `describe.skip` after a warning that starts with `what` ("Django cross-check", ...).
 */
export function describeWithDjango(what: string): jest.Describe {
  const available = djangoAvailable();
  if (!available) {
    console.warn(`${what} skipped: ${PYTHON} cannot import django (apt-get install -y python3-django)`);
  }
  return available || process.env.CI === 'true' ? describe : describe.skip;
}

/** Run `script` with `args`, `input` as JSON on stdin; its stdout parsed as JSON. @throws Error with Django's stderr. */
export function runDjangoScript<T>(script: string, input: unknown, args: string[] = []): T {
  const result = spawnSync(PYTHON, ['-c', script, ...args], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`Django failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
