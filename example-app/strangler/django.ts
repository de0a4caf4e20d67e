/**
 * The Django half of the strangler example: its virtualenv (Django 5.2 from the machine's
 * package mirror, made by scripts/django-venv.sh), its migrations on the shared SQLite file,
 * the demo chair created by Django itself, and `runserver` on a loopback port of its own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CHAIR } from '../seed-data.js';

/** The Django project (example-app/django/). */
export const DJANGO_PROJECT = join(__dirname, '..', 'django');
const REPO_ROOT = join(__dirname, '..', '..');

/** What both halves must agree on. */
export interface SharedSettings {
  /** Django's `SECRET_KEY`, Express's `secretKey`. */
  secretKey: string;
  /** The SQLite file both open. */
  dbPath: string;
  /** The origins the browser uses, for Django's `CSRF_TRUSTED_ORIGINS` (behind TLS or another host). */
  trustedOrigins?: string[];
}

/** The venv's python, made when missing. @throws Error with the script's output when it fails. */
export function djangoPython(): string {
  const result = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'django-venv.sh')], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Setting up Django 5.2 failed (bash scripts/django-venv.sh):\n${result.stderr}`);
  }
  return result.stdout.trim().split('\n').pop()!;
}

function environment(settings: SharedSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SECRET_KEY: settings.secretKey,
    CONFERENCE_DB: settings.dbPath,
    CSRF_TRUSTED_ORIGINS: (settings.trustedOrigins ?? []).join(','),
    PYTHONUNBUFFERED: '1',
  };
}

function manage(python: string, settings: SharedSettings, args: string[], input?: string): string {
  const result = spawnSync(python, ['manage.py', ...args], {
    cwd: DJANGO_PROJECT,
    env: environment(settings),
    encoding: 'utf8',
    input,
  });
  if (result.status !== 0) {
    throw new Error(`manage.py ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/**
 * Django's tables on the shared file (`migrate`), and the demo chair made by Django's
 * `createsuperuser` with its password set by `set_password` — once: a chair whose password was
 * changed since keeps it.
 */
export function prepareDjango(python: string, settings: SharedSettings): void {
  manage(python, settings, ['migrate', '--noinput', '-v', '0']);
  const script = [
    'from django.contrib.auth import get_user_model',
    'import json, sys',
    'chair = json.load(sys.stdin)',
    'User = get_user_model()',
    'if not User.objects.filter(username=chair["username"]).exists():',
    '    user = User.objects.create_superuser(chair["username"], chair["email"], None)',
    '    user.first_name, user.last_name = chair["first_name"], chair["last_name"]',
    '    user.set_password(chair["password"])',
    '    user.save()',
  ].join('\n');
  const [firstName, ...lastName] = CHAIR.fullName.split(' ');
  manage(
    python,
    settings,
    ['shell', '-c', script],
    JSON.stringify({
      username: CHAIR.username,
      email: `${CHAIR.username}@dccn.example`,
      first_name: firstName,
      last_name: lastName.join(' '),
      password: CHAIR.password,
    }),
  );
}

/** A free loopback port (the OS picks; closed again before Django binds it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A running Django. */
export interface RunningDjango {
  /** `http://127.0.0.1:<port>`: where the Express façade forwards what it does not serve. */
  url: string;
  process: ChildProcess;
  /** Stop it (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * `manage.py runserver` on a free loopback port (`--insecure`: it serves the admin's static
 * files without DEBUG; `--noreload`: one process, stopped with it). Resolves once it answers.
 * @throws Error with Django's output when it exits or does not answer within `timeoutMs`.
 */
export async function startDjango(
  python: string,
  settings: SharedSettings,
  { timeoutMs = 30_000, log = false }: { timeoutMs?: number; log?: boolean } = {},
): Promise<RunningDjango> {
  const port = await freePort();
  const child = spawn(python, ['manage.py', 'runserver', `127.0.0.1:${port}`, '--noreload', '--insecure'], {
    cwd: DJANGO_PROJECT,
    env: environment(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
    if (log) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Django exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/accounts/login/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`Django did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
}
