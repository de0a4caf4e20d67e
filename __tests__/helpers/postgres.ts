/**
 * A real PostgreSQL server (Debian's `postgresql` package) for a test: a cluster made by initdb
 * in a temporary directory, started on a free loopback port with trust authentication, stopped
 * and removed after. Required where PostgreSQL is installed or `CI=true` (.ci/run installs it),
 * skipped with a warning elsewhere. Run as root, the server runs as the `postgres` user, since
 * PostgreSQL refuses to run as root.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis.js';

/** Where Debian keeps the server's programs (the newest installed version). */
function binDir(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Whether PostgreSQL's server programs are installed. */
export function postgresAvailable(): boolean {
  return binDir() !== undefined;
}

/** `describe` where PostgreSQL must be tested (installed, or `CI=true`), else `describe.skip` after a warning. */
export function describeWithPostgres(what: string): jest.Describe {
  const available = postgresAvailable();
  if (!available) console.warn(`${what} skipped: PostgreSQL is not installed (apt-get install -y postgresql)`);
  return available || process.env.CI === 'true' ? describe : describe.skip;
}

/** A running PostgreSQL server. */
export interface PostgresServer {
  port: number;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, for pg's `connectionString` or Django's settings. */
  url: string;
  /** Stop it (fast shutdown), wait for it to exit, and remove its directory. */
  stop(): Promise<void>;
}

/** The uid/gid to run the server as: the `postgres` user when this process is root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error('PostgreSQL refuses to run as root and there is no postgres user to run it as.');
  }
  return { uid, gid };
}

/** Make a cluster in a temporary directory and start it on a free port; resolves once it accepts connections. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql).');
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const options: SpawnOptions = { stdio: 'ignore', ...(user ?? {}) };
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    {
      ...options,
      encoding: 'utf8',
      stdio: 'pipe',
    },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr}`);
  }
  // Ready means this server's own Unix socket (in `dir`) answers: the TCP port cannot tell, as
  // another suite's server may have taken the same free port meanwhile (this one then exits).
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'full_page_writes=off'],
      options,
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const halt = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
      await exited;
    };
    const stop = async (): Promise<void> => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    };
    const until = Date.now() + 20_000;
    for (;;) {
      const ready = spawnSync(join(bin, 'pg_isready'), ['-h', dir, '-p', String(port), '-U', 'postgres'], {
        stdio: 'ignore',
      });
      if (ready.status === 0 && child.exitCode === null) {
        return { port, url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
      }
      if (child.exitCode !== null || child.signalCode !== null) break;
      if (Date.now() > until) {
        await stop();
        throw new Error(`PostgreSQL did not start on port ${port} within 20 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await halt();
    if (attempt === 5) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL could not listen on 127.0.0.1:${port}`);
    }
  }
}
